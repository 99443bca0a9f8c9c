// Integration: credential checks, lockout per (email, client), the per-email cap and the per-client
// throttle, against a real SQLite database.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// Counts argon2 verifies and records which hash each one used.
const verifies = vi.hoisted(() => [] as string[]);
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...original,
    verifyPassword: async (hash: string, plain: string) => {
      verifies.push(hash);
      return original.verifyPassword(hash, plain);
    },
  };
});

let db: PrismaClient;
let cleanup: () => Promise<void>;
let auth: typeof import("@/lib/auth/login");
const PASSWORD = "crosssell-demo";
const LOCKED_15 = /^Too many failed sign-ins: this account is locked for 15 more minutes\./;

let nextClient = 1;
/** Headers of a client no other test uses (clientIp reads the rightmost X-Forwarded-For entry). */
function newClient(): Headers {
  return new Headers({ "x-forwarded-for": `203.0.113.${nextClient++}`, "user-agent": "vitest-agent" });
}

const sleeps: number[] = [];
const deps = (now?: number) => ({ sleep: async (ms: number) => void sleeps.push(ms), ...(now !== undefined && { now: () => now }) });

/** The message of a refused attempt. */
async function refusal(email: string, password: string, headers: Headers, now?: number): Promise<string> {
  try {
    await auth.authenticate({ email, password }, headers, deps(now));
  } catch (e) {
    if (e instanceof auth.LoginError) return e.message;
    throw e;
  }
  throw new Error(`sign-in as ${email} succeeded`);
}

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase({ accounts: 50, seed: 3 }));
  auth = await import("@/lib/auth/login");
});

afterAll(async () => {
  await cleanup?.();
});

describe("authenticate", () => {
  it("returns the actor with role, team and session version for the right password, case-insensitive email, and audits it with the client", async () => {
    const actor = await auth.authenticate({ email: "Ava@Example.com", password: PASSWORD }, newClient(), deps());
    expect(actor).toMatchObject({ email: "ava@example.com", role: "REP", sessionVersion: 0 });
    expect(actor.teamId).toBeTruthy();
    const row = await db.auditLog.findFirstOrThrow({ where: { action: "auth.login", userId: actor.id } });
    expect(row.ip).toMatch(/^203\.0\.113\./);
    expect(row.userAgent).toBe("vitest-agent");
  });

  it("gives the same message for an unknown email, a wrong password and a deactivated user", async () => {
    await db.user.update({ where: { email: "hugo@example.com" }, data: { active: false } });
    const client = newClient();
    expect(await refusal("nobody@example.com", PASSWORD, client)).toBe("Wrong email or password.");
    expect(await refusal("ben@example.com", "nope", client)).toBe("Wrong email or password.");
    expect(await refusal("hugo@example.com", PASSWORD, client)).toBe("Wrong email or password.");
  });

  it("names the bad field for malformed input", async () => {
    await expect(auth.authenticate({ email: "not-an-email", password: "x" }, newClient(), deps())).rejects.toThrow("Enter a valid email address");
  });

  it("does exactly one argon2 verify per attempt: the user's hash, or a decoy when unknown, deactivated or locked", async () => {
    const ben = await db.user.findUniqueOrThrow({ where: { email: "ben@example.com" } });
    const client = newClient();
    const hashes = async (email: string, password: string) => {
      verifies.length = 0;
      await auth.authenticate({ email, password }, client, deps()).catch(() => undefined);
      return [...verifies];
    };
    expect(await hashes("ben@example.com", PASSWORD)).toEqual([ben.passwordHash]);
    expect(await hashes("ben@example.com", "wrong")).toEqual([ben.passwordHash]);
    const [decoy] = await hashes("nobody-at-all@example.com", "x");
    expect(decoy).toMatch(/^\$argon2id\$/);
    expect(decoy).not.toBe(ben.passwordHash);
    expect(await hashes("hugo@example.com", PASSWORD)).toEqual([decoy]);
    for (let i = 0; i < 4; i++) await hashes("ben@example.com", "wrong");
    // Locked now (five failures from this client): even the right password is checked against the decoy.
    expect(await hashes("ben@example.com", PASSWORD)).toEqual([decoy]);
  });

  it("locks an email for one client after five failures from it, while another client still signs in", async () => {
    const email = "finn@example.com";
    const desk = newClient();
    const attacker = newClient();
    for (let i = 0; i < 4; i++) expect(await refusal(email, "bad", attacker)).toBe("Wrong email or password.");
    expect(await refusal(email, "bad", attacker)).toMatch(LOCKED_15);
    expect(await refusal(email, PASSWORD, attacker)).toMatch(LOCKED_15);
    const finn = await db.user.findUniqueOrThrow({ where: { email } });
    expect(finn.lockedUntil).toBeNull(); // not locked everywhere
    expect(await db.auditLog.count({ where: { action: "auth.locked", entityId: finn.id } })).toBe(1);

    // The rep at their own desk is not locked out, and signing in clears only their own failures.
    const actor = await auth.authenticate({ email, password: PASSWORD }, desk, deps());
    expect(actor.email).toBe(email);
    expect(await refusal(email, PASSWORD, attacker)).toMatch(/^Too many failed sign-ins/);
  });

  it("starts afresh for that client once the failures are older than the lockout window", async () => {
    const email = "chloe@example.com";
    const client = newClient();
    for (let i = 0; i < 5; i++) await refusal(email, "bad", client);
    expect(await refusal(email, PASSWORD, client)).toMatch(/^Too many failed sign-ins/);
    const later = Date.now() + (auth.LOCKOUT_MINUTES + 1) * 60_000;
    expect(await refusal(email, "bad", client, later)).toBe("Wrong email or password.");
    const actor = await auth.authenticate({ email, password: PASSWORD }, client, deps(later));
    expect(actor.email).toBe(email);
    expect(await db.loginFailure.count({ where: { email, client: client.get("x-forwarded-for")! } })).toBe(0);
  });

  it("treats an unknown email exactly like a known one: same messages at every step", async () => {
    const run = async (email: string) => {
      const client = newClient();
      const messages: string[] = [];
      for (let i = 0; i < 7; i++) messages.push(await refusal(email, i === 6 ? PASSWORD : "bad", client));
      return messages;
    };
    const known = await run("dan@example.com");
    const unknown = await run("no-such-rep@example.com");
    expect(unknown).toEqual(known);
    expect(known.slice(0, 4)).toEqual(Array(4).fill("Wrong email or password."));
    expect(known[4]).toMatch(LOCKED_15);
    expect(known[6]).toMatch(LOCKED_15);
  });

  it("locks an email everywhere after 20 failures from all clients, and shows it on the user", async () => {
    const email = "eva@example.com";
    for (let i = 0; i < auth.MAX_FAILED_LOGINS_PER_EMAIL - 1; i++) expect(await refusal(email, "bad", newClient())).toBe("Wrong email or password.");
    expect(await refusal(email, "bad", newClient())).toMatch(LOCKED_15);
    expect(await refusal(email, PASSWORD, newClient())).toMatch(/^Too many failed sign-ins/);
    const eva = await db.user.findUniqueOrThrow({ where: { email } });
    const minutes = (eva.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(eva.failedLoginCount).toBe(auth.MAX_FAILED_LOGINS_PER_EMAIL + 1);

    // The same cap for an email without an account.
    for (let i = 0; i < auth.MAX_FAILED_LOGINS_PER_EMAIL - 1; i++) await refusal("ghost@example.com", "bad", newClient());
    expect(await refusal("ghost@example.com", "bad", newClient())).toMatch(LOCKED_15);
  });

  it("delays a client progressively after three failures, whatever the emails, capped at 8 s", async () => {
    const client = newClient();
    sleeps.length = 0;
    for (let i = 0; i < 10; i++) await refusal(`spray-${i}@example.com`, "bad", client);
    expect(sleeps).toEqual([0, 0, 0, 250, 500, 1000, 2000, 4000, 8000, 8000]);
    // Another client is not slowed down by it.
    sleeps.length = 0;
    await refusal("spray-0@example.com", "bad", newClient());
    expect(sleeps).toEqual([0]);
  });

  it("counts attempts still in flight, so a burst of parallel requests does not escape the delay", async () => {
    const client = newClient();
    sleeps.length = 0;
    await Promise.all(Array.from({ length: 6 }, (_, i) => refusal(`burst-${i}@example.com`, "bad", client)));
    expect(Math.max(...sleeps)).toBeGreaterThanOrEqual(1000);
  });

  it("prunes failures older than a day", async () => {
    const old = await db.loginFailure.create({ data: { email: "old@example.com", client: "198.51.100.1", createdAt: new Date(Date.now() - 25 * 60 * 60_000) } });
    // Pruning runs at most every few minutes per process: ask from an hour later.
    await refusal("prune@example.com", "bad", newClient(), Date.now() + 60 * 60_000);
    expect(await db.loginFailure.findUnique({ where: { id: old.id } })).toBeNull();
  });
});

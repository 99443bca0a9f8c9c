// Integration: session tokens against the user's session version, active flag and the absolute
// lifetime, through next-auth's own session route (the code behind /api/auth/session).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode, type JWT } from "next-auth/jwt";
import { createTestDatabase } from "@/lib/testing/test-db";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const SECRET = "integration-test-secret";
process.env.NEXTAUTH_SECRET = SECRET;
process.env.NEXTAUTH_URL = "http://localhost:3000";

let db: PrismaClient;
let cleanup: () => Promise<void>;
let policy: typeof import("@/lib/auth/session-policy");
let authOptions: typeof import("@/lib/auth/options").authOptions;
let getServerSession: typeof import("next-auth").getServerSession;

const HOUR = 60 * 60;
const nowSeconds = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase({ accounts: 20, seed: 5 }));
  policy = await import("@/lib/auth/session-policy");
  authOptions = (await import("@/lib/auth/options")).authOptions;
  getServerSession = (await import("next-auth")).getServerSession;
});

afterAll(async () => {
  await cleanup?.();
});

async function tokenFor(email: string, overrides: Partial<JWT> = {}): Promise<JWT> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return { sub: user.id, email, name: user.name, role: user.role, teamId: user.teamId, sv: user.sessionVersion, authTime: nowSeconds() - 60, ...overrides };
}

/**
 * next-auth's session route (core/routes/session.js, behind GET /api/auth/session) with the token as
 * the session cookie, through getServerSession's (req, res) form so the cookies it sets are seen.
 */
async function sessionRoute(token: JWT) {
  const cookie = await encode({ token, secret: SECRET });
  const setCookie: string[] = [];
  const res = {
    getHeader: () => [...setCookie],
    setHeader: (_name: string, value: string[]) => void setCookie.splice(0, setCookie.length, ...value),
  };
  const req = { headers: {}, cookies: { "next-auth.session-token": cookie } };
  const session = await getServerSession(req as never, res as never, authOptions);
  const sessionCookies = setCookie.filter((c) => c.startsWith("next-auth.session-token="));
  return {
    body: (session ?? {}) as Record<string, unknown>,
    renewed: sessionCookies.filter((c) => !c.startsWith("next-auth.session-token=;")),
    cleared: sessionCookies.filter((c) => c.startsWith("next-auth.session-token=;")),
  };
}

describe("lifetimes", () => {
  it("slides with a 2 h idle limit (updateAge 5 min) inside an absolute 12 h from sign-in", () => {
    expect(policy.SESSION_IDLE_SECONDS).toBe(2 * HOUR);
    expect(policy.SESSION_ABSOLUTE_SECONDS).toBe(12 * HOUR);
    expect(authOptions.session).toMatchObject({ strategy: "jwt", maxAge: 2 * HOUR, updateAge: 5 * 60 });
  });
});

describe("sessionRefusal", () => {
  const claims = { userId: "u1", sv: 3, authTime: nowSeconds() - HOUR };
  const user = { active: true, sessionVersion: 3 };

  it("accepts a current token and names each reason to refuse one", () => {
    expect(policy.sessionRefusal(claims, user)).toBeNull();
    expect(policy.sessionRefusal(null, user)).toBe("malformed");
    expect(policy.sessionRefusal(claims, null)).toBe("unknown-user");
    expect(policy.sessionRefusal(claims, { ...user, active: false })).toBe("inactive");
    expect(policy.sessionRefusal(claims, { ...user, sessionVersion: 4 })).toBe("revoked");
    expect(policy.sessionRefusal({ ...claims, authTime: nowSeconds() - 12 * HOUR - 1 }, user)).toBe("expired");
    expect(policy.sessionRefusal({ ...claims, authTime: nowSeconds() - 12 * HOUR + 30 }, user)).toBeNull();
    expect(policy.sessionRefusal({ ...claims, authTime: nowSeconds() + HOUR }, user)).toBe("expired");
  });

  it("reads only well-typed claims: a token from before sv and authTime existed is malformed", () => {
    expect(policy.readClaims({ sub: "u1", sv: 0, authTime: 1 })).toEqual({ userId: "u1", sv: 0, authTime: 1 });
    expect(policy.readClaims({ sub: "u1" })).toBeNull();
    expect(policy.readClaims({ sub: "u1", sv: "0", authTime: 1 })).toBeNull();
    expect(policy.readClaims({ sv: 0, authTime: 1 })).toBeNull();
  });
});

describe("the jwt callback", () => {
  it("stamps the session version and the sign-in time at sign-in", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "ava@example.com" } });
    await db.user.update({ where: { id: user.id }, data: { sessionVersion: 7 } });
    const token = await authOptions.callbacks!.jwt!({
      token: { sub: user.id } as JWT,
      user: { id: user.id, email: user.email, name: user.name, role: user.role, teamId: user.teamId, sessionVersion: 7 } as never,
      account: null,
    });
    expect(token).toMatchObject({ sub: user.id, role: "REP", sv: 7 });
    expect(Math.abs((token.authTime as number) - nowSeconds())).toBeLessThanOrEqual(2);
  });
});

describe("/api/auth/session", () => {
  it("renews a current token", async () => {
    const { body, renewed, cleared } = await sessionRoute(await tokenFor("ben@example.com"));
    expect(body).toMatchObject({ user: { email: "ben@example.com" } });
    expect(renewed).toHaveLength(1);
    expect(cleared).toHaveLength(0);
  });

  it("after sign-out answers {} and clears the cookie instead of renewing it; sign-out is audited once", async () => {
    const token = await tokenFor("chloe@example.com");
    expect(await policy.endSession(token)).toBe(true);
    const chloe = await db.user.findUniqueOrThrow({ where: { email: "chloe@example.com" } });
    expect(chloe.sessionVersion).toBe((token.sv as number) + 1);
    const { body, renewed, cleared } = await sessionRoute(token);
    expect(body).toEqual({});
    expect(renewed).toHaveLength(0);
    expect(cleared.length).toBeGreaterThan(0);
    // Signing out again with the stale token changes nothing and audits nothing.
    expect(await policy.endSession(token)).toBe(false);
    expect(await db.auditLog.count({ where: { action: "auth.logout", userId: chloe.id } })).toBe(1);
    // A new sign-in (the current version) works again.
    expect((await sessionRoute(await tokenFor("chloe@example.com"))).body).toMatchObject({ user: { email: "chloe@example.com" } });
  });

  it("refuses a token older than 12 hours, a deactivated user's and a token without the new claims", async () => {
    const stale = await sessionRoute(await tokenFor("dan@example.com", { authTime: nowSeconds() - 12 * HOUR - 60 }));
    expect(stale.body).toEqual({});
    expect(stale.renewed).toHaveLength(0);

    const token = await tokenFor("finn@example.com");
    await db.user.update({ where: { email: "finn@example.com" }, data: { active: false } });
    expect((await sessionRoute(token)).body).toEqual({});

    const legacy = await tokenFor("eva@example.com");
    delete legacy.sv;
    delete legacy.authTime;
    expect((await sessionRoute(legacy)).body).toEqual({});
  });

  it("events.signOut bumps the version of the token's user", async () => {
    const token = await tokenFor("grace@example.com");
    await authOptions.events!.signOut!({ token, session: undefined as never });
    expect((await db.user.findUniqueOrThrow({ where: { email: "grace@example.com" } })).sessionVersion).toBe((token.sv as number) + 1);
    expect((await sessionRoute(token)).body).toEqual({});
  });
});

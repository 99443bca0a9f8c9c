// Integration: credential checks and lockout against a real SQLite database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-login-"));
const url = `file:${path.join(dir, "test.db")}`;
process.env.DATABASE_URL = url;

let db: PrismaClient;
let auth: typeof import("@/lib/auth/login");
const PASSWORD = "crosssell-demo";

beforeAll(async () => {
  const { migrate } = await import("@/scripts/lib-env");
  const { seedDatabase } = await import("@/prisma/seed/index");
  migrate(url);
  await seedDatabase({ url, accounts: 50, seed: 3, reset: false });
  db = (await import("@/lib/db")).db;
  auth = await import("@/lib/auth/login");
});

afterAll(async () => {
  await db?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("authenticate", () => {
  it("returns the actor with role and team for the right password, case-insensitive email", async () => {
    const actor = await auth.authenticate({ email: "Ava@Example.com", password: PASSWORD });
    expect(actor).toMatchObject({ email: "ava@example.com", role: "REP" });
    expect(actor.teamId).toBeTruthy();
  });

  it("gives the same message for an unknown email and a wrong password", async () => {
    await expect(auth.authenticate({ email: "nobody@example.com", password: PASSWORD })).rejects.toThrow("Wrong email or password.");
    await expect(auth.authenticate({ email: "ben@example.com", password: "nope" })).rejects.toThrow("Wrong email or password.");
  });

  it("names the bad field for malformed input", async () => {
    await expect(auth.authenticate({ email: "not-an-email", password: "x" })).rejects.toThrow("Enter a valid email address");
  });

  it("locks after five failures, refuses the right password while locked, and starts afresh once the lock expires", async () => {
    const email = "finn@example.com";
    for (let i = 0; i < 4; i++) await expect(auth.authenticate({ email, password: "bad" })).rejects.toThrow("Wrong email or password.");
    await expect(auth.authenticate({ email, password: "bad" })).rejects.toThrow(/locked for 15 more minutes/);
    await expect(auth.authenticate({ email, password: PASSWORD })).rejects.toThrow(/Too many failed sign-ins/);
    const locked = await db.user.findUniqueOrThrow({ where: { email } });
    expect(locked.failedLoginCount).toBe(5);
    const minutes = (locked.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(await db.auditLog.count({ where: { action: "auth.locked", entityId: locked.id } })).toBe(1);

    // Let the lock expire.
    await db.user.update({ where: { email }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    await expect(auth.authenticate({ email, password: "bad" })).rejects.toThrow("Wrong email or password.");
    expect((await db.user.findUniqueOrThrow({ where: { email } })).failedLoginCount).toBe(1);
    const actor = await auth.authenticate({ email, password: PASSWORD });
    expect(actor.email).toBe(email);
    const after = await db.user.findUniqueOrThrow({ where: { email } });
    expect(after.failedLoginCount).toBe(0);
    expect(after.lockedUntil).toBeNull();
  });

  it("locks an unknown email after five tries just like a real one, so lockout reveals nothing", async () => {
    const email = "nobody-here@example.com";
    for (let i = 0; i < 4; i++) await expect(auth.authenticate({ email, password: "x" })).rejects.toThrow("Wrong email or password.");
    await expect(auth.authenticate({ email, password: "x" })).rejects.toThrow(/locked for 15 more minutes/);
    await expect(auth.authenticate({ email, password: PASSWORD })).rejects.toThrow(/Too many failed sign-ins/);
    // Once the window has passed, it is back to the plain message.
    await db.auditLog.updateMany({ where: { entityType: "Email", entityId: email }, data: { createdAt: new Date(Date.now() - 16 * 60_000) } });
    await expect(auth.authenticate({ email, password: "x" })).rejects.toThrow("Wrong email or password.");
  });

  it("refuses a deactivated user", async () => {
    await db.user.update({ where: { email: "hugo@example.com" }, data: { active: false } });
    await expect(auth.authenticate({ email: "hugo@example.com", password: PASSWORD })).rejects.toThrow("Wrong email or password.");
  });
});

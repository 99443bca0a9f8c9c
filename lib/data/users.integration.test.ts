// Integration: admin changes to users end the user's sessions at once (session version), are audited
// with before/after values, and refuse what would lock the admin out of user management.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";

let db: PrismaClient;
let cleanup: () => Promise<void>;
let actor: (email: string) => Actor;
let users: typeof import("@/lib/data/users");
let policy: typeof import("@/lib/auth/session-policy");

beforeAll(async () => {
  ({ db, cleanup, actor } = await createTestDatabase({ accounts: 20, seed: 7 }));
  users = await import("@/lib/data/users");
  policy = await import("@/lib/auth/session-policy");
});

afterAll(async () => {
  await cleanup?.();
});

const userRow = (email: string) => db.user.findUniqueOrThrow({ where: { email } });
/** A session token of the user as it stands now (current version, signed in a minute ago). */
async function currentToken(email: string) {
  const u = await userRow(email);
  return { sub: u.id, sv: u.sessionVersion, authTime: Math.floor(Date.now() / 1000) - 60 };
}

describe("setUserActive", () => {
  it("is not found for anyone without users:manage, and changes nothing", async () => {
    const hugo = await userRow("hugo@example.com");
    for (const who of ["ava@example.com", "nina.manager@example.com"]) {
      await expect(users.setUserActive(actor(who), { userId: hugo.id, active: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(users.changeUserAccess(actor(who), { userId: hugo.id, role: "ADMIN" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await userRow("hugo@example.com")).toMatchObject({ active: true, role: "REP", sessionVersion: hugo.sessionVersion });
  });

  it("deactivation ends the user's sessions in the same transaction and is audited with before and after", async () => {
    const admin = actor("admin@example.com");
    const token = await currentToken("hugo@example.com");
    await expect(policy.assertSessionCurrent(token)).resolves.toBeTruthy();

    const result = await users.setUserActive(admin, { userId: token.sub, active: false });
    expect(result).toMatchObject({ id: token.sub, active: false });
    expect((await userRow("hugo@example.com")).sessionVersion).toBe(token.sv + 1);
    await expect(policy.assertSessionCurrent(token)).rejects.toMatchObject({ reason: "inactive" });
    const row = await db.auditLog.findFirstOrThrow({ where: { action: "user.deactivate", entityId: token.sub } });
    expect(row.userId).toBe(admin.id);
    expect(row.details).toEqual({ before: { active: true }, after: { active: false } });

    // Again: already inactive, so no new version and no new audit row.
    await users.setUserActive(admin, { userId: token.sub, active: false });
    expect((await userRow("hugo@example.com")).sessionVersion).toBe(token.sv + 1);
    expect(await db.auditLog.count({ where: { action: "user.deactivate", entityId: token.sub } })).toBe(1);

    // Reactivated, the old token still does not come back to life.
    await users.setUserActive(admin, { userId: token.sub, active: true });
    expect(await userRow("hugo@example.com")).toMatchObject({ active: true, sessionVersion: token.sv + 2 });
    await expect(policy.assertSessionCurrent(token)).rejects.toMatchObject({ reason: "revoked" });
  });

  it("refuses an admin deactivating themselves, with a clear message", async () => {
    const admin = actor("admin@example.com");
    await expect(users.setUserActive(admin, { userId: admin.id, active: false })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("You cannot deactivate your own account"),
      fieldErrors: { active: expect.any(String) },
    });
    expect((await userRow("admin@example.com")).active).toBe(true);
  });

  it("is not found for an unknown user", async () => {
    await expect(users.setUserActive(actor("admin@example.com"), { userId: "no-such-user", active: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("changeUserAccess", () => {
  it("moves a rep to another team, ends their sessions and audits before and after", async () => {
    const admin = actor("admin@example.com");
    const finn = await userRow("finn@example.com");
    const north = await db.team.findUniqueOrThrow({ where: { name: "North" } });
    expect(finn.teamId).not.toBe(north.id);
    const token = await currentToken("finn@example.com");

    const result = await users.changeUserAccess(admin, { userId: finn.id, teamId: north.id });
    expect(result).toMatchObject({ id: finn.id, role: "REP", teamId: north.id });
    expect((await userRow("finn@example.com")).sessionVersion).toBe(finn.sessionVersion + 1);
    await expect(policy.assertSessionCurrent(token)).rejects.toMatchObject({ reason: "revoked" });
    const row = await db.auditLog.findFirstOrThrow({ where: { action: "user.access_change", entityId: finn.id } });
    // Finn's accounts carry his team, so they moved with him.
    const accountsMoved = await db.account.count({ where: { ownerId: finn.id, teamId: north.id } });
    expect(accountsMoved).toBeGreaterThan(0);
    expect(row.details).toEqual({ before: { role: "REP", teamId: finn.teamId }, after: { role: "REP", teamId: north.id }, accountsMoved });
  });

  it("promotes a rep to manager of their team once their accounts have another owner", async () => {
    const admin = actor("admin@example.com");
    let dan = await userRow("dan@example.com");
    await expect(users.changeUserAccess(admin, { userId: dan.id, role: "MANAGER" })).rejects.toMatchObject({ fieldErrors: { role: expect.stringContaining("reassign them") } });
    const { reassignAccounts } = await import("@/lib/data/users-admin");
    await reassignAccounts(admin, { fromUserId: dan.id, toUserId: (await userRow("ava@example.com")).id, deactivate: false, version: dan.version });
    dan = await userRow("dan@example.com");
    const result = await users.changeUserAccess(admin, { userId: dan.id, role: "MANAGER" });
    expect(result).toMatchObject({ role: "MANAGER", teamId: dan.teamId });
    expect((await userRow("dan@example.com")).sessionVersion).toBe(dan.sessionVersion + 1);
  });

  it("changes nothing, version included, when nothing changes or the input is refused", async () => {
    const admin = actor("admin@example.com");
    const chloe = await userRow("chloe@example.com");
    await users.changeUserAccess(admin, { userId: chloe.id, role: "REP", teamId: chloe.teamId });
    await expect(users.changeUserAccess(admin, { userId: chloe.id, teamId: "no-such-team" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { teamId: "That team does not exist." },
    });
    await expect(users.changeUserAccess(admin, { userId: chloe.id, role: "MANAGER", teamId: null })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { teamId: expect.stringContaining("choose a team") },
    });
    await expect(users.changeUserAccess(admin, { userId: chloe.id, role: "OWNER" as never })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await userRow("chloe@example.com")).toMatchObject({ role: "REP", teamId: chloe.teamId, sessionVersion: chloe.sessionVersion });
    expect(await db.auditLog.count({ where: { action: "user.access_change", entityId: chloe.id } })).toBe(0);
  });

  it("refuses an admin demoting themselves, with a clear message", async () => {
    const admin = actor("admin@example.com");
    const north = await db.team.findUniqueOrThrow({ where: { name: "North" } });
    await expect(users.changeUserAccess(admin, { userId: admin.id, role: "MANAGER", teamId: north.id })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("You cannot remove your own user management access"),
      fieldErrors: { role: expect.any(String) },
    });
    expect(await userRow("admin@example.com")).toMatchObject({ role: "ADMIN", teamId: null });
  });

  it("is not found for an unknown user", async () => {
    await expect(users.changeUserAccess(actor("admin@example.com"), { userId: "no-such-user", role: "REP" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

// Integration: the users and teams admin on a real database (SQLite, or PostgreSQL with TEST_DATABASE):
// guards (last admin, self-deactivation, roles that cannot own accounts), optimistic-version conflicts,
// first passwords that must be changed, unlock, one-step reassignment, and teams.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";

let db: PrismaClient;
let cleanup: () => Promise<void>;
let actor: (email: string) => Actor;
let users: typeof import("@/lib/data/users");
let admin: typeof import("@/lib/data/users-admin");
let teams: typeof import("@/lib/data/teams");
let own: typeof import("@/lib/data/users-password");
let password: typeof import("@/lib/auth/password");

beforeAll(async () => {
  ({ db, cleanup, actor } = await createTestDatabase({ accounts: 40, seed: 5 }));
  users = await import("@/lib/data/users");
  admin = await import("@/lib/data/users-admin");
  teams = await import("@/lib/data/teams");
  own = await import("@/lib/data/users-password");
  password = await import("@/lib/auth/password");
});

afterAll(async () => {
  await cleanup?.();
});

const row = (id: string) => db.user.findUniqueOrThrow({ where: { id } });
const asActor = (u: { id: string; email: string; name: string; role: Actor["role"]; teamId: string | null }): Actor => ({ id: u.id, email: u.email, name: u.name, role: u.role, teamId: u.teamId });

async function newUser(email: string, role: Actor["role"], teamId: string | null = null) {
  const { user } = await admin.createUser(actor("admin@example.com"), { name: email.split("@")[0], email, role, teamId, passwordMode: "set", password: "first-password-123" });
  return user;
}

describe("creating users", () => {
  it("stores a first password that must be changed, audited without the password, and refuses a taken email", async () => {
    const a = actor("admin@example.com");
    const { user, generatedPassword } = await admin.createUser(a, { name: "Ida New", email: "ida@example.com", role: "REP", teamId: "team_north", passwordMode: "generate" });
    expect(generatedPassword).toMatch(/^[A-Za-z2-9]{18}$/);
    const stored = await row(user.id);
    expect(stored).toMatchObject({ mustChangePassword: true, role: "REP", teamId: "team_north", active: true });
    expect(await password.verifyPassword(stored.passwordHash, generatedPassword!)).toBe(true);
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "user.create", entityId: user.id } });
    expect(JSON.stringify(entry.details)).not.toContain(generatedPassword!);
    await expect(admin.createUser(a, { name: "Ida Again", email: "ida@example.com", role: "REP", teamId: null, passwordMode: "generate" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { email: "A user with this email exists already." },
    });
    await expect(admin.createUser(a, { name: "No Team", email: "nt@example.com", role: "MANAGER", teamId: null, passwordMode: "generate" })).rejects.toMatchObject({ fieldErrors: { teamId: expect.any(String) } });
  });

  it("the new user changes the password: the flag clears, every session ends, the old password no longer verifies", async () => {
    const u = await newUser("jo@example.com", "REP", "team_south");
    const before = await row(u.id);
    const me = { ...asActor(u), mustChangePassword: true };
    await expect(own.changeOwnPassword(me, { currentPassword: "wrong-password-000", newPassword: "my-own-password-1" })).rejects.toMatchObject({ fieldErrors: { currentPassword: expect.any(String) } });
    await own.changeOwnPassword(me, { currentPassword: "first-password-123", newPassword: "my-own-password-1" });
    const after = await row(u.id);
    expect(after.mustChangePassword).toBe(false);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await password.verifyPassword(after.passwordHash, "first-password-123")).toBe(false);
    expect(await password.verifyPassword(after.passwordHash, "my-own-password-1")).toBe(true);
  });
});

describe("guards", () => {
  it("a user with an admin-set password reaches nothing but the password change", async () => {
    const u = await newUser("kit@example.com", "REP", "team_north");
    const { authorize } = await import("@/lib/auth/authorize");
    await expect(authorize({ ...asActor(u), mustChangePassword: true }, "accounts:read")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(authorize({ ...asActor(u), mustChangePassword: true }, "self:password")).resolves.toBeUndefined();
  });

  it("the last active admin cannot be deactivated or demoted, even by a stale session of another admin", async () => {
    const main = actor("admin@example.com");
    const second = await newUser("second.admin@example.com", "ADMIN");
    // The second admin deactivates the first: allowed, one active admin remains.
    await users.setUserActive(asActor(second), { userId: main.id, active: false });
    // The first admin's session is over, but a data call made with it must still not leave no admin.
    await expect(users.setUserActive(main, { userId: second.id, active: false })).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { active: expect.stringContaining("last active admin") } });
    await expect(users.changeUserAccess(main, { userId: second.id, role: "MANAGER", teamId: "team_north" })).rejects.toMatchObject({ fieldErrors: { role: expect.stringContaining("last active admin") } });
    expect(await row(second.id)).toMatchObject({ active: true, role: "ADMIN" });
    await users.setUserActive(asActor(second), { userId: main.id, active: true });
  });

  it("two admins demoting each other at once: exactly one succeeds, an admin remains", async () => {
    const a = await newUser("race.a@example.com", "ADMIN");
    const b = await newUser("race.b@example.com", "ADMIN");
    const main = actor("admin@example.com");
    // Leave only these two active admins.
    await users.setUserActive(asActor(a), { userId: main.id, active: false });
    const second = await db.user.findUniqueOrThrow({ where: { email: "second.admin@example.com" } });
    await users.setUserActive(asActor(a), { userId: second.id, active: false });
    const results = await Promise.allSettled([
      users.changeUserAccess(asActor(a), { userId: b.id, role: "MANAGER", teamId: "team_north" }),
      users.changeUserAccess(asActor(b), { userId: a.id, role: "MANAGER", teamId: "team_north" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "INVALID_INPUT", fieldErrors: { role: expect.stringContaining("last active admin") } });
    expect(await db.user.count({ where: { role: "ADMIN", active: true } })).toBe(1);
    const survivor = (await db.user.findFirstOrThrow({ where: { role: "ADMIN", active: true } }));
    await users.setUserActive(asActor(survivor), { userId: main.id, active: true });
  });

  it("nobody deactivates themselves; a role that cannot own accounts is refused while the user owns some", async () => {
    const a = actor("admin@example.com");
    await expect(users.setUserActive(a, { userId: a.id, active: false })).rejects.toMatchObject({ fieldErrors: { active: expect.any(String) } });
    const ava = actor("ava@example.com");
    const owned = await db.account.count({ where: { ownerId: ava.id } });
    expect(owned).toBeGreaterThan(0);
    await expect(users.changeUserAccess(a, { userId: ava.id, role: "MANAGER" })).rejects.toMatchObject({ fieldErrors: { role: expect.stringContaining(`${owned} account`) } });
    expect((await row(ava.id)).role).toBe("REP");
  });
});

describe("optimistic versions", () => {
  it("a change saved against an older version is a conflict and changes nothing; a repeated submit is a no-op", async () => {
    const a = actor("admin@example.com");
    const u = await newUser("ver@example.com", "REP", "team_north");
    const seen = (await row(u.id)).version;
    await users.changeUserAccess(a, { userId: u.id, teamId: "team_south", version: seen });
    // Someone else's form, opened before that change:
    await expect(users.setUserActive(a, { userId: u.id, active: false, version: seen })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("changed by someone else") });
    await expect(users.changeUserAccess(a, { userId: u.id, teamId: "team_north", version: seen })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await row(u.id)).toMatchObject({ active: true, teamId: "team_south", version: seen + 1 });
    // The same change submitted twice: the second changes nothing and is not a conflict.
    await users.changeUserAccess(a, { userId: u.id, teamId: "team_south", version: seen });
    expect((await row(u.id)).version).toBe(seen + 1);
    await expect(admin.resetPassword(a, { userId: u.id, version: seen, passwordMode: "generate" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("unlock, reset and reassignment", () => {
  it("reset gives a password to change, ends sessions and clears lockouts; unlock clears them too and is audited", async () => {
    const a = actor("admin@example.com");
    const u = await newUser("locked@example.com", "REP", "team_north");
    await db.loginFailure.createMany({ data: Array.from({ length: 6 }, () => ({ email: u.email, client: "10.0.0.9" })) });
    await db.user.update({ where: { id: u.id }, data: { lockedUntil: new Date(Date.now() + 600_000), failedLoginCount: 21 } });
    expect((await admin.listUsers(a)).users.find((x) => x.id === u.id)?.locked).toBe(true);
    const { cleared } = await admin.unlockUser(a, { userId: u.id });
    expect(cleared).toBe(6);
    expect(await row(u.id)).toMatchObject({ lockedUntil: null, failedLoginCount: 0 });
    expect((await admin.listUsers(a)).users.find((x) => x.id === u.id)?.locked).toBe(false);
    expect(await db.auditLog.count({ where: { action: "user.unlock", entityId: u.id } })).toBe(1);
    // Nothing left to unlock: no new audit row.
    await admin.unlockUser(a, { userId: u.id });
    expect(await db.auditLog.count({ where: { action: "user.unlock", entityId: u.id } })).toBe(1);

    await db.loginFailure.createMany({ data: Array.from({ length: 5 }, () => ({ email: u.email, client: "10.0.0.9" })) });
    const before = await row(u.id);
    const { generatedPassword } = await admin.resetPassword(a, { userId: u.id, version: before.version, passwordMode: "generate" });
    const after = await row(u.id);
    expect(after).toMatchObject({ mustChangePassword: true, sessionVersion: before.sessionVersion + 1 });
    expect(await password.verifyPassword(after.passwordHash, generatedPassword!)).toBe(true);
    expect(await db.loginFailure.count({ where: { email: u.email } })).toBe(0);
  });

  it("moves a leaving rep's accounts and open offers to a rep of the same team and deactivates them, in one step", async () => {
    const a = actor("admin@example.com");
    const dan = await db.user.findUniqueOrThrow({ where: { email: "dan@example.com" } });
    const ben = actor("ben@example.com");
    const eva = actor("eva@example.com");
    const accounts = await db.account.count({ where: { ownerId: dan.id } });
    const offers = await db.opportunity.count({ where: { assigneeId: dan.id, status: { in: ["OPEN", "SNOOZED"] } } });
    expect(accounts).toBeGreaterThan(0);
    // Another team's rep is refused, nothing moves.
    await expect(admin.reassignAccounts(a, { fromUserId: dan.id, toUserId: eva.id, deactivate: true, version: dan.version })).rejects.toMatchObject({ fieldErrors: { toUserId: expect.any(String) } });
    expect(await db.account.count({ where: { ownerId: dan.id } })).toBe(accounts);
    expect((await row(dan.id)).active).toBe(true);

    const result = await admin.reassignAccounts(a, { fromUserId: dan.id, toUserId: ben.id, deactivate: true, version: dan.version });
    expect(result).toEqual({ accounts, opportunities: offers, deactivated: true });
    expect(await db.account.count({ where: { ownerId: dan.id } })).toBe(0);
    expect(await db.opportunity.count({ where: { assigneeId: dan.id, status: { in: ["OPEN", "SNOOZED"] } } })).toBe(0);
    expect(await row(dan.id)).toMatchObject({ active: false, sessionVersion: dan.sessionVersion + 1 });
    expect(await db.auditLog.findFirstOrThrow({ where: { action: "user.reassign_accounts", entityId: dan.id } })).toMatchObject({ details: { accounts, opportunities: offers, after: { ownerId: ben.id } } });
    // The same submit again (stale version): a conflict, nothing moves twice.
    await expect(admin.reassignAccounts(a, { fromUserId: dan.id, toUserId: ben.id, deactivate: true, version: dan.version })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("moving a rep to another team moves their accounts' team with them", async () => {
    const a = actor("admin@example.com");
    const chloe = await db.user.findUniqueOrThrow({ where: { email: "chloe@example.com" } });
    const owned = await db.account.count({ where: { ownerId: chloe.id } });
    await users.changeUserAccess(a, { userId: chloe.id, teamId: "team_south", version: chloe.version });
    expect(await db.account.count({ where: { ownerId: chloe.id, teamId: "team_south" } })).toBe(owned);
  });
});

describe("teams", () => {
  it("create, rename with a version, refuse duplicates and stale renames, delete only when empty", async () => {
    const a = actor("admin@example.com");
    const west = await teams.createTeam(a, { name: "West" });
    await expect(teams.createTeam(a, { name: "West" })).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { name: expect.any(String) } });
    await expect(teams.renameTeam(a, { teamId: west.id, version: west.version, name: "North" })).rejects.toMatchObject({ fieldErrors: { name: expect.any(String) } });
    const renamed = await teams.renameTeam(a, { teamId: west.id, version: west.version, name: "West Coast" });
    expect(renamed).toMatchObject({ name: "West Coast", version: west.version + 1 });
    await expect(teams.renameTeam(a, { teamId: west.id, version: west.version, name: "Far West" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db.team.findUniqueOrThrow({ where: { id: west.id } })).name).toBe("West Coast");

    const member = await newUser("westie@example.com", "REP", west.id);
    await expect(teams.deleteTeam(a, { teamId: west.id })).rejects.toMatchObject({ fieldErrors: { teamId: expect.stringContaining("1 member") } });
    await users.changeUserAccess(a, { userId: member.id, teamId: "team_north" });
    await teams.deleteTeam(a, { teamId: west.id });
    expect(await db.team.findUnique({ where: { id: west.id } })).toBeNull();
    expect(await db.auditLog.count({ where: { entityType: "Team", entityId: west.id } })).toBe(3);
  });

  it("are not found for managers and reps", async () => {
    for (const who of ["nina.manager@example.com", "ava@example.com"]) {
      await expect(teams.createTeam(actor(who), { name: "Nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(admin.listUsers(actor(who))).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});

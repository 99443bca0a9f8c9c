import "server-only";
import { randomInt } from "node:crypto";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { authorize } from "@/lib/auth/authorize";
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from "@/lib/auth/login";
import { hashPassword } from "@/lib/auth/password";
import { dataScope, rolesWith } from "@/lib/auth/permissions";
import { conflict, invalid } from "@/lib/data/users-guards";
import { MANAGED, type ManagedUser } from "@/lib/data/users";
import { withWriteRetry } from "@/lib/data/write-retry";
import { isUniqueViolation, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/generated/prisma/enums";

/** A row of the users page. */
export type UserRow = ManagedUser & {
  team: string | null;
  locked: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  accounts: number;
  /** Can own accounts, so can take over another rep's. */
  assignable: boolean;
};

// No 0/O, 1/l/I: a generated password is read off a screen and typed once.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** 18 characters from 56: about 104 bits. */
export function generatePassword(length = 18): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export async function listUsers(actor: Actor): Promise<{ users: UserRow[]; teams: { id: string; name: string }[] }> {
  await authorize(actor, "users:manage", "User");
  const now = new Date();
  const since = new Date(now.getTime() - LOCKOUT_MINUTES * 60_000);
  const [users, teams, owned, clientLocks] = await Promise.all([
    db.user.findMany({
      orderBy: [{ active: "desc" }, { name: "asc" }],
      select: { ...MANAGED, lockedUntil: true, lastLoginAt: true, mustChangePassword: true, team: { select: { name: true } } },
    }),
    db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.account.groupBy({ by: ["ownerId"], _count: { _all: true } }),
    // Locks of one email from one client (login.ts): five failures within the window.
    db.loginFailure.groupBy({ by: ["email", "client"], where: { createdAt: { gt: since } }, _count: { _all: true } }),
  ]);
  const accountsOf = new Map(owned.map((o) => [o.ownerId, o._count._all]));
  const lockedEmails = new Set(clientLocks.filter((l) => l._count._all >= MAX_FAILED_LOGINS).map((l) => l.email));
  const assignable = new Set<Role>(rolesWith("opportunities:assignable"));
  return {
    users: users.map(({ lockedUntil, lastLoginAt, team, ...u }) => ({
      ...u,
      team: team?.name ?? null,
      locked: (lockedUntil !== null && lockedUntil > now) || lockedEmails.has(u.email),
      lastLoginAt: lastLoginAt?.toISOString() ?? null,
      accounts: accountsOf.get(u.id) ?? 0,
      assignable: assignable.has(u.role),
    })),
    teams,
  };
}

async function checkTeam(teamId: string | null, role: Role): Promise<void> {
  if (teamId === null) {
    if (dataScope(role) === "team") throw invalid("teamId", "This role works on a team's records: choose a team.");
    return;
  }
  if (!(await db.team.findUnique({ where: { id: teamId }, select: { id: true } }))) throw invalid("teamId", "That team does not exist.");
}

type PasswordChoice = { passwordMode: "set" | "generate"; password?: string };

/** The password to hash, and the generated one to show once (never stored or logged in the clear). */
function choosePassword(input: PasswordChoice): { plain: string; shown: string | null } {
  if (input.passwordMode === "generate") {
    const plain = generatePassword();
    return { plain, shown: plain };
  }
  return { plain: input.password ?? "", shown: null };
}

/**
 * Creates a user whose password the admin typed or had generated; either way they must choose their own
 * at first sign-in. A second submit with the same email is refused (the email is unique).
 */
export async function createUser(
  actor: Actor,
  input: { name: string; email: string; role: Role; teamId: string | null } & PasswordChoice,
): Promise<{ user: ManagedUser; generatedPassword: string | null }> {
  await authorize(actor, "users:manage", "User");
  await checkTeam(input.teamId, input.role);
  const { plain, shown } = choosePassword(input);
  const passwordHash = await hashPassword(plain);
  try {
    const user = await withWriteRetry(() =>
      db.$transaction(async (tx) => {
        const created = await tx.user.create({
          data: { name: input.name, email: input.email, role: input.role, teamId: input.teamId, passwordHash, mustChangePassword: true },
          select: MANAGED,
        });
        await audit(
          {
            userId: actor.id,
            action: "user.create",
            entityType: "User",
            entityId: created.id,
            details: { after: { name: created.name, email: created.email, role: created.role, teamId: created.teamId, password: input.passwordMode === "generate" ? "generated" : "set by admin" } },
          },
          tx,
        );
        return created;
      }),
    );
    return { user, generatedPassword: shown };
  } catch (e) {
    if (isUniqueViolation(e)) throw invalid("email", "A user with this email exists already.");
    throw e;
  }
}

/**
 * Gives a user a new password (typed or generated), which they must change at their next sign-in. Ends
 * their sessions and clears their sign-in lockouts, in one transaction with the audit row.
 */
export async function resetPassword(actor: Actor, input: { userId: string; version: number } & PasswordChoice): Promise<{ user: ManagedUser; generatedPassword: string | null }> {
  await authorize(actor, "users:manage", "User");
  const { plain, shown } = choosePassword(input);
  const passwordHash = await hashPassword(plain);
  const user = await withWriteRetry(() =>
    db.$transaction(async (tx) => {
      const changed = await tx.user.updateMany({
        where: { id: input.userId, version: input.version },
        data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 }, version: { increment: 1 }, failedLoginCount: 0, lockedUntil: null },
      });
      const after = await tx.user.findUnique({ where: { id: input.userId }, select: MANAGED });
      if (!after) throw notFound("User");
      if (changed.count === 0) throw conflict(after.name);
      await tx.loginFailure.deleteMany({ where: { email: after.email } });
      await audit(
        { userId: actor.id, action: "user.password_reset", entityType: "User", entityId: after.id, details: { after: { password: input.passwordMode === "generate" ? "generated" : "set by admin", mustChangePassword: true } } },
        tx,
      );
      return after;
    }),
  );
  return { user, generatedPassword: shown };
}

/** Clears every sign-in lockout of a user (all clients), audited with what was cleared. Unlocking an unlocked user changes nothing. */
export async function unlockUser(actor: Actor, input: { userId: string }): Promise<{ user: ManagedUser; cleared: number }> {
  await authorize(actor, "users:manage", "User");
  return withWriteRetry(() =>
    db.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: input.userId }, select: { ...MANAGED, lockedUntil: true, failedLoginCount: true } });
      if (!user) throw notFound("User");
      const cleared = (await tx.loginFailure.deleteMany({ where: { email: user.email } })).count;
      const { lockedUntil, failedLoginCount, ...managed } = user;
      if (cleared === 0 && lockedUntil === null && failedLoginCount === 0) return { user: managed, cleared };
      await tx.user.update({ where: { id: user.id }, data: { lockedUntil: null, failedLoginCount: 0 } });
      await audit(
        {
          userId: actor.id,
          action: "user.unlock",
          entityType: "User",
          entityId: user.id,
          details: { before: { lockedUntil: lockedUntil?.toISOString() ?? null, failedLoginCount, failures: cleared }, after: { lockedUntil: null, failedLoginCount: 0, failures: 0 } },
        },
        tx,
      );
      return { user: managed, cleared };
    }),
  );
}

/**
 * A leaving rep's work to another active rep of the same team, in one transaction: every account they own
 * and every open or snoozed offer assigned to them (versions bumped, so a save in flight on one of them is
 * a conflict), optionally deactivating them too (their sessions end).
 */
export async function reassignAccounts(
  actor: Actor,
  input: { fromUserId: string; toUserId: string; deactivate: boolean; version: number },
): Promise<{ accounts: number; opportunities: number; deactivated: boolean }> {
  await authorize(actor, "users:manage", "User");
  if (input.deactivate && input.fromUserId === actor.id) throw invalid("deactivate", "You cannot deactivate your own account.");
  const assignable = rolesWith("opportunities:assignable");
  return withWriteRetry(() =>
    db.$transaction(async (tx) => {
      const bumped = await tx.user.updateMany({
        where: { id: input.fromUserId, version: input.version },
        data: { version: { increment: 1 } },
      });
      const from = await tx.user.findUnique({ where: { id: input.fromUserId }, select: { id: true, name: true, teamId: true, active: true } });
      if (!from) throw notFound("User");
      if (bumped.count === 0) throw conflict(from.name);
      const to = await tx.user.findFirst({ where: { id: input.toUserId, active: true, role: { in: assignable } }, select: { id: true, teamId: true } });
      if (!to || to.teamId !== from.teamId) throw invalid("toUserId", "Choose an active rep of the same team.");
      const accounts = (await tx.account.updateMany({ where: { ownerId: from.id }, data: { ownerId: to.id, teamId: to.teamId } })).count;
      const opportunities = (
        await tx.opportunity.updateMany({ where: { assigneeId: from.id, status: { in: ["OPEN", "SNOOZED"] } }, data: { assigneeId: to.id, version: { increment: 1 } } })
      ).count;
      await audit(
        { userId: actor.id, action: "user.reassign_accounts", entityType: "User", entityId: from.id, details: { before: { ownerId: from.id }, after: { ownerId: to.id }, accounts, opportunities } },
        tx,
      );
      const deactivated = input.deactivate && from.active;
      if (deactivated) {
        await tx.user.update({ where: { id: from.id }, data: { active: false, sessionVersion: { increment: 1 } } });
        await audit({ userId: actor.id, action: "user.deactivate", entityType: "User", entityId: from.id, details: { before: { active: true }, after: { active: false } } }, tx);
      }
      return { accounts, opportunities, deactivated };
    }),
  );
}

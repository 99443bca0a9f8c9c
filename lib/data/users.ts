import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { authorize } from "@/lib/auth/authorize";
import { can, dataScope, ROLES } from "@/lib/auth/permissions";
import { assertAnotherAdminRemains, assertOwnsNothing, conflict, invalid, losesUserManagement } from "@/lib/data/users-guards";
import { withWriteRetry } from "@/lib/data/write-retry";
import { notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/generated/prisma/enums";

export async function getTeamName(actor: Actor): Promise<string | null> {
  if (!actor.teamId) return null;
  const team = await db.team.findUnique({ where: { id: actor.teamId }, select: { name: true } });
  return team?.name ?? null;
}

/** A user as the admin pages show it after a change. */
export type ManagedUser = { id: string; email: string; name: string; role: Role; teamId: string | null; active: boolean; version: number };

export const MANAGED = { id: true, email: true, name: true, role: true, teamId: true, active: true, version: true } as const;

// Thrown inside a transaction to roll back the version bump when the change turns out to be none.
class Unchanged extends Error {
  constructor(readonly user: ManagedUser) {
    super("unchanged");
  }
}

/**
 * Activates or deactivates a user. Deactivation ends the user's sessions at once: the session
 * version is bumped in the same transaction, so every token they hold is refused on its next use.
 * A repeated submit (already in that state) changes nothing; a stale `version` for a real change is a
 * conflict; the last active admin cannot be deactivated, nor can anyone deactivate themselves.
 */
export async function setUserActive(actor: Actor, input: { userId: string; active: boolean; version?: number }): Promise<ManagedUser> {
  await authorize(actor, "users:manage", "User");
  if (input.userId === actor.id && !input.active) throw invalid("active", "You cannot deactivate your own account. Ask another admin to do it.");

  return withWriteRetry(() =>
    db.$transaction(async (tx) => {
      // The guarded update comes first so the transaction holds the write lock before it reads.
      const changed = await tx.user.updateMany({
        where: { id: input.userId, active: !input.active, ...(input.version !== undefined && { version: input.version }) },
        data: { active: input.active, sessionVersion: { increment: 1 }, version: { increment: 1 } },
      });
      const user = await tx.user.findUnique({ where: { id: input.userId }, select: MANAGED });
      if (!user) throw notFound("User");
      if (changed.count === 0) {
        if (user.active === input.active) return user; // already in that state: nothing to do or audit
        throw conflict(user.name);
      }
      if (!input.active && can(user.role, "users:manage")) await assertAnotherAdminRemains(tx, user.id, "active");
      await audit(
        {
          userId: actor.id,
          action: input.active ? "user.activate" : "user.deactivate",
          entityType: "User",
          entityId: user.id,
          details: { before: { active: !input.active }, after: { active: input.active } },
        },
        tx,
      );
      return user;
    }),
  );
}

/**
 * Changes a user's role and/or team. Their sessions end at once (session version bumped in the same
 * transaction), so the new access applies from their next sign-in. Their accounts move with them to
 * the new team (accounts carry their owner's team). An admin cannot take away their own user management,
 * nor demote the last active admin; a role that cannot own accounts is refused while the user owns some.
 */
export async function changeUserAccess(actor: Actor, input: { userId: string; role?: Role; teamId?: string | null; version?: number }): Promise<ManagedUser> {
  await authorize(actor, "users:manage", "User");
  if (input.role !== undefined && !ROLES.includes(input.role)) throw invalid("role", "Choose a valid role.");
  if (input.userId === actor.id && input.role !== undefined && !can(input.role, "users:manage")) {
    throw invalid("role", "You cannot remove your own user management access. Ask another admin to do it.");
  }

  try {
    return await withWriteRetry(() =>
      db.$transaction(async (tx) => {
        // Bump first: it takes the write lock, and the row read after it still has the old role and team.
        const bumped = await tx.user.updateMany({ where: { id: input.userId }, data: { sessionVersion: { increment: 1 } } });
        if (bumped.count === 0) throw notFound("User");
        const before = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: MANAGED });
        const role = input.role ?? before.role;
        const teamId = input.teamId !== undefined ? input.teamId : before.teamId;
        if (role === before.role && teamId === before.teamId) throw new Unchanged(before);
        if (input.version !== undefined && input.version !== before.version) throw conflict(before.name);
        if (teamId !== null && teamId !== before.teamId && !(await tx.team.findUnique({ where: { id: teamId }, select: { id: true } }))) {
          throw invalid("teamId", "That team does not exist.");
        }
        if (teamId === null && dataScope(role) === "team") throw invalid("teamId", "This role works on a team's records: choose a team.");
        if (role !== before.role) await assertOwnsNothing(tx, before.id, role);
        if (losesUserManagement(before.role, role) && before.active) await assertAnotherAdminRemains(tx, before.id, "role");
        const after = await tx.user.update({ where: { id: before.id }, data: { role, teamId, version: { increment: 1 } }, select: MANAGED });
        const accountsMoved = teamId !== before.teamId ? (await tx.account.updateMany({ where: { ownerId: before.id }, data: { teamId } })).count : 0;
        await audit(
          {
            userId: actor.id,
            action: "user.access_change",
            entityType: "User",
            entityId: before.id,
            details: {
              before: { role: before.role, teamId: before.teamId },
              after: { role: after.role, teamId: after.teamId },
              ...(accountsMoved > 0 && { accountsMoved }),
            },
          },
          tx,
        );
        return after;
      }),
    );
  } catch (e) {
    if (e instanceof Unchanged) return e.user;
    throw e;
  }
}

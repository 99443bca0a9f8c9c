import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { authorize } from "@/lib/auth/authorize";
import { conflict, invalid } from "@/lib/data/users-guards";
import { withWriteRetry } from "@/lib/data/write-retry";
import { isUniqueViolation, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";

export type TeamRow = { id: string; name: string; version: number; members: number; activeMembers: number; accounts: number };

export async function listTeams(actor: Actor): Promise<TeamRow[]> {
  await authorize(actor, "users:manage", "Team");
  const [teams, members, accounts] = await Promise.all([
    db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, version: true } }),
    db.user.groupBy({ by: ["teamId", "active"], where: { teamId: { not: null } }, _count: { _all: true } }),
    db.account.groupBy({ by: ["teamId"], where: { teamId: { not: null } }, _count: { _all: true } }),
  ]);
  return teams.map((t) => {
    const mine = members.filter((m) => m.teamId === t.id);
    return {
      ...t,
      members: mine.reduce((n, m) => n + m._count._all, 0),
      activeMembers: mine.filter((m) => m.active).reduce((n, m) => n + m._count._all, 0),
      accounts: accounts.find((a) => a.teamId === t.id)?._count._all ?? 0,
    };
  });
}

const taken = () => invalid("name", "A team of this name exists already.");

export async function createTeam(actor: Actor, input: { name: string }): Promise<{ id: string; name: string; version: number }> {
  await authorize(actor, "users:manage", "Team");
  try {
    return await withWriteRetry(() =>
      db.$transaction(async (tx) => {
        const team = await tx.team.create({ data: { name: input.name }, select: { id: true, name: true, version: true } });
        await audit({ userId: actor.id, action: "team.create", entityType: "Team", entityId: team.id, details: { after: { name: team.name } } }, tx);
        return team;
      }),
    );
  } catch (e) {
    if (isUniqueViolation(e)) throw taken();
    throw e;
  }
}

/** Renames a team; a stale version is a conflict, the same name again changes nothing. */
export async function renameTeam(actor: Actor, input: { teamId: string; version: number; name: string }): Promise<{ id: string; name: string; version: number }> {
  await authorize(actor, "users:manage", "Team");
  try {
    return await withWriteRetry(() =>
      db.$transaction(async (tx) => {
        const before = await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true, name: true, version: true } });
        if (!before) throw notFound("Team");
        if (before.name === input.name) return before;
        const changed = await tx.team.updateMany({ where: { id: input.teamId, version: input.version }, data: { name: input.name, version: { increment: 1 } } });
        if (changed.count === 0) throw conflict(`Team ${before.name}`);
        await audit({ userId: actor.id, action: "team.rename", entityType: "Team", entityId: before.id, details: { before: { name: before.name }, after: { name: input.name } } }, tx);
        return { id: before.id, name: input.name, version: before.version + 1 };
      }),
    );
  } catch (e) {
    if (isUniqueViolation(e)) throw taken();
    throw e;
  }
}

/** Deletes a team that has no members (active or not) and no accounts; anything else says what is left. */
export async function deleteTeam(actor: Actor, input: { teamId: string }): Promise<{ id: string; name: string }> {
  await authorize(actor, "users:manage", "Team");
  return withWriteRetry(() =>
    db.$transaction(async (tx) => {
      const team = await tx.team.findUnique({ where: { id: input.teamId }, select: { id: true, name: true } });
      if (!team) throw notFound("Team");
      const [members, accounts] = await Promise.all([tx.user.count({ where: { teamId: team.id } }), tx.account.count({ where: { teamId: team.id } })]);
      if (members > 0 || accounts > 0) {
        throw invalid("teamId", `${team.name} still has ${members} member${members === 1 ? "" : "s"} and ${accounts} account${accounts === 1 ? "" : "s"}: move them to another team first.`);
      }
      // Guarded delete: a member added meanwhile (SQLite serialises; on PostgreSQL the foreign key refuses it).
      await tx.team.delete({ where: { id: team.id } });
      await audit({ userId: actor.id, action: "team.delete", entityType: "Team", entityId: team.id, details: { before: { name: team.name } } }, tx);
      return team;
    }),
  );
}

import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";

export async function getTeamName(actor: Actor): Promise<string | null> {
  if (!actor.teamId) return null;
  const team = await db.team.findUnique({ where: { id: actor.teamId }, select: { name: true } });
  return team?.name ?? null;
}

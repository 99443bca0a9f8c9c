import "server-only";
import { dataScope } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import type { DashboardParams } from "@/lib/dashboard/params";

// The dashboard facts carry the team of each row, so scope is a where-clause on teamId: managers get
// their team whatever the URL says, admins all teams or the one they pick. Reps never get here
// (authorize refuses "dashboard:view" first), and "own" scope maps to no rows rather than to all.
const NO_TEAM = "\u0000none";

export function factTeam(actor: Actor, params: Pick<DashboardParams, "team">): { teamId?: string } {
  switch (dataScope(actor.role)) {
    case "all":
      return params.team ? { teamId: params.team } : {};
    case "team":
      return { teamId: actor.teamId ?? NO_TEAM };
    case "own":
      return { teamId: NO_TEAM };
  }
}

/** Whether the team filter is the actor's to choose. */
export function canPickTeam(actor: Actor): boolean {
  return dataScope(actor.role) === "all";
}

type Who = "ownerId" | "userId" | "assigneeId";

/** Where-clause of a fact table for the scope and filters; `has` lists the filter columns the table holds. */
export function factWhere(
  actor: Actor,
  params: DashboardParams,
  who: Who,
  has: { category?: boolean; pair?: boolean } = {},
): Record<string, unknown> {
  const where: Record<string, unknown> = { ...factTeam(actor, params) };
  if (params.rep) where[who] = params.rep;
  if (params.segment) where.segment = params.segment;
  if (has.category && params.category) where.category = params.category;
  if (has.pair && params.pair) where.pairId = params.pair;
  return where;
}

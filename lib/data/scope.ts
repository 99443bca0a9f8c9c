import { dataScope } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";

// Row scope as where-clauses: what a role may reach comes from dataScope() in the permission table.
// A record outside the scope is simply not found.
const NONE = { id: { in: [] as string[] } };

/** Accounts the actor may see: own accounts, the team's, or all. */
export function accountScope(actor: Actor): Prisma.AccountWhereInput {
  switch (dataScope(actor.role)) {
    case "all":
      return {};
    case "team":
      // Without a team the scope is empty rather than everything.
      return actor.teamId ? { teamId: actor.teamId } : NONE;
    case "own":
      return { ownerId: actor.id };
  }
}

/** Opportunities the actor may work: assigned to them, to their team, or all. */
export function opportunityScope(actor: Actor): Prisma.OpportunityWhereInput {
  switch (dataScope(actor.role)) {
    case "all":
      return {};
    case "team":
      if (!actor.teamId) return NONE;
      return actor.teamMemberIds ? { assigneeId: { in: actor.teamMemberIds } } : { assignee: { teamId: actor.teamId } };
    case "own":
      return { assigneeId: actor.id };
  }
}

/** Users the actor may see as account owners and assignees. */
export function userScope(actor: Actor): Prisma.UserWhereInput {
  switch (dataScope(actor.role)) {
    case "all":
      return {};
    case "team":
      return actor.teamId ? { teamId: actor.teamId } : { id: actor.id };
    case "own":
      return { id: actor.id };
  }
}

/** Whether the actor's scope is limited to their own records (no choosing among reps). */
export function isOwnScope(actor: Actor): boolean {
  return dataScope(actor.role) === "own";
}

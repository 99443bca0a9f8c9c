import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Opportunities the actor may work: a rep their own, a manager the team's, an admin all. */
export function opportunityScope(actor: Actor): Prisma.OpportunityWhereInput {
  switch (actor.role) {
    case "ADMIN":
      return {};
    case "MANAGER":
      if (!actor.teamId) return { id: { in: [] } };
      return actor.teamMemberIds ? { assigneeId: { in: actor.teamMemberIds } } : { assignee: { teamId: actor.teamId } };
    case "REP":
      return { assigneeId: actor.id };
  }
}

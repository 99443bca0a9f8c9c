import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Opportunities the actor may work: a rep their own, a manager the team's, an admin all. */
export function opportunityScope(actor: Actor): Prisma.OpportunityWhereInput {
  switch (actor.role) {
    case "ADMIN":
      return {};
    case "MANAGER":
      return actor.teamId ? { assignee: { teamId: actor.teamId } } : { id: { in: [] } };
    case "REP":
      return { assigneeId: actor.id };
  }
}

import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Accounts the actor may see: a rep their own, a manager the team's, an admin all. */
export function accountScope(actor: Actor): Prisma.AccountWhereInput {
  switch (actor.role) {
    case "ADMIN":
      return {};
    case "MANAGER":
      // A manager without a team sees nothing rather than everything.
      return actor.teamId ? { teamId: actor.teamId } : { id: { in: [] } };
    case "REP":
      return { ownerId: actor.id };
  }
}

/** Users the actor may see as account owners / assignees. */
export function userScope(actor: Actor): Prisma.UserWhereInput {
  switch (actor.role) {
    case "ADMIN":
      return {};
    case "MANAGER":
      return actor.teamId ? { teamId: actor.teamId } : { id: actor.id };
    case "REP":
      return { id: actor.id };
  }
}

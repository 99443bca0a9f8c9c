import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { accountScope, opportunityScope } from "@/lib/data/scope";
import { authorize, outOfScope } from "@/lib/auth/authorize";
import { withWriteRetry } from "@/lib/data/write-retry";
import { activeRunId } from "@/lib/data/queue";
import { can, rolesWith } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import type { ReassignInput } from "@/lib/validations/reassign";

export type AccountOpportunity = {
  id: string;
  productName: string;
  status: string;
  probability: number;
  expectedValue: number;
  reasonText: string;
  attempts: number;
  assigneeId: string;
  assigneeName: string;
  snoozedUntil: string | null;
};

export type TimelineEntry = { id: string; at: string; userName: string; channel: string; outcome: string; productName: string | null; notes: string | null; followUpAt: string | null; wonAmount: number | null };

/** Opportunities (of the active run or carried over) and the activity timeline of a visible account. */
export async function getAccountWork(actor: Actor, accountId: string): Promise<{ opportunities: AccountOpportunity[]; timeline: TimelineEntry[]; reps: { id: string; name: string }[]; canReassign: boolean }> {
  await authorize(actor, "accounts:read", "Account");
  const account = await db.account.findFirst({ where: { AND: [{ id: accountId }, accountScope(actor)] }, select: { id: true, owner: { select: { teamId: true } } } });
  // The account page logs the denial once (getAccountDetail); this part just answers not found.
  if (!account) throw notFound("Account");
  const canReassign = can(actor.role, "opportunities:reassign");
  const [opps, activities, reps] = await Promise.all([
    db.opportunity.findMany({
      where: { AND: [{ accountId, holdout: false, runId: (await activeRunId()) ?? "-" }, opportunityScope(actor)] },
      orderBy: [{ status: "asc" }, { expectedValue: "desc" }],
      take: 50,
      select: { id: true, status: true, probability: true, expectedValue: true, reasonText: true, attempts: true, snoozedUntil: true, assigneeId: true, assignee: { select: { name: true } }, product: { select: { name: true } } },
    }),
    db.activity.findMany({
      where: { accountId },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, createdAt: true, channel: true, outcome: true, notes: true, followUpAt: true, wonAmountCents: true, user: { select: { name: true } }, opportunity: { select: { product: { select: { name: true } } } } },
    }),
    canReassign && account.owner.teamId
      ? db.user.findMany({ where: { role: { in: rolesWith("opportunities:assignable") }, active: true, teamId: account.owner.teamId }, select: { id: true, name: true }, orderBy: { name: "asc" } })
      : Promise.resolve([]),
  ]);
  return {
    canReassign,
    reps,
    opportunities: opps.map((o) => ({
      id: o.id,
      productName: o.product.name,
      status: o.status,
      probability: o.probability,
      expectedValue: o.expectedValue,
      reasonText: o.reasonText,
      attempts: o.attempts,
      assigneeId: o.assigneeId,
      assigneeName: o.assignee.name,
      snoozedUntil: o.snoozedUntil?.toISOString() ?? null,
    })),
    timeline: activities.map((a) => ({
      id: a.id,
      at: a.createdAt.toISOString(),
      userName: a.user.name,
      channel: a.channel,
      outcome: a.outcome,
      productName: a.opportunity?.product.name ?? null,
      notes: a.notes,
      followUpAt: a.followUpAt?.toISOString() ?? null,
      wonAmount: a.wonAmountCents == null ? null : a.wonAmountCents / 100,
    })),
  };
}

/**
 * A manager moves one opportunity, or a whole account (owner and its open opportunities), to another
 * active rep of the account's team. Audited. Anything outside the manager's scope is NOT_FOUND.
 */
export async function reassign(actor: Actor, input: ReassignInput): Promise<{ moved: number }> {
  await authorize(actor, "opportunities:reassign", "Record");
  const target = await db.user.findFirst({ where: { id: input.toUserId, role: { in: rolesWith("opportunities:assignable") }, active: true }, select: { id: true, teamId: true, name: true } });
  const account =
    input.scope === "account"
      ? await db.account.findFirst({ where: { AND: [{ id: input.accountId }, accountScope(actor)] }, select: { id: true, ownerId: true, owner: { select: { teamId: true } } } })
      : null;
  const opp =
    input.scope === "opportunity"
      ? await db.opportunity.findFirst({
          where: { AND: [{ id: input.opportunityId, holdout: false }, opportunityScope(actor)] },
          select: { id: true, assigneeId: true, account: { select: { owner: { select: { teamId: true } } } } },
        })
      : null;
  if (input.scope === "account" && !account) throw await outOfScope(actor, "Account", input.accountId);
  if (input.scope === "opportunity" && !opp) throw await outOfScope(actor, "Opportunity", input.opportunityId);
  const teamId = account?.owner.teamId ?? opp?.account.owner.teamId ?? null;
  if (!target || target.teamId !== teamId) throw new AppError("INVALID_INPUT", "toUserId: choose an active rep of the account's team", { toUserId: "Choose an active rep of this team" });

  return withWriteRetry(() =>
    db.$transaction(async (tx) => {
      let moved = 0;
      if (account) {
        await tx.account.update({ where: { id: account.id }, data: { ownerId: target.id, teamId: target.teamId } });
        moved = (
          await tx.opportunity.updateMany({
            where: { accountId: account.id, status: { in: ["OPEN", "SNOOZED"] } },
            data: { assigneeId: target.id, version: { increment: 1 } },
          })
        ).count;
        await audit({ userId: actor.id, action: "account.reassign", entityType: "Account", entityId: account.id, details: { from: account.ownerId, to: target.id, opportunitiesMoved: moved } }, tx);
      } else if (opp) {
        moved = (await tx.opportunity.updateMany({ where: { id: opp.id }, data: { assigneeId: target.id, version: { increment: 1 } } })).count;
        await audit({ userId: actor.id, action: "opportunity.reassign", entityType: "Opportunity", entityId: opp.id, details: { from: opp.assigneeId, to: target.id } }, tx);
      }
      return { moved };
    }),
  );
}

import "server-only";
import { addDays } from "date-fns";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { opportunityScope } from "@/lib/data/scope";
import { getSettings } from "@/lib/data/settings";
import { withWriteRetry } from "@/lib/data/write-retry";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { authorize, outOfScope } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/actor";
import type { OpportunityStatus, Outcome } from "@/lib/generated/prisma/enums";
import type { ParsedOutcome } from "@/lib/validations/outcomes";
import { scheduleDashboardRefresh } from "@/lib/dashboard/refresh-schedule";

export type OutcomeResult = { activityId: string; opportunityId: string; status: OpportunityStatus; version: number; replayed: boolean };

/** Outcomes in which the customer was actually reached: they count against the contact cap. */
const REACHED: readonly Outcome[] = ["NOT_INTERESTED", "INTERESTED", "WON", "DO_NOT_CONTACT"];
const WORKABLE: OpportunityStatus[] = ["OPEN", "SNOOZED"];
export const ATTEMPTS_BEFORE_DEMOTION = 3;

class DuplicateKey extends Error {}

async function replay(actor: Actor, key: string): Promise<OutcomeResult | null> {
  const existing = await db.activity.findUnique({
    where: { idempotencyKey: key },
    select: { id: true, userId: true, opportunity: { select: { id: true, status: true, version: true } } },
  });
  if (!existing) return null;
  // A key is only meaningful to the user who made it; anyone else learns nothing about it.
  if (existing.userId !== actor.id || !existing.opportunity) throw new AppError("CONFLICT", "This form was already submitted. Reload and try again.");
  const o = existing.opportunity;
  return { activityId: existing.id, opportunityId: o.id, status: o.status, version: o.version, replayed: true };
}

/**
 * Logs one outcome on an opportunity, in one transaction: the Activity row, the opportunity's new
 * state, the side effects (suppression, do-not-contact) and an audit entry. Repeating the same
 * idempotency key returns the first result; a stale version is a CONFLICT and changes nothing.
 */
export async function logOutcome(actor: Actor, input: ParsedOutcome): Promise<OutcomeResult> {
  await authorize(actor, "opportunities:work", "Opportunity");
  const previous = await replay(actor, input.idempotencyKey);
  if (previous) return previous;

  const opp = await db.opportunity.findFirst({
    where: { AND: [{ id: input.opportunityId, holdout: false }, opportunityScope(actor)] },
    select: {
      id: true, accountId: true, productId: true, status: true, version: true, attempts: true, product: { select: { regulated: true, name: true } },
      account: { select: { phoneConsent: true, emailConsent: true } },
    },
  });
  if (!opp) throw await outOfScope(actor, "Opportunity", input.opportunityId);
  // A call or an email needs the customer's consent for that channel; recording an opt-out never does.
  const consentMissing = input.outcome !== "DO_NOT_CONTACT" && ((input.channel === "CALL" && !opp.account.phoneConsent) || (input.channel === "EMAIL" && !opp.account.emailConsent));
  if (consentMissing) {
    const what = input.channel === "CALL" ? "phone calls" : "email";
    throw new AppError("INVALID_INPUT", `channel: this customer has not consented to ${what}; nothing was saved`, {
      channel: `No consent to ${what}: work this offer through a channel the customer agreed to`,
    });
  }
  if (input.outcome === "WON" && opp.product.regulated && !input.suitabilityNote) {
    throw new AppError("INVALID_INPUT", `suitabilityNote: ${opp.product.name} is a regulated product: record the suitability check before marking it won`, {
      suitabilityNote: "A suitability note is required for regulated products",
    });
  }
  const settings = await getSettings();
  const now = new Date();
  scheduleDashboardRefresh(opp.id);

  try {
    return await withWriteRetry(() =>
      db.$transaction(
        async (tx) => {
          const attempts = opp.attempts + (input.outcome === "NO_ANSWER" || input.outcome === "VOICEMAIL" ? 1 : 0);
          const data = (() => {
            switch (input.outcome) {
              case "NO_ANSWER":
              case "VOICEMAIL":
                return { status: "OPEN" as const, attempts, priority: attempts >= ATTEMPTS_BEFORE_DEMOTION ? 2 : 1, snoozedUntil: null };
              case "NOT_INTERESTED":
                return { status: "LOST" as const, lostReason: input.declineReason, closedAt: now };
              case "INTERESTED":
                return { status: "SNOOZED" as const, snoozedUntil: input.followUpAt, contactableAfter: input.followUpAt, priority: 0 };
              case "WON":
                return { status: "WON" as const, wonAmountCents: Math.round((input.wonAmount ?? 0) * 100), closedAt: now };
              case "DO_NOT_CONTACT":
                return { status: "SUPPRESSED" as const, closedAt: now };
            }
          })();
          // The guarded update comes first so the transaction holds the write lock before it reads.
          const updated = await tx.opportunity.updateMany({
            where: { id: opp.id, version: input.version, status: { in: WORKABLE } },
            data: { ...data, lastContactAt: now, version: { increment: 1 } },
          });
          if (updated.count === 0) {
            // A double submit whose twin has just committed is a replay, not a conflict.
            const twin = await tx.activity.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } });
            if (twin) throw new DuplicateKey();
            const current = await tx.opportunity.findUnique({ where: { id: opp.id }, select: { status: true, updatedAt: true } });
            const when = current ? current.updatedAt.toISOString().slice(0, 16).replace("T", " ") : "";
            throw new AppError(
              "CONFLICT",
              current && !WORKABLE.includes(current.status)
                ? `Someone else already closed this opportunity (now ${current.status.toLowerCase()}, ${when} UTC). Nothing was saved; reload to see it.`
                : `Someone else updated this opportunity (${when} UTC) while you had it open. Nothing was saved; reload and log again.`,
            );
          }
          let activityId: string;
          try {
            const activity = await tx.activity.create({
              data: {
                idempotencyKey: input.idempotencyKey,
                opportunityId: opp.id,
                accountId: opp.accountId,
                userId: actor.id,
                channel: input.channel,
                outcome: input.outcome,
                declineReason: input.outcome === "NOT_INTERESTED" ? input.declineReason : null,
                notes: input.notes || null,
                followUpAt: input.outcome === "INTERESTED" ? input.followUpAt : null,
                wonAmountCents: input.outcome === "WON" ? Math.round((input.wonAmount ?? 0) * 100) : null,
                suitabilityNote: input.suitabilityNote || null,
                durationSeconds: input.durationSeconds ?? null,
              },
              select: { id: true },
            });
            activityId = activity.id;
          } catch (e) {
            if (isUniqueViolation(e)) throw new DuplicateKey();
            throw e;
          }

          if (REACHED.includes(input.outcome)) {
            await tx.account.update({ where: { id: opp.accountId }, data: { lastReachedAt: now } });
            // Contact cap: the account's other offers wait, except follow-ups the customer asked for.
            const capUntil = addDays(now, settings.contactCapDays);
            await tx.opportunity.updateMany({
              where: {
                accountId: opp.accountId,
                id: { not: opp.id },
                status: { in: WORKABLE },
                NOT: { status: "SNOOZED", priority: 0 },
                OR: [{ contactableAfter: null }, { contactableAfter: { lt: capUntil } }],
              },
              data: { contactableAfter: capUntil },
            });
          }
          let suppressed = 0;
          if (input.outcome === "NOT_INTERESTED") {
            // The same product stays off this account's queue for the cool-down, whichever run proposed it.
            suppressed = (
              await tx.opportunity.updateMany({
                where: { accountId: opp.accountId, productId: opp.productId, id: { not: opp.id }, status: { in: WORKABLE } },
                data: { status: "SUPPRESSED", snoozedUntil: addDays(now, settings.cooldownDays), closedAt: now, version: { increment: 1 } },
              })
            ).count;
          }
          if (input.outcome === "DO_NOT_CONTACT") {
            await tx.account.update({ where: { id: opp.accountId }, data: { doNotContact: true, phoneConsent: false, emailConsent: false } });
            suppressed = (
              await tx.opportunity.updateMany({
                where: { accountId: opp.accountId, status: { in: WORKABLE } },
                data: { status: "SUPPRESSED", closedAt: now, version: { increment: 1 } },
              })
            ).count;
          }
          await audit(
            {
              userId: actor.id,
              action: "opportunity.outcome",
              entityType: "Opportunity",
              entityId: opp.id,
              details: { outcome: input.outcome, activityId, fromStatus: opp.status, toStatus: data.status, suppressedOthers: suppressed },
            },
            tx,
          );
          return { activityId, opportunityId: opp.id, status: data.status, version: input.version + 1, replayed: false };
        },
        { maxWait: 15_000, timeout: 15_000 },
      ),
    );
  } catch (e) {
    if (e instanceof DuplicateKey) {
      // A concurrent submit with the same key won the race: report its result.
      const first = await replay(actor, input.idempotencyKey);
      if (first) return first;
    }
    throw e;
  }
}

/** Puts an offer aside until a date (no contact was made, so no Activity row; audited). */
export async function snoozeOpportunity(actor: Actor, input: { opportunityId: string; version: number; until: Date }): Promise<{ version: number }> {
  await authorize(actor, "opportunities:work", "Opportunity");
  const opp = await db.opportunity.findFirst({
    where: { AND: [{ id: input.opportunityId, holdout: false }, opportunityScope(actor)] },
    select: { id: true },
  });
  if (!opp) throw await outOfScope(actor, "Opportunity", input.opportunityId);
  if (input.until.getTime() <= Date.now()) throw new AppError("INVALID_INPUT", "until: the snooze date must be in the future", { until: "Must be in the future" });
  return withWriteRetry(() =>
    db.$transaction(async (tx) => {
      const updated = await tx.opportunity.updateMany({
        where: { id: opp.id, version: input.version, status: { in: WORKABLE } },
        data: { status: "SNOOZED", snoozedUntil: input.until, contactableAfter: input.until, priority: 1, version: { increment: 1 } },
      });
      if (updated.count === 0) throw new AppError("CONFLICT", "Someone else updated this opportunity while you had it open. Nothing was saved; reload and try again.");
      await audit({ userId: actor.id, action: "opportunity.snooze", entityType: "Opportunity", entityId: opp.id, details: { until: input.until.toISOString() } }, tx);
      return { version: input.version + 1 };
    }),
  );
}

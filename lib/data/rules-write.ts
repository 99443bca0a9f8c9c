import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { authorize, outOfScope } from "@/lib/auth/authorize";
import { withWriteRetry } from "@/lib/data/write-retry";
import { assertCatalogChecks, catalogFacts, recordVersion } from "@/lib/data/pairs-write";
import { AppError, isAppError } from "@/lib/errors";
import type { PairSnapshot } from "@/lib/domain/pair-diff";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PairType } from "@/lib/generated/prisma/enums";
import type { ApproveRuleInput, BulkRulesInput, RejectRuleInput } from "@/lib/validations/rules";

type Tx = Prisma.TransactionClient;

/** Default templates of a pair approved from a rule; every placeholder is one call mode fills. */
export const DEFAULT_TALKING_POINTS =
  "{{account.name}} bought {{source.product}} {{days_since_purchase}} days ago. {{attach_rate}} of buyers of {{source.product}} also buy {{target.product}} ({{price}}).";
export const DEFAULT_OBJECTION_HANDLING = "If {{contact.name}} hesitates: {{target.product}} is what most {{source.product}} owners add next; offer to send the details.";

/**
 * Answers not found (audited) for rules that do not exist, before any transaction opens: the denial's
 * audit row has a transaction of its own, which must not wait behind ours.
 */
async function assertRulesExist(actor: Actor, ruleIds: string[]): Promise<void> {
  const found = new Set((await db.minedRule.findMany({ where: { id: { in: ruleIds } }, select: { id: true } })).map((r) => r.id));
  const missing = ruleIds.find((id) => !found.has(id));
  if (missing) throw await outOfScope(actor, "Rule", missing);
}

async function loadRule(tx: Tx, ruleId: string) {
  const rule = await tx.minedRule.findUnique({ where: { id: ruleId } });
  // Removed since the check above (its run was pruned): nothing to decide.
  if (!rule) throw new AppError("NOT_FOUND", "Rule not found");
  return rule;
}

const key = (r: { kind: "BASKET" | "SEQUENCE"; antecedentKey: string; consequentKey: string }) => ({
  kind_antecedentKey_consequentKey: { kind: r.kind, antecedentKey: r.antecedentKey, consequentKey: r.consequentKey },
});

/** Approves one rule inside the caller's transaction; a repeated approval answers with the pair it made. */
async function approveIn(tx: Tx, actor: Actor, input: ApproveRuleInput): Promise<{ pairId: string; replayed: boolean }> {
  const rule = await loadRule(tx, input.ruleId);
  const decision = await tx.ruleDecision.findUnique({ where: key(rule), select: { status: true, pairId: true } });
  if (decision?.status === "ACCEPTED" && decision.pairId && (await tx.productPair.findUnique({ where: { id: decision.pairId }, select: { id: true } }))) {
    return { pairId: decision.pairId, replayed: true };
  }
  const sources = rule.antecedentIds as string[];
  const targets = rule.consequentIds as string[];
  if (sources.length !== 1 || targets.length !== 1) {
    throw new AppError("INVALID_INPUT", "ruleId: only a rule with one product on each side can become a pair", { ruleId: "Only a rule with one product on each side can become a pair" });
  }
  const after: PairSnapshot = {
    sourceProductId: sources[0],
    targetProductId: targets[0],
    type: input.type,
    bundleDiscountPct: input.type === "BUNDLE" ? input.bundleDiscountPct : null,
    windowMinDays: 0,
    windowMaxDays: rule.windowDays ?? 60,
    eligibleSegments: [],
    talkingPoints: input.talkingPoints || DEFAULT_TALKING_POINTS,
    objectionHandling: input.objectionHandling || DEFAULT_OBJECTION_HANDLING,
    active: true,
  };
  assertCatalogChecks({ ...after, type: input.type }, await catalogFacts(tx, after), true);
  const snapshot = {
    ruleId: rule.id, runId: rule.runId, kind: rule.kind, support: rule.support, confidence: rule.confidence, lift: rule.lift, leverage: rule.leverage,
    conviction: rule.conviction, count: rule.count, antecedentCount: rule.antecedentCount, windowDays: rule.windowDays, medianLagDays: rule.medianLagDays,
    minedAt: rule.createdAt.toISOString(),
  };
  const pair = await tx.productPair.create({
    data: {
      sourceProductId: after.sourceProductId, targetProductId: after.targetProductId, type: input.type as PairType, bundleDiscountPct: after.bundleDiscountPct,
      windowMinDays: after.windowMinDays, windowMaxDays: after.windowMaxDays, eligibleSegments: [], talkingPoints: after.talkingPoints,
      objectionHandling: after.objectionHandling, origin: "MINED", minedRuleId: rule.id, minedRuleSnapshot: snapshot, version: 1, updatedById: actor.id,
    },
    select: { id: true },
  });
  await tx.ruleDecision.upsert({
    where: key(rule),
    create: { kind: rule.kind, antecedentKey: rule.antecedentKey, consequentKey: rule.consequentKey, status: "ACCEPTED", pairId: pair.id, decidedById: actor.id },
    update: { status: "ACCEPTED", pairId: pair.id, reason: null, decidedById: actor.id, decidedAt: new Date() },
  });
  await tx.minedRule.update({ where: { id: rule.id }, data: { status: "ACCEPTED", reviewedById: actor.id, reviewedAt: new Date() } });
  await recordVersion(tx, actor, { pairId: pair.id, version: 1, action: "approve", before: null, after, extra: { ruleId: rule.id, rule: snapshot } });
  return { pairId: pair.id, replayed: false };
}

async function rejectIn(tx: Tx, actor: Actor, input: RejectRuleInput): Promise<{ ruleId: string }> {
  const rule = await loadRule(tx, input.ruleId);
  const sources = rule.antecedentIds as string[];
  const targets = rule.consequentIds as string[];
  if (sources.length === 1 && targets.length === 1) {
    const pair = await tx.productPair.findUnique({ where: { sourceProductId_targetProductId: { sourceProductId: sources[0], targetProductId: targets[0] } }, select: { id: true } });
    if (pair) throw new AppError("INVALID_INPUT", "ruleId: this rule is in the catalog as a pair: deactivate the pair instead", { ruleId: "In the catalog as a pair: deactivate the pair instead" });
  }
  const previous = await tx.ruleDecision.findUnique({ where: key(rule), select: { status: true, reason: true } });
  await tx.ruleDecision.upsert({
    where: key(rule),
    create: { kind: rule.kind, antecedentKey: rule.antecedentKey, consequentKey: rule.consequentKey, status: "REJECTED", reason: input.reason, decidedById: actor.id },
    update: { status: "REJECTED", reason: input.reason, pairId: null, decidedById: actor.id, decidedAt: new Date() },
  });
  await tx.minedRule.update({ where: { id: rule.id }, data: { status: "REJECTED", reviewedById: actor.id, reviewedAt: new Date() } });
  if (previous?.status !== "REJECTED" || previous.reason !== input.reason) {
    await audit(
      {
        userId: actor.id, action: "rule.reject", entityType: "MinedRule", entityId: rule.id,
        details: { kind: rule.kind, antecedentKey: rule.antecedentKey, consequentKey: rule.consequentKey, before: previous ?? { status: rule.status }, after: { status: "REJECTED", reason: input.reason } },
      },
      tx,
    );
  }
  return { ruleId: rule.id };
}

const TX = { maxWait: 15_000, timeout: 30_000 };

export async function approveRule(actor: Actor, input: ApproveRuleInput): Promise<{ pairId: string; replayed: boolean }> {
  await authorize(actor, "rules:review", "Rule");
  await assertRulesExist(actor, [input.ruleId]);
  return withWriteRetry(() => db.$transaction((tx) => approveIn(tx, actor, input), TX));
}

export async function rejectRule(actor: Actor, input: RejectRuleInput): Promise<{ ruleId: string }> {
  await authorize(actor, "rules:review", "Rule");
  await assertRulesExist(actor, [input.ruleId]);
  return withWriteRetry(() => db.$transaction((tx) => rejectIn(tx, actor, input), TX));
}

/**
 * Approves or rejects several rules in one transaction: all or nothing, and a refused rule is named
 * by its row ("rule 3 of 5, Tripod -> Camera: ...") so the admin can untick it.
 */
export async function decideRules(actor: Actor, input: BulkRulesInput): Promise<{ decided: number }> {
  await authorize(actor, "rules:review", "Rule");
  const ids = [...new Set(input.ruleIds)];
  await assertRulesExist(actor, ids);
  return withWriteRetry(() =>
    db.$transaction(async (tx) => {
      for (const [i, ruleId] of ids.entries()) {
        try {
          if (input.decision === "approve") await approveIn(tx, actor, { ruleId, type: input.type, bundleDiscountPct: null });
          else await rejectIn(tx, actor, { ruleId, reason: input.reason });
        } catch (e) {
          if (!isAppError(e) || e.code !== "INVALID_INPUT") throw e;
          const message = `rule ${i + 1} of ${ids.length}: ${e.message.replace(/^\w+: /, "")}`;
          throw new AppError("INVALID_INPUT", `ruleIds: ${message}`, { ruleIds: message, [`ruleIds.${i}`]: message });
        }
      }
      return { decided: ids.length };
    }, TX),
  );
}

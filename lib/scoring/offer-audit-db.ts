/**
 * Loads what offer-audit.ts measures from a database through Prisma (both providers): the active
 * run's queued offers (open, not holdout), its as-of day, purchases, the category policies, and checks
 * every opportunity's reason numbers. Used by `npx tsx scripts/offer-audit.ts` and the tests.
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { durableSubstitutes, repurchaseRates, type CategoryInfo, type RepurchaseRate, type SubstituteReport } from "./offer-audit";
import { reasonMismatches } from "./reason-numbers";

export interface OfferAudit {
  runId: string;
  asOf: string;
  substitutes: SubstituteReport;
  reasons: { opportunities: number; mismatched: number; examples: string[]; byKind: Record<string, number> };
  repurchase: RepurchaseRate[];
}

const DAY_MS = 86_400_000;

export async function auditActiveRun(db: PrismaClient, lookbackDays = 180): Promise<OfferAudit> {
  const run = await db.scoringRun.findFirst({ where: { active: true }, select: { id: true, parameters: true } });
  if (!run) throw new Error("no active scoring run");
  const asOf = String((run.parameters as { asOf?: string }).asOf);
  const asOfDay = Math.floor(Date.parse(`${asOf}T00:00:00Z`) / DAY_MS);
  const [products, policies, lines, opps] = await Promise.all([
    db.product.findMany({ select: { id: true, name: true, category: true } }),
    db.categoryPolicy.findMany({ select: { category: true, durability: true } }),
    db.orderLine.findMany({ where: { quantity: { gt: 0 } }, select: { accountId: true, productId: true, orderedAt: true } }),
    db.opportunity.findMany({ where: { runId: run.id }, select: { id: true, accountId: true, productId: true, status: true, holdout: true, probability: true, reason: true, reasonText: true } }),
  ]);
  const durable = new Set(policies.filter((p) => p.durability === "DURABLE").map((p) => p.category));
  const info = new Map<string, CategoryInfo>(products.map((p) => [p.id, { category: p.category, durable: durable.has(p.category) }]));
  const purchases = lines.map((l) => ({ accountId: l.accountId, productId: l.productId, day: Math.floor(l.orderedAt.getTime() / DAY_MS) }));
  const queued = opps.filter((o) => o.status === "OPEN" && !o.holdout);
  const names = new Map(products.map((p) => [p.id, p.name]));
  const examples: string[] = [];
  const byKind: Record<string, number> = {};
  let mismatched = 0;
  for (const o of opps) {
    const reason = o.reason as Record<string, unknown>;
    byKind[String(reason.kind)] = (byKind[String(reason.kind)] ?? 0) + 1;
    const bad = reasonMismatches({ probability: o.probability, reason, reasonText: o.reasonText }, (id) => names.get(id) ?? id);
    if (bad.length) {
      mismatched++;
      if (examples.length < 10) examples.push(`${o.id}: ${bad.join("; ")}`);
    }
  }
  return {
    runId: run.id,
    asOf,
    substitutes: durableSubstitutes(queued, purchases, info, asOfDay, lookbackDays),
    reasons: { opportunities: opps.length, mismatched, examples, byKind },
    repurchase: repurchaseRates(purchases.filter((p) => p.day < asOfDay), info),
  };
}

import "server-only";
import { db } from "@/lib/db";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/actor";
import type { RuleKind, RuleStatus } from "@/lib/generated/prisma/enums";
import type { RuleListParams } from "@/lib/validations/rules";

export const RULE_PAGE_SIZE = 50;

export type RuleRowView = {
  id: string;
  kind: RuleKind;
  antecedent: { id: string; name: string }[];
  consequent: { id: string; name: string }[];
  support: number;
  confidence: number;
  lift: number;
  leverage: number;
  conviction: number | null;
  count: number;
  antecedentCount: number;
  windowDays: number | null;
  medianLagDays: number | null;
  /** PENDING, ACCEPTED (in the catalog) or REJECTED, carried across runs by the rule's key. */
  status: RuleStatus;
  rejectionReason: string | null;
  pair: { id: string; active: boolean } | null;
  /** One source and one target: only such a rule can become a pair. */
  pairable: boolean;
};

export type RulePage = { rows: RuleRowView[]; total: number; page: number; pageCount: number; runId: string | null; counts: Record<RuleStatus, number> };

const STATUS_ORDER: Record<RuleStatus, number> = { PENDING: 0, ACCEPTED: 1, REJECTED: 2 };

export const decisionKey = (kind: string, antecedentKey: string, consequentKey: string) => `${kind}:${antecedentKey}>${consequentKey}`;

/**
 * The active run's mined rules with their review state: a decision made on an earlier run's rule
 * (keyed by kind and product keys) applies to the same rule now, and a rule whose source and target
 * are paired in the catalog shows that pair. Pending rules come first. At most a few thousand rules
 * per run (RULE_OPTIONS.maxPerKind), so status, filters and sorting are applied here.
 */
export async function listRules(actor: Actor, p: RuleListParams): Promise<RulePage> {
  await authorize(actor, "catalog:manage", "Rules");
  const run = await db.scoringRun.findFirst({ where: { active: true }, select: { id: true } });
  const empty = { PENDING: 0, ACCEPTED: 0, REJECTED: 0 };
  if (!run) return { rows: [], total: 0, page: 1, pageCount: 1, runId: null, counts: empty };
  const [rules, decisions, pairs, products] = await Promise.all([
    db.minedRule.findMany({
      where: { runId: run.id, ...(p.kind ? { kind: p.kind } : {}), ...(p.minLift !== undefined ? { lift: { gte: p.minLift } } : {}) },
      select: {
        id: true, kind: true, antecedentKey: true, consequentKey: true, support: true, confidence: true,
        lift: true, leverage: true, conviction: true, count: true, antecedentCount: true, windowDays: true, medianLagDays: true, status: true,
      },
    }),
    db.ruleDecision.findMany({ select: { kind: true, antecedentKey: true, consequentKey: true, status: true, reason: true, pairId: true } }),
    db.productPair.findMany({ select: { id: true, sourceProductId: true, targetProductId: true, active: true } }),
    db.product.findMany({ select: { id: true, name: true } }),
  ]);
  const names = new Map(products.map((x) => [x.id, x.name]));
  const byDecision = new Map(decisions.map((d) => [decisionKey(d.kind, d.antecedentKey, d.consequentKey), d]));
  const byPair = new Map(pairs.map((x) => [`${x.sourceProductId}>${x.targetProductId}`, x]));
  const needle = p.q?.toLowerCase();
  const counts = { ...empty };
  const views: RuleRowView[] = [];
  for (const r of rules) {
    // The keys are the sorted ids joined with "|" (the JSON id columns hold the same lists, slower to read).
    const antecedentIds = r.antecedentKey.split("|");
    const consequentIds = r.consequentKey.split("|");
    const decision = byDecision.get(decisionKey(r.kind, r.antecedentKey, r.consequentKey));
    const pairable = antecedentIds.length === 1 && consequentIds.length === 1;
    const pairRow = pairable ? byPair.get(`${antecedentIds[0]}>${consequentIds[0]}`) : undefined;
    const status: RuleStatus = pairRow ? "ACCEPTED" : (decision?.status ?? r.status);
    const view: RuleRowView = {
      id: r.id, kind: r.kind,
      antecedent: antecedentIds.map((id) => ({ id, name: names.get(id) ?? id })),
      consequent: consequentIds.map((id) => ({ id, name: names.get(id) ?? id })),
      support: r.support, confidence: r.confidence, lift: r.lift, leverage: r.leverage, conviction: r.conviction, count: r.count,
      antecedentCount: r.antecedentCount, windowDays: r.windowDays, medianLagDays: r.medianLagDays,
      status, rejectionReason: status === "REJECTED" ? (decision?.reason ?? null) : null,
      pair: pairRow ? { id: pairRow.id, active: pairRow.active } : null, pairable,
    };
    if (needle && ![...view.antecedent, ...view.consequent].some((x) => x.name.toLowerCase().includes(needle))) continue;
    counts[status]++;
    // Rejected rules stay out of the review list unless asked for.
    if (p.status ? status !== p.status : status === "REJECTED") continue;
    views.push(view);
  }
  const sign = p.dir === "asc" ? 1 : -1;
  const value = (v: RuleRowView) => v[p.sort] ?? Number.POSITIVE_INFINITY;
  views.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || sign * (value(a) - value(b)) || a.id.localeCompare(b.id));
  const pageCount = Math.max(1, Math.ceil(views.length / RULE_PAGE_SIZE));
  const page = Math.min(p.page, pageCount);
  return { rows: views.slice((page - 1) * RULE_PAGE_SIZE, page * RULE_PAGE_SIZE), total: views.length, page, pageCount, runId: run.id, counts };
}

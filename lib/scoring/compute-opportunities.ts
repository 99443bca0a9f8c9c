/**
 * Next-best-product opportunities from lib/analytics/recommend: the top `maxOffersPerAccount` products
 * per account by expected value = P(buy) x margin x P(alive), where P(buy) is the ranking score
 * calibrated by isotonic regression on the window before the as-of day (fitted on an evenly spaced
 * sample of CALIBRATION_SAMPLE customers), with the account's owner as assignee, the
 * curated pair behind the offer, and the holdout flag. A durable category (CategoryPolicy) bought
 * within its replacement cycle is not offered again (see recommend.ts). Produced in chunks so the caller can write,
 * report progress and keep memory flat.
 */
import { MS_PER_DAY } from "@/lib/analytics/dates";
import type { LineTable } from "@/lib/analytics/line-table";
import { buildRecommender, type Recommender } from "@/lib/analytics/recommend";
import { DEFAULT_WEIGHTS, type CuratedPair, type ProductMeta, type Recommendation } from "@/lib/analytics/recommend-types";
import { inHoldout } from "./holdout";
import type { OpportunityRow, PairInput, ScoringInputs } from "./types";

export const WINDOW_DAYS = 60;
/** Customers scored for the calibration fit: enough for a smooth map, a fraction of the run's time. */
export const CALIBRATION_SAMPLE = 5_000;
export const MODEL = {
  windowDays: WINDOW_DAYS, rankBy: "expectedValue" as const, maxPerCategory: 2, weights: DEFAULT_WEIGHTS,
  calibration: true, calibrationSample: CALIBRATION_SAMPLE,
};

export interface OpportunityScorer {
  recommender: Recommender;
  /** Customer indexes (into recommender.history) with purchase history, in order. */
  customers: Int32Array;
  /** Scores customers[from .. to) and returns their opportunity rows. */
  score(from: number, to: number): OpportunityRow[];
}

export function productMeta(inputs: ScoringInputs): ProductMeta[] {
  return inputs.products.map((p) => ({
    id: p.id, name: p.name, category: p.category, price: p.priceCents / 100, unitCost: p.unitCostCents / 100, active: p.active,
    durable: p.durability === "DURABLE", replacementCycleDays: p.replacementCycleDays ?? null,
  }));
}

/** Active curated pairs are evidence; suppressed pairs (active or not) block their target. */
export function curatedPairs(pairs: readonly PairInput[]): CuratedPair[] {
  return pairs
    .filter((p) => p.suppressed || p.active)
    .map((p) => ({
      sourceProductId: p.sourceProductId, targetProductId: p.targetProductId, type: p.type,
      windowMinDays: p.windowMinDays, windowMaxDays: p.windowMaxDays, suppressed: p.suppressed,
    }));
}

/** `table` must hold only the lines before the as-of day. */
export function createOpportunityScorer(
  table: LineTable,
  inputs: ScoringInputs,
  ctx: {
    asOfDay: number; pAlive: ReadonlyMap<string, number>; segmentOf: ReadonlyMap<string, string>;
    /** Only these accounts are scored (a worker's part); the statistics still come from the whole table. */
    include?: (accountId: string) => boolean;
  },
): OpportunityScorer {
  const { settings } = inputs;
  const asOfMs = ctx.asOfDay * MS_PER_DAY;
  const recommender = buildRecommender(table, {
    asOfDay: ctx.asOfDay,
    top: settings.maxOffersPerAccount,
    windowDays: settings.opportunityWindowDays ?? MODEL.windowDays,
    rankBy: MODEL.rankBy,
    maxPerCategory: MODEL.maxPerCategory,
    weights: MODEL.weights,
    calibration: MODEL.calibration,
    calibrationSample: MODEL.calibrationSample,
    products: productMeta(inputs),
    pairs: curatedPairs(inputs.pairs),
    pAlive: ctx.pAlive,
    exclusions: {
      doNotContact: inputs.accounts.filter((a) => a.doNotContact).map((a) => a.id),
      // Already filtered to the cool-down in real time by the reader; dated at the as-of day so the
      // recommender's own age check (as-of minus decline date) always keeps them.
      declines: inputs.excluded.map((e) => ({ customerId: e.accountId, productId: e.productId, date: asOfMs })),
      coolDownDays: settings.cooldownDays,
    },
  });
  const h = recommender.history;
  const owner = new Map(inputs.accounts.map((a) => [a.id, a.ownerId]));
  const productIndex = new Map(h.productIds.map((id, i) => [id, i]));
  // Active, unsuppressed curated pairs by target product, for Opportunity.pairId.
  const pairsByTarget = new Map<string, { source: number; pair: PairInput }[]>();
  for (const p of inputs.pairs) {
    const source = productIndex.get(p.sourceProductId);
    if (!p.active || p.suppressed || source === undefined) continue;
    if (!pairsByTarget.has(p.targetProductId)) pairsByTarget.set(p.targetProductId, []);
    pairsByTarget.get(p.targetProductId)!.push({ source, pair: p });
  }
  const owned = new Uint8Array(h.nProducts);
  const list: number[] = [];
  for (let c = 0; c < h.nCustomers; c++) {
    if (h.custStart[c + 1] > h.custStart[c] && owner.has(h.customerIds[c]) && (!ctx.include || ctx.include(h.customerIds[c]))) list.push(c);
  }
  const customers = Int32Array.from(list);

  function pairFor(rec: Recommendation, segment: string | undefined): string | null {
    const candidates = pairsByTarget.get(rec.productId);
    if (!candidates) return null;
    let best: PairInput | null = null;
    for (const { source, pair } of candidates) {
      if (!owned[source]) continue;
      if (pair.eligibleSegments.length > 0 && (segment === undefined || !pair.eligibleSegments.includes(segment))) continue;
      if (pair.sourceProductId === rec.reason.sourceProductId) return pair.id;
      best ??= pair;
    }
    return best?.id ?? null;
  }

  function score(from: number, to: number): OpportunityRow[] {
    const rows: OpportunityRow[] = [];
    for (let i = from; i < to; i++) {
      const c = customers[i];
      const recs = recommender.recommendFor(c, settings.maxOffersPerAccount);
      if (recs.length === 0) continue;
      const accountId = h.customerIds[c];
      const holdout = inHoldout(accountId, settings.holdoutShare);
      const segment = ctx.segmentOf.get(accountId);
      for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) owned[h.custProduct[j]] = 1;
      recs.forEach((rec, k) => {
        const { text, ...reason } = rec.reason;
        const probability = rec.probability ?? rec.score;
        rows.push({
          accountId,
          productId: rec.productId,
          pairId: pairFor(rec, segment),
          assigneeId: owner.get(accountId)!,
          probability,
          expectedValue: rec.expectedValue,
          // The sentence is stored once, in reasonText; the JSON keeps the numbers behind it (score is
          // the uncalibrated ranking score, probability the calibrated P(buy)).
          reason: { ...reason, targetProductId: rec.productId, probability, score: rec.score, margin: rec.margin, pAlive: rec.pAlive, expectedValue: rec.expectedValue },
          reasonText: text,
          rank: k + 1,
          holdout,
        });
      });
      for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) owned[h.custProduct[j]] = 0;
    }
    return rows;
  }

  return { recommender, customers, score };
}

/** Per-account metrics of a run: RFM segment (lib/analytics/rfm) joined with CLV and P(alive) (lib/analytics/clv). */
import { computeClv, type ClvResult } from "@/lib/analytics/clv";
import type { LineTable } from "@/lib/analytics/line-table";
import { computeRfm } from "@/lib/analytics/rfm";
import type { MetricsRow } from "./types";

/**
 * One year ahead in weeks, discounted 4-weekly (13 steps; within 0.5% of weekly discounting), with
 * the models fitted on an evenly spaced 25,000-customer subset (fitting on all 100k took most of the stage).
 */
export const CLV_OPTIONS = { period: "week", horizon: 52, discountRate: 0.1, discountSteps: 13, fitSample: 25_000 } as const;

/**
 * CLV tiers by rank among the scored accounts: the top 20% are "High", the next 30% "Medium", the rest
 * "Low". Ranks, not fixed amounts, so tiers mean the same in any currency and data set.
 */
export function clvTiers(values: ArrayLike<number>): string[] {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[b] - values[a] || a - b);
  const out = new Array<string>(n);
  order.forEach((i, rank) => (out[i] = rank < n * 0.2 ? "High" : rank < n * 0.5 ? "Medium" : "Low"));
  return out;
}

export interface ClvSummary {
  method: ClvResult["model"];
  fallbackReason: string | null;
  bgnbd: ClvResult["bgnbd"];
  gammaGamma: ClvResult["gammaGamma"];
}

export interface MetricsResult {
  rows: MetricsRow[];
  /** P(alive) per account id (BG/NBD only; empty with the historic fallback). */
  pAlive: Map<string, number>;
  segmentOf: Map<string, string>;
  clv: ClvSummary;
}

export function computeSegments(table: LineTable, asOfDay: number) {
  return computeRfm(table, asOfDay);
}

/** Lines before asOfDay count for both models: the CLV calibration period ends the day before. */
export function computeAccountClv(table: LineTable, asOfDay: number): ClvResult {
  return computeClv(table, { calibrationEndDay: asOfDay - 1, ...CLV_OPTIONS });
}

export function joinMetrics(rfm: ReturnType<typeof computeRfm>, clv: ClvResult): MetricsResult {
  const byId = new Map(clv.customers.map((c, i) => [c.customerId, i]));
  const values = rfm.map((r) => {
    const c = clv.customers[byId.get(r.customerId) ?? -1];
    return c ? c.clv : r.monetary;
  });
  const tiers = clvTiers(values);
  const pAlive = new Map<string, number>();
  const segmentOf = new Map<string, string>();
  const rows: MetricsRow[] = rfm.map((r, k) => {
    const c = clv.customers[byId.get(r.customerId) ?? -1];
    const bg = clv.model === "bgnbd" && c !== undefined && c.pAlive !== null;
    if (bg) pAlive.set(r.customerId, c.pAlive!);
    segmentOf.set(r.customerId, r.segment);
    const historic = c ? c.historicValue : r.monetary;
    return {
      accountId: r.customerId,
      recencyDays: r.recencyDays,
      frequency: r.frequency,
      monetary: r.monetary,
      r: r.r,
      f: r.f,
      m: r.m,
      segment: r.segment,
      historicClv: round2(historic),
      predictedClv: bg ? round2(c.clv) : null,
      clv: round2(values[k]),
      clvMethod: bg ? "bgnbd" : "historic",
      clvTier: tiers[k],
      pAlive: bg ? c.pAlive : null,
      expectedPurchases: bg ? c.expectedPurchases : null,
    };
  });
  return {
    rows,
    pAlive,
    segmentOf,
    clv: { method: clv.model, fallbackReason: clv.fallbackReason, bgnbd: clv.bgnbd, gammaGamma: clv.gammaGamma },
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

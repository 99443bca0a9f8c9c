// Demo history of the cross-sell programme with a known answer: monthly scoring runs with the holdout,
// reps working their queues, and purchases in which treated accounts buy an offered product `effect`
// (default +2 points) more often than the holdout, on top of the natural rate both groups share (the base
// orders). Pure and deterministic: same inputs and seed -> identical rows; written by history-writer.ts.
import { inHoldout } from "../../lib/scoring/holdout";
import { deriveSeed, mulberry32, pick, type Rng } from "./random";
import { chunksOf } from "./row-source";
import type { AccountRow, OrderLineRow, OrderRow, ProductPairRow, ProductRow, Rows } from "./types";

const DAY = 86_400_000;

export interface HistoryOptions {
  seed: number;
  endDate: Date;
  runs?: number;
  /** Days between runs. Planted purchases fall before the next run, so they never count for two runs. */
  intervalDays?: number;
  /** The purchase window a run is measured over (lib/scoring WINDOW_DAYS). */
  windowDays?: number;
  holdoutShare?: number;
  /** Incremental purchase rate of treated accounts (0.02 = 2 points). */
  effect?: number;
  maxOffers?: number;
  /** Share of planted cross-sold lines returned. */
  returnShare?: number;
}

export interface HistoryRunRow {
  id: string; status: "COMPLETED"; active: false; stage: string; progress: number; parameters: Record<string, unknown>;
  counts: Record<string, unknown>; startedAt: Date; heartbeatAt: Date; finishedAt: Date;
}
export interface HistoryOpportunityRow {
  id: string; runId: string; accountId: string; productId: string; pairId: string | null; assigneeId: string;
  status: "WON" | "LOST" | "EXPIRED"; probability: number; expectedValue: number; reason: Record<string, unknown>; reasonText: string;
  rank: number; priority: number; holdout: boolean; attempts: number; lastContactAt: Date | null;
  lostReason: "PRICE" | "ALREADY_OWNS" | "NOT_RELEVANT" | "BAD_TIMING" | "OTHER" | null; wonAmountCents: number | null;
  closedAt: Date | null; version: number; createdAt: Date; updatedAt: Date;
}
export interface HistoryActivityRow {
  id: string; idempotencyKey: string; opportunityId: string; accountId: string; userId: string; channel: "CALL" | "EMAIL";
  outcome: "NO_ANSWER" | "VOICEMAIL" | "NOT_INTERESTED" | "INTERESTED" | "WON"; declineReason: HistoryOpportunityRow["lostReason"];
  notes: string | null; followUpAt: Date | null; wonAmountCents: number | null; durationSeconds: number; createdAt: Date;
}
export interface HistoryTables {
  runs: HistoryRunRow[];
  opportunities: HistoryOpportunityRow[];
  activities: HistoryActivityRow[];
  orders: OrderRow[];
  orderLines: OrderLineRow[];
  /** Per run: the natural rate measured on the base orders, and the planted purchases. */
  plan: { runId: string; asOf: string; naturalRate: number; planted: number; treatedAccounts: number; holdoutAccounts: number }[];
}

export interface HistoryBase {
  accounts: readonly AccountRow[];
  products: readonly ProductRow[];
  productPairs: readonly ProductPairRow[];
  orderLines: Rows<OrderLineRow>;
}

const REASONS = ["PRICE", "ALREADY_OWNS", "NOT_RELEVANT", "BAD_TIMING", "OTHER"] as const;
const utcDay = (ms: number) => new Date(Math.floor(ms / DAY) * DAY).toISOString().slice(0, 10);

export function generateHistory(base: HistoryBase, o: HistoryOptions): HistoryTables {
  const runsN = o.runs ?? 6;
  const interval = o.intervalDays ?? 30;
  const windowDays = o.windowDays ?? 60;
  const share = o.holdoutShare ?? 0.1;
  const effect = o.effect ?? 0.02;
  const maxOffers = o.maxOffers ?? 3;
  const returnShare = o.returnShare ?? 0.1;
  const rng = mulberry32(deriveSeed(o.seed, "history"));
  const endMs = Math.floor(o.endDate.getTime() / DAY) * DAY;

  const product = new Map(base.products.map((p) => [p.id, p]));
  const pairsBySource = new Map<string, ProductPairRow[]>();
  for (const p of base.productPairs) {
    if (!p.active || p.suppressed) continue;
    const list = pairsBySource.get(p.sourceProductId) ?? [];
    list.push(p);
    pairsBySource.set(p.sourceProductId, list);
  }
  // Every account's purchases (time, product), base orders first; planted ones are appended as made.
  const bought = new Map<string, { at: number; productId: string }[]>();
  for (const chunk of chunksOf(base.orderLines, 65_536)) {
    for (const l of chunk) {
      let list = bought.get(l.accountId);
      if (!list) bought.set(l.accountId, (list = []));
      list.push({ at: l.orderedAt.getTime(), productId: l.productId });
    }
  }

  const out: HistoryTables = { runs: [], opportunities: [], activities: [], orders: [], orderLines: [], plan: [] };
  let oppSeq = 0;
  let actSeq = 0;
  for (let k = 0; k < runsN; k++) {
    const asOfMs = endMs - (windowDays + (runsN - 1 - k) * interval) * DAY;
    const windowEnd = asOfMs + windowDays * DAY;
    const runId = `hrun_${k + 1}`;
    const runOffers: { account: AccountRow; holdout: boolean; opps: HistoryOpportunityRow[]; natural: boolean }[] = [];
    for (const account of base.accounts) {
      if (account.doNotContact) continue;
      const history = bought.get(account.id);
      if (!history) continue;
      const owned = new Set<string>();
      for (const h of history) if (h.at < asOfMs) owned.add(h.productId);
      if (owned.size === 0) continue;
      const candidates = new Map<string, ProductPairRow>();
      for (const src of owned) for (const pair of pairsBySource.get(src) ?? []) if (!owned.has(pair.targetProductId)) candidates.set(pair.targetProductId, pair);
      if (candidates.size === 0) continue;
      const offers = shuffle(rng, [...candidates.values()]).slice(0, maxOffers);
      const holdout = inHoldout(account.id, share);
      const offered = new Set(offers.map((p) => p.targetProductId));
      const natural = history.some((h) => h.at >= asOfMs && h.at < windowEnd && offered.has(h.productId));
      const opps = offers.map((pair, i): HistoryOpportunityRow => {
        const p = product.get(pair.targetProductId)!;
        const probability = 0.02 + rng() * 0.2;
        return {
          id: `hopp_${++oppSeq}`, runId, accountId: account.id, productId: p.id, pairId: pair.id, assigneeId: account.ownerId,
          status: "EXPIRED", probability, expectedValue: (probability * (p.priceCents - p.unitCostCents)) / 100,
          reason: { kind: "pair", sourceProductId: pair.sourceProductId, history: true },
          reasonText: `bought ${product.get(pair.sourceProductId)?.name ?? "a related product"}; curated ${pair.type.toLowerCase().replace("_", "-")} pair`,
          rank: i + 1, priority: 1, holdout, attempts: 0, lastContactAt: null, lostReason: null, wonAmountCents: null,
          closedAt: new Date(windowEnd), version: 1, createdAt: new Date(asOfMs), updatedAt: new Date(windowEnd),
        };
      });
      runOffers.push({ account, holdout, opps, natural });
    }
    const naturalRate = runOffers.length ? runOffers.filter((r) => r.natural).length / runOffers.length : 0;
    // Among treated accounts that would not have bought anyway, this share buys because of the outreach,
    // so the treated rate exceeds the shared natural rate by `effect` in expectation.
    const plantRate = naturalRate < 1 ? Math.min(1, effect / (1 - naturalRate)) : 0;
    let planted = 0;
    for (const r of runOffers) {
      const { account } = r;
      const channel = account.phoneConsent || !account.emailConsent ? "CALL" : "EMAIL";
      const log = (opp: HistoryOpportunityRow, at: number, outcome: HistoryActivityRow["outcome"], extra: Partial<HistoryActivityRow> = {}) => {
        const id = `hact_${++actSeq}`;
        out.activities.push({
          id, idempotencyKey: id, opportunityId: opp.id, accountId: account.id, userId: account.ownerId, channel, outcome, declineReason: null,
          notes: null, followUpAt: null, wonAmountCents: null, durationSeconds: outcome === "NO_ANSWER" || outcome === "VOICEMAIL" ? 20 + Math.floor(rng() * 40) : 90 + Math.floor(rng() * 600),
          createdAt: new Date(at), ...extra,
        });
        opp.attempts++;
        opp.lastContactAt = new Date(at);
        opp.updatedAt = new Date(at);
      };
      if (!r.holdout && !r.natural && rng() < plantRate) {
        // The outreach sold one of the offers: a call, the order a day or two later, sometimes a return.
        planted++;
        const opp = pick(rng, r.opps);
        const p = product.get(opp.productId)!;
        const orderAt = asOfMs + (1 + rng() * (interval - 3)) * DAY;
        const callAt = orderAt - (0.1 + rng() * 1.5) * DAY;
        if (rng() < 0.4) log(opp, callAt - (1 + rng() * 3) * DAY, "NO_ANSWER");
        log(opp, callAt, "WON", { wonAmountCents: p.priceCents });
        opp.status = "WON";
        opp.wonAmountCents = p.priceCents;
        opp.closedAt = new Date(orderAt);
        const orderId = `hord_${k + 1}_${planted}`;
        const at = new Date(orderAt);
        out.orders.push({ id: orderId, orderNumber: `H${k + 1}-${String(planted).padStart(6, "0")}`, accountId: account.id, orderedAt: at, channel: "phone", totalCents: p.priceCents });
        out.orderLines.push({
          id: `hline_${k + 1}_${planted}`, orderId, accountId: account.id, orderedAt: at, productId: p.id, quantity: 1, unitPriceCents: p.priceCents,
          returnedQuantity: rng() < returnShare ? 1 : 0, opportunityId: opp.id,
        });
        bought.get(account.id)!.push({ at: orderAt, productId: p.id });
        continue;
      }
      if (r.holdout) continue;
      // Reps work a little over half of the other treated offers: unanswered calls, declines, interest.
      for (const opp of r.opps) {
        if (rng() > 0.55) continue;
        let at = asOfMs + (1 + rng() * 20) * DAY;
        for (let attempt = 0; attempt < 3; attempt++) {
          const u = rng();
          if (u < 0.35) log(opp, at, "NO_ANSWER");
          else if (u < 0.5) log(opp, at, "VOICEMAIL");
          else if (u < 0.82) {
            const reason = pick(rng, REASONS);
            log(opp, at, "NOT_INTERESTED", { declineReason: reason });
            opp.status = "LOST";
            opp.lostReason = reason;
            opp.closedAt = new Date(at);
            break;
          } else {
            log(opp, at, "INTERESTED", { followUpAt: new Date(at + 7 * DAY) });
            break;
          }
          at += (2 + rng() * 5) * DAY;
        }
      }
    }
    for (const r of runOffers) for (const opp of r.opps) out.opportunities.push(opp);
    const treatedAccounts = runOffers.filter((r) => !r.holdout).length;
    out.plan.push({ runId, asOf: utcDay(asOfMs), naturalRate, planted, treatedAccounts, holdoutAccounts: runOffers.length - treatedAccounts });
    out.runs.push({
      id: runId, status: "COMPLETED", active: false, stage: "activate", progress: 1,
      parameters: { asOf: utcDay(asOfMs), history: true, settings: { holdoutShare: share }, model: { windowDays } },
      counts: { accountsWithOpportunities: runOffers.length, holdoutAccounts: runOffers.length - treatedAccounts, opportunities: runOffers.reduce((n, r) => n + r.opps.length, 0) },
      startedAt: new Date(asOfMs), heartbeatAt: new Date(asOfMs + 300_000), finishedAt: new Date(asOfMs + 300_000),
    });
  }
  return out;
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

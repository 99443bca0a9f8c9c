/**
 * Next-best-product ranking. P(buy B within the window) combines, by noisy-OR, the strongest pieces
 * of evidence from the customer's own purchases (sequence confidence shrunk toward B's base rate,
 * basket confidence, buyer-set cosine; each decayed by the age of the source purchase), curated
 * pairs inside their timing window, and a "popular now" prior. Expected value = P(buy) x margin x
 * P(alive). Owned, inactive, declined and suppressed products and do-not-contact customers are
 * excluded; with categories, at most `maxPerCategory` picks per category unless nothing else is left.
 */
import { basketsFromLines, basketCount } from "./baskets";
import { calibrator, fitIsotonicBinary, type Calibration } from "./calibration";
import { buildHistory, type CustomerHistory } from "./customer-history";
import { dayOf, parseIsoDate } from "./dates";
import { buildNeighbors, kthSmallest, type NeighborTable } from "./item-neighbors";
import { filterLines, lineTableFromOrderLines, type LineTable, type OrderLine } from "./line-table";
import { coBuyerCount, fitLinearEvidence } from "./linear-evidence";
import { describeReason, emptyReason } from "./reasons";
import {
  DEFAULT_WEIGHTS, type CuratedPair, type CustomerRecommendations, type EvidenceKind, type Exclusions,
  type ModelWeights, type ProductMeta, type Reason, type Recommendation,
} from "./recommend-types";

export interface RecommendOptions {
  /** Only lines before this day are used; ages are measured to it. */
  asOfDay: number;
  top?: number;
  windowDays?: number;
  products?: readonly ProductMeta[];
  pairs?: readonly CuratedPair[];
  exclusions?: Exclusions;
  /** P(alive) per customer id (e.g. from computeClv); 1 when missing. */
  pAlive?: ReadonlyMap<string, number>;
  rankBy?: "probability" | "expectedValue";
  maxPerCategory?: number;
  /** P(buy) given to a curated pair without observed evidence. */
  curatedProbability?: number;
  weights?: Partial<ModelWeights>;
  maxNeighbors?: number;
  /**
   * Calibrated P(buy) in `Recommendation.probability`, used for the expected value: `true` fits an
   * isotonic map on a holdout window inside the training data (see fitHoldoutCalibration), or pass a
   * fitted map. Off by default; the ranking score (`score`) is the same either way.
   */
  calibration?: boolean | Calibration;
  /** Customers sampled for the holdout fit (default 20,000). */
  calibrationSample?: number;
  /** The holdout fit keeps every n-th non-purchase, weighted n (default 4). */
  calibrationNegativeStep?: number;
  /** Least observations behind each constant piece of the fitted map (default 100; see poolLightBlocks). */
  calibrationMinBlock?: number;
  /**
   * Least supporting customers (sequence) or orders (basket) for that evidence to be named as the
   * reason in place of a stronger buyer-set similarity; default 10.
   */
  reasonMinSupport?: number;
}

const KINDS: EvidenceKind[] = ["sequence", "basket", "similar"];
/** Linear-model candidates per customer beyond those with item-to-item evidence. */
const LINEAR_CANDIDATES = 200;

export interface Recommender {
  history: CustomerHistory;
  neighbors: NeighborTable;
  /** The map from score to calibrated probability, when calibration is on. */
  calibration: Calibration | null;
  /** Top recommendations for a customer index (into history.customerIds). */
  recommendFor(customer: number, top?: number): Recommendation[];
  /** Every eligible candidate of a customer with its raw score (no ranking, no reasons). */
  forEachCandidate(customer: number, visit: (product: number, score: number) => void): void;
}

export function buildRecommender(t: LineTable, options: RecommendOptions): Recommender {
  const w: ModelWeights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const N = options.windowDays ?? 60;
  const asOf = options.asOfDay;
  const cal: Calibration | null =
    options.calibration === true ? fitHoldoutCalibration(t, options) : options.calibration ? options.calibration : null;
  const calFn = cal ? calibrator(cal) : null;
  const minSupport = options.reasonMinSupport ?? 10;
  const train = filterLines(t, (time) => dayOf(time) < asOf);
  const baskets = basketsFromLines(train);
  const nOrders = basketCount(baskets);
  const h = buildHistory(train, asOf);
  const nb = buildNeighbors(h, { windowDays: N, baskets, minCustomers: 2, maxNeighbors: options.maxNeighbors ?? 100 });
  const P = h.nProducts;
  const linear = w.linearWeight > 0 && P > 1
    ? fitLinearEvidence(h, { asOfDay: asOf, tauDays: w.linearTauDays, lambda: w.linearLambda, maxItems: w.linearMaxItems, minBuyers: w.linearMinBuyers })
    : null;
  const lin = new Float64Array(P);
  const linVals = new Float64Array(linear ? linear.model.subset.n : 0);
  const pid = new Map(h.productIds.map((id, i) => [id, i]));
  const cid = new Map(h.customerIds.map((id, i) => [id, i]));

  // Per neighbor entry: the pair probability and which evidence gave it.
  const pPair = new Float64Array(nb.target.length);
  const kind = new Uint8Array(nb.target.length);
  const source = new Int32Array(nb.target.length);
  for (let a = 0; a < P; a++) {
    for (let k = nb.start[a]; k < nb.start[a + 1]; k++) {
      source[k] = a;
      const b = nb.target[k];
      const seqP = (nb.seqCustomers[k] + w.shrink * nb.baseRate[b]) / (nb.seqExposure[k] + w.shrink);
      const basketP = nb.orders[a] > 0 ? (w.basketWeight * nb.basketOrders[k]) / nb.orders[a] : 0;
      const cosP = w.cosineWeight * nb.cosine[k];
      const best = Math.max(seqP, basketP, cosP);
      pPair[k] = Math.min(best, 0.99);
      kind[k] = best === seqP ? 0 : best === basketP ? 1 : 2;
    }
  }

  // "Popular now": first purchases in the last trendDays among customers active then, scaled to the window.
  const since = asOf - w.trendDays;
  const fresh = new Int32Array(P);
  for (let p = 0; p < P; p++) for (let k = h.prodStart[p]; k < h.prodStart[p + 1]; k++) if (h.prodFirstDay[k] >= since) fresh[p]++;
  let active = 0;
  for (let c = 0; c < h.nCustomers; c++) if (h.lastPurchaseDay[c] >= since) active++;
  const prior = new Float64Array(P);
  for (let p = 0; p < P; p++) prior[p] = active ? Math.min(0.5, ((fresh[p] / active) * N) / w.trendDays) * w.priorWeight : 0;
  const popular = Array.from({ length: P }, (_, p) => p).sort((x, y) => prior[y] - prior[x] || x - y).slice(0, 200);

  // Catalogue: margin, category, active flag.
  const meta = new Map<number, ProductMeta>();
  for (const m of options.products ?? []) {
    const p = pid.get(m.id);
    if (p !== undefined) meta.set(p, m);
  }
  const margin = (p: number) => {
    const m = meta.get(p);
    const price = m?.price ?? h.avgPrice[p];
    return m?.unitCost !== null && m?.unitCost !== undefined ? price - m.unitCost : price;
  };
  const name = (id: string) => meta.get(pid.get(id) ?? -1)?.name ?? id;
  const curated = new Map<number, { target: number; pair: CuratedPair }[]>();
  const suppressed = new Map<number, Set<number>>();
  for (const pair of options.pairs ?? []) {
    const a = pid.get(pair.sourceProductId);
    const b = pid.get(pair.targetProductId);
    if (a === undefined || b === undefined) continue;
    if (pair.suppressed) {
      if (!suppressed.has(a)) suppressed.set(a, new Set());
      suppressed.get(a)!.add(b);
    } else {
      if (!curated.has(a)) curated.set(a, []);
      curated.get(a)!.push({ target: b, pair });
    }
  }
  const dnc = new Set((options.exclusions?.doNotContact ?? []).map((id) => cid.get(id)).filter((c) => c !== undefined));
  const coolDown = options.exclusions?.coolDownDays ?? 90;
  const declined = new Map<number, Set<number>>();
  for (const d of options.exclusions?.declines ?? []) {
    const c = cid.get(d.customerId);
    const p = pid.get(d.productId);
    const ms = typeof d.date === "number" ? d.date : d.date instanceof Date ? d.date.getTime() : parseIsoDate(d.date);
    if (c === undefined || p === undefined || !Number.isFinite(ms)) continue;
    const age = asOf - dayOf(ms);
    if (age >= 0 && age <= coolDown) {
      if (!declined.has(c)) declined.set(c, new Set());
      declined.get(c)!.add(p);
    }
  }

  const M = w.maxSources;
  const top = new Float64Array(P * M);
  const topSrc = new Int32Array(P * M);
  const seen = new Uint8Array(P);
  /** 1 for the current customer's owned products and blocked targets: never recommended. */
  const excluded = new Uint8Array(P);
  const inactive = new Uint8Array(P);
  for (const [p, m] of meta) if (m.active === false) inactive[p] = 1;
  // Durable categories with a replacement cycle: per product its category slot, per slot the cycle and
  // the customer it is blocked for (a stamp, so nothing is reset between customers).
  const durableSlot = new Int32Array(P).fill(-1);
  const slotCycle: number[] = [];
  const slotOf = new Map<string, number>();
  for (const [p, m] of meta) {
    if (!m.durable || !m.category || !(Number(m.replacementCycleDays) > 0)) continue;
    if (!slotOf.has(m.category)) {
      slotOf.set(m.category, slotCycle.length);
      slotCycle.push(Number(m.replacementCycleDays));
    }
    durableSlot[p] = slotOf.get(m.category)!;
  }
  const blockedFor = new Int32Array(slotCycle.length).fill(-1);
  /** Per slot, the customer's latest purchase day in the category (valid where blockedFor = c). */
  const slotLatest = new Int32Array(slotCycle.length);
  const upsellFor = new Int32Array(P).fill(-1);
  const touched = new Int32Array(P);
  let nTouched = 0;
  const prob = new Float64Array(P);
  const rank = new Float64Array(P);
  const calib = new Float64Array(P);
  const elig = new Int32Array(P);
  const vals = new Float64Array(P);

  /** Inserts e into b's strongest-M list (descending); src >= 0 is a neighbor entry, -1 - i a curated pair. */
  function offer(b: number, e: number, src: number) {
    const base = b * M;
    if (seen[b] === 0) {
      seen[b] = 1;
      touched[nTouched++] = b;
      top.fill(0, base, base + M);
    }
    let i = M - 1;
    if (e <= top[base + i]) return;
    while (i > 0 && top[base + i - 1] < e) {
      top[base + i] = top[base + i - 1];
      topSrc[base + i] = topSrc[base + i - 1];
      i--;
    }
    top[base + i] = e;
    topSrc[base + i] = src;
  }

  function setExcluded(c: number, value: number) {
    for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) {
      const a = h.custProduct[j];
      excluded[a] = value;
      if (suppressed.size > 0) for (const b of suppressed.get(a) ?? []) excluded[b] = value;
    }
    for (const b of declined.get(c) ?? []) excluded[b] = value;
  }

  type CuratedHit = { b: number; a: number; age: number; pair: CuratedPair; p: number };
  /** Fills prob[] and elig[0..n) for customer c and returns n; release(c) must follow. */
  function collect(c: number, curatedHits: CuratedHit[]): number {
    nTouched = 0;
    setExcluded(c, 1);
    if (slotCycle.length > 0) {
      for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) {
        const slot = durableSlot[h.custProduct[j]];
        if (slot < 0 || asOf - h.custLastDay[j] >= slotCycle[slot]) continue;
        if (blockedFor[slot] !== c || h.custLastDay[j] > slotLatest[slot]) slotLatest[slot] = h.custLastDay[j];
        blockedFor[slot] = c;
      }
    }
    for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) {
      const a = h.custProduct[j];
      const age = asOf - h.custLastDay[j];
      const rw = Math.max(w.minRecencyWeight, Math.exp(-age / w.tauDays));
      // Owned and blocked targets are never recommended: skip them before any bookkeeping (heavy
      // buyers own a large share of their sources' neighbours).
      const end = nb.start[a + 1];
      for (let e = nb.start[a]; e < end; e++) {
        const b = nb.target[e];
        if (excluded[b] === 0) offer(b, pPair[e] * rw, e);
      }
      if (curated.size === 0) continue;
      for (const { target, pair } of curated.get(a) ?? []) {
        if (age < (pair.windowMinDays ?? 0) || age > (pair.windowMaxDays ?? Infinity)) continue;
        let p = options.curatedProbability ?? 0.15;
        for (let e = nb.start[a]; e < nb.start[a + 1]; e++) if (nb.target[e] === target) p = Math.max(p, pPair[e]);
        curatedHits.push({ b: target, a, age, pair, p });
        // An upsell replaces the durable the account has now: its source must be the latest purchase
        // of the target's category (an upgrade of an older camera is not one of the camera in use).
        const ts = durableSlot[target];
        if ((pair.type ?? "").toUpperCase() === "UPSELL" && (ts < 0 || blockedFor[ts] !== c || h.custLastDay[j] >= slotLatest[ts])) upsellFor[target] = c;
        offer(target, p, -1 - (curatedHits.length - 1));
      }
    }
    for (const b of popular) if (seen[b] === 0) offer(b, 0, -1e9);
    if (linear) {
      linear.scoresFor(c, lin);
      // Only the strongest linear candidates can reach the top (the rest score below them on both
      // parts), so the others are not made candidates; products with item-to-item evidence keep theirs.
      const items = linear.model.subset.items;
      let m = 0;
      for (let i = 0; i < items.length; i++) if (lin[items[i]] > 0) linVals[m++] = lin[items[i]];
      const cut = m > LINEAR_CANDIDATES ? kthSmallest(linVals, m, m - LINEAR_CANDIDATES) : 0;
      for (let i = 0; i < items.length; i++) {
        const b = items[i];
        if (lin[b] > 0 && lin[b] >= cut && seen[b] === 0) offer(b, 0, -1e9);
      }
    }
    let n = 0;
    let maxLin = 0;
    for (let t = 0; t < nTouched; t++) {
      const b = touched[t];
      if ((excluded[b] | inactive[b]) !== 0) continue;
      // No second durable of a category bought within its cycle, unless an upsell pair's window has come.
      if (durableSlot[b] >= 0 && blockedFor[durableSlot[b]] === c && upsellFor[b] !== c) continue;
      let notBuy = 1 - prior[b];
      for (let i = 0; i < M; i++) notBuy *= 1 - top[b * M + i];
      prob[b] = 1 - notBuy;
      if (linear && lin[b] > maxLin) maxLin = lin[b];
      elig[n++] = b;
    }
    if (linear) {
      // The linear score is scaled per customer (best candidate = 1) so that it blends with the noisy-OR on one scale.
      const a = w.linearWeight;
      for (let i = 0; i < n; i++) {
        const b = elig[i];
        prob[b] = a * (maxLin > 0 ? Math.max(0, lin[b]) / maxLin : 0) + (1 - a) * prob[b];
      }
    }
    return n;
  }

  function release(c: number) {
    for (let t = 0; t < nTouched; t++) seen[touched[t]] = 0;
    setExcluded(c, 0);
  }

  function forEachCandidate(c: number, visit: (product: number, score: number) => void) {
    if (dnc.has(c)) return;
    const n = collect(c, []);
    for (let i = 0; i < n; i++) visit(elig[i], prob[elig[i]]);
    release(c);
  }

  function recommendFor(c: number, k = options.top ?? 5): Recommendation[] {
    if (dnc.has(c)) return [];
    const curatedHits: CuratedHit[] = [];
    const n = collect(c, curatedHits);
    const alive = options.pAlive?.get(h.customerIds[c]) ?? 1;
    const byEv = options.rankBy === "expectedValue";
    // Ranking by probability uses the raw score (a global monotone map keeps its order, and the raw
    // score has no ties the map could introduce); the expected value uses the calibrated probability.
    for (let i = 0; i < n; i++) {
      const b = elig[i];
      calib[b] = calFn ? calFn(prob[b]) : prob[b];
      rank[b] = byEv ? calib[b] * margin(b) * alive : prob[b];
    }
    // Only the best few need objects and a full sort (diversification may skip some).
    const need = Math.max(4 * k, 20);
    let cut = -Infinity;
    if (n > need) {
      for (let i = 0; i < n; i++) vals[i] = rank[elig[i]];
      cut = kthSmallest(vals, n, n - need);
    }
    const cands: { b: number; p: number; q: number; ev: number; r: number }[] = [];
    for (let i = 0; i < n; i++) {
      const b = elig[i];
      if (rank[b] >= cut) cands.push({ b, p: prob[b], q: calib[b], ev: calib[b] * margin(b) * alive, r: rank[b] });
    }
    cands.sort((x, y) => y.r - x.r || x.b - y.b);
    const picked = diversify(cands, k, (b) => meta.get(b)?.category ?? null, options.maxPerCategory ?? 2);
    const out = picked.map(({ b, p, q, ev }): Recommendation => ({
      productId: h.productIds[b],
      score: p,
      ...(cal ? { probability: q } : {}),
      pAlive: alive,
      margin: margin(b),
      expectedValue: ev,
      category: meta.get(b)?.category ?? null,
      reason: describeReason(reasonFor(b, stated(b), curatedHits, cal ? q : null), h.productIds[b], name),
    }));
    release(c);
    return out;

    /**
     * The evidence to name: the strongest source, except that a buyer-set similarity gives way to a
     * sequence (then a basket rule) among the candidate's combined sources when that has at least
     * minSupport customers (orders) and a lift above 1: "38% of A buyers bought B" reads better than
     * "similarity 0.27", and its numbers are just as true. Returns [source entry, contribution].
     */
    function stated(b: number): [number, number] {
      const first = topSrc[b * M];
      const e0 = top[b * M];
      if (e0 <= 0 || first < 0 || kind[first] !== 2) return [first, e0];
      let basket = -1;
      for (let i = 0; i < M; i++) {
        const src = topSrc[b * M + i];
        if (top[b * M + i] <= 0) break;
        if (src < 0) continue;
        const sk = statedKind(src);
        if (sk === 0) return [src, top[b * M + i]];
        if (sk === 1 && basket < 0) basket = i;
      }
      return basket >= 0 ? [topSrc[b * M + basket], top[b * M + basket]] : [first, e0];
    }

    /** `probability`: the offer's calibrated P(buy), which a curated pair states as its chance. */
    function reasonFor(b: number, [src, e]: [number, number], hits: CuratedHit[], probability: number | null): Reason {
      if ((e <= 0 || src === -1e9) && linear) {
        // Ranked by the linear model alone: name the owned product that contributed most, with the
        // co-buyer count and cosine of the two buyer sets (the numbers are the data's, not the model's).
        const s = linear.strongestSource(c, b);
        const co = s ? coBuyerCount(h, s.product, b) : 0;
        if (s && co > 0) {
          const j = findOwned(c, s.product);
          const cos = co / Math.sqrt(nb.buyers[s.product] * nb.buyers[b]);
          return { ...emptyReason("similar"), sourceProductId: h.productIds[s.product], daysSinceSource: asOf - h.custLastDay[j], customers: co, similarity: cos };
        }
      }
      if (e <= 0 || src === -1e9) {
        const r = emptyReason("popular");
        return { ...r, customers: fresh[b], windowDays: w.trendDays, confidence: active ? fresh[b] / active : 0 };
      }
      if (src < 0) {
        const hit = hits[-1 - src];
        // With calibration the stated chance is the offer's own P(buy), the number shown beside it;
        // without, the pair's observed rate (or the default) that entered the score.
        const chance = probability ?? hit.p;
        return { ...emptyReason("curated"), sourceProductId: h.productIds[hit.a], daysSinceSource: hit.age, confidence: chance, pairType: hit.pair.type ?? null, windowDays: hit.pair.windowMaxDays ?? null };
      }
      const a = source[src];
      const j = findOwned(c, a);
      const k = statedKind(src);
      const base = { ...emptyReason(KINDS[k]), sourceProductId: h.productIds[a], daysSinceSource: asOf - h.custLastDay[j] };
      if (k === 0) {
        const conf = nb.seqExposure[src] > 0 ? Math.min(1, nb.seqCustomers[src] / nb.seqExposure[src]) : 0;
        return { ...base, confidence: conf, lift: nb.baseRate[b] > 0 ? conf / nb.baseRate[b] : null, customers: nb.seqCustomers[src], windowDays: N, medianLagDays: nb.medianLagDays[src] };
      }
      if (k === 1) {
        const conf = nb.basketOrders[src] / nb.orders[a];
        return { ...base, confidence: conf, lift: conf / (nb.orders[b] / nOrders), orders: nb.basketOrders[src] };
      }
      return { ...base, customers: nb.coBuyers[src], similarity: nb.cosine[src] };
    }
  }

  /** The kind a reason names for a neighbour entry: as scored, unless similarity gives way (see stated). */
  function statedKind(src: number): number {
    if (kind[src] !== 2) return kind[src];
    if (nb.seqCustomers[src] >= minSupport && nb.seqExposure[src] > 0 && nb.seqCustomers[src] / nb.seqExposure[src] > nb.baseRate[nb.target[src]]) return 0;
    const b = nb.target[src];
    if (nb.basketOrders[src] >= minSupport && nb.orders[b] > 0 && nb.basketOrders[src] / nb.orders[source[src]] > nb.orders[b] / nOrders) return 1;
    return 2;
  }

  function findOwned(c: number, a: number): number {
    for (let j = h.custStart[c]; j < h.custStart[c + 1]; j++) if (h.custProduct[j] === a) return j;
    return -1;
  }

  return { history: h, neighbors: nb, calibration: cal, recommendFor, forEachCandidate };
}

/**
 * Fits the score -> P(buy) map without looking past the as-of day: the recommender is trained on the
 * lines before as-of - W (W = the window), every eligible candidate of an evenly spaced sample of
 * customers is scored, labelled 1 when the customer bought that product in [as-of - W, as-of) (it was
 * not owned before, so that is the first purchase) and isotonic regression is fitted on (score, label).
 * All candidates, not only the top few, because ranking by expected value lifts low-score, high-margin
 * products, whose probability must be right too. Exclusions are not applied (they are about contacting,
 * not buying); curated pairs and the catalogue are, since they change the score.
 */
export function fitHoldoutCalibration(t: LineTable, options: RecommendOptions): Calibration {
  const N = options.windowDays ?? 60;
  const from = options.asOfDay - N;
  const r = buildRecommender(t, { ...options, asOfDay: from, calibration: false, exclusions: undefined, pAlive: undefined, rankBy: "probability" });
  const h = r.history;
  const withHistory: number[] = [];
  for (let c = 0; c < h.nCustomers; c++) if (h.custStart[c + 1] > h.custStart[c]) withHistory.push(c);
  const want = Math.max(1, options.calibrationSample ?? 20_000);
  const step = Math.max(1, withHistory.length / want);
  const sample = new Int32Array(h.nCustomers).fill(-1);
  const chosen: number[] = [];
  for (let x = 0; x < withHistory.length; x += step) {
    sample[withHistory[Math.floor(x)]] = chosen.length;
    chosen.push(withHistory[Math.floor(x)]);
  }
  // Products each sampled customer bought in the holdout window.
  const bought = chosen.map(() => new Set<number>());
  for (let i = 0; i < t.length; i++) {
    const c = t.customerIdx[i];
    if (c < 0 || sample[c] < 0 || t.quantity[i] <= 0) continue;
    const d = dayOf(t.time[i]);
    if (d >= from && d < options.asOfDay) bought[sample[c]].add(t.productIdx[i]);
  }
  // Non-buys outnumber buys about 100 to 1: keep every m-th (in customer and candidate order) with
  // weight m, which leaves the fit's expectation unchanged and its sort m times smaller.
  const m = Math.max(1, Math.floor(options.calibrationNegativeStep ?? 4));
  const pos: number[] = [];
  let neg = new Float64Array(1 << 16);
  let nNeg = 0;
  let seenNeg = 0;
  chosen.forEach((c, s) => {
    const got = bought[s];
    r.forEachCandidate(c, (b, score) => {
      if (got.has(b)) pos.push(score);
      else if (seenNeg++ % m === 0) {
        if (nNeg === neg.length) {
          const grown = new Float64Array(neg.length * 2);
          grown.set(neg);
          neg = grown;
        }
        neg[nNeg++] = score;
      }
    });
  });
  if (pos.length + nNeg === 0) return { x: [0], y: [0], n: 0, positives: 0 };
  return fitIsotonicBinary(Float64Array.from(pos), neg.slice(0, nNeg), m, options.calibrationMinBlock ?? 100);
}

/** Greedy pick: at most maxPerCategory per category, then fill from the rest if fewer than k. */
export function diversify<T extends { b: number }>(ranked: T[], k: number, category: (b: number) => string | null, maxPerCategory: number): T[] {
  const picked: T[] = [];
  const skipped: T[] = [];
  const used = new Map<string, number>();
  for (const x of ranked) {
    if (picked.length >= k) break;
    const cat = category(x.b);
    if (cat !== null && (used.get(cat) ?? 0) >= maxPerCategory) {
      skipped.push(x);
      continue;
    }
    if (cat !== null) used.set(cat, (used.get(cat) ?? 0) + 1);
    picked.push(x);
  }
  for (const x of skipped) if (picked.length < k) picked.push(x);
  return picked;
}

/** Recommendations for every customer with history before asOfDay (or the listed ones). */
export function recommend(t: LineTable, options: RecommendOptions & { customers?: readonly string[] }): CustomerRecommendations[] {
  const r = buildRecommender(t, options);
  const h = r.history;
  const index = new Map(h.customerIds.map((id, c) => [id, c]));
  const ids = options.customers
    ? options.customers.map((id) => index.get(id) ?? -1).filter((c) => c >= 0 && h.custStart[c + 1] > h.custStart[c])
    : Array.from({ length: h.nCustomers }, (_, c) => c).filter((c) => h.custStart[c + 1] > h.custStart[c]);
  const dnc = new Set(options.exclusions?.doNotContact ?? []);
  return ids.filter((c) => !dnc.has(h.customerIds[c])).map((c) => ({ customerId: h.customerIds[c], recommendations: r.recommendFor(c) }));
}

/** Entry point for callers holding order lines in memory (the scoring run). */
export function recommendFromOrderLines(lines: readonly OrderLine[], options: RecommendOptions & { customers?: readonly string[] }): CustomerRecommendations[] {
  return recommend(lineTableFromOrderLines(lines), options);
}

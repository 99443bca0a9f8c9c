// Purchase histories. Each account is a BG/NBD-style customer: a personal purchase rate (gamma
// across customers) and a dropout chance after each purchase (beta across customers). Orders hold a
// primary product from the account's interest clusters, same-order complements, and schedule
// later-purchase complements (e.g. a tripod 7-60 days after a camera). Durables (CATEGORY_POLICIES) are
// bought once per replacement cycle: an account that owns one buys its accessories and consumables
// instead, and a second one of the category only as a curated upgrade (an UPSELL rule's later purchase).
import type { AccountProfile } from "./accounts";
import type { Catalog, CatalogProduct } from "./catalog";
import { CATEGORY_POLICIES } from "./catalog-data";
import type { ResolvedComplement } from "./complements";
import { IntBuffer } from "./int-buffer";
import { beta, exponential, gamma, randInt, WeightedPicker, type Rng } from "./random";
import type { OrderLineRow, OrderRow, RowSource } from "./types";

const DAY_S = 86_400;
const HOUR_S = 3_600;
const CHANNELS = ["web", "store", "phone", "sales rep"];

const CLUSTERS: Record<string, number>[] = [
  { cameras: 3, lenses: 1.6, tripods: 0.8, "memory-cards": 1.4, software: 0.3 },
  { laptops: 3, "laptop-bags": 0.8, docks: 0.7, mice: 1.1, monitors: 1.4, keyboards: 1, software: 0.8 },
  { phones: 3, "phone-cases": 1.2, chargers: 1.3, headphones: 1.6 },
  { tvs: 2.4, soundbars: 1, "smart-home": 2.2 },
  { printers: 2, ink: 2.6, monitors: 0.7, keyboards: 0.5, mice: 0.5, software: 0.5 },
];
// People lean to photo, mobile and home; companies to computing and office.
const PERSON_CLUSTER_WEIGHTS = [1, 1, 1.4, 1.2, 0.6];
const COMPANY_CLUSTER_WEIGHTS = [0.5, 1.6, 1, 0.3, 1.4];

/** Replacement cycle in days of each durable category key. */
const DURABLE_CYCLE = new Map(
  Object.entries(CATEGORY_POLICIES).flatMap(([key, p]) => (p.durability === "DURABLE" && p.replacementCycleDays ? [[key, p.replacementCycleDays] as const] : [])),
);
/**
 * Draws of another regular primary when the first is a durable the account already owns; when all are
 * owned durables the purchase does not happen. More draws would move heavy buyers' purchases onto the
 * few accessories of their cluster, concentrating the natural conversions in fewer accounts than the
 * demo history's persistent holdout can average over (history.test.ts's 95% intervals covered the planted
 * effect in 18 of 20 seeds before durables were held back, 16 with 8 draws, 17 with 2).
 */
const REDRAWS = 2;
/**
 * Consumables and subscriptions come round again: after a purchase, the chance of buying the same
 * product again about one cycle later (0.75-1.25 cycles; the category's CATEGORY_POLICIES cycle).
 */
const RENEWAL: Record<string, number> = { ink: 0.6, software: 0.5, "memory-cards": 0.25, "phone-cases": 0.2, chargers: 0.2 };

const MULTI_QTY = new Set(["memory-cards", "ink", "chargers", "phone-cases", "mice", "keyboards"]);
const FLEET = new Set(["laptops", "monitors", "keyboards", "mice", "phones", "docks", "laptop-bags"]);

export interface OrderGenOptions {
  windowStart: Date;
  windowDays: number;
  /** Mean purchase rate per day of a person account (companies buy about twice as often). */
  meanRatePerDay: number;
}

export interface GeneratedOrders {
  orders: RowSource<OrderRow>;
  orderLines: RowSource<OrderLineRow>;
}

interface Pending {
  t: number;
  product: CatalogProduct;
  /** A curated upgrade (UPSELL rule): may replace a durable within its cycle. */
  upgrade: boolean;
}

function pickerFor(weights: Record<string, number>, catalog: Catalog): WeightedPicker<WeightedPicker<CatalogProduct>> {
  const keys = Object.keys(weights);
  const productPickers = keys.map((k) => {
    const list = catalog.byCategory.get(k);
    if (!list) throw new Error(`Unknown category ${k}`);
    return new WeightedPicker(list, list.map((p) => p.weight));
  });
  return new WeightedPicker(productPickers, keys.map((k) => weights[k]));
}

type ProductPicker = WeightedPicker<WeightedPicker<WeightedPicker<CatalogProduct>>>;

/** An account's interests: one main cluster, sometimes a second, a little of everything else. */
function interestsOf(rng: Rng, company: boolean, clusterPickers: WeightedPicker<WeightedPicker<CatalogProduct>>[]): ProductPicker {
  const base = company ? COMPANY_CLUSTER_WEIGHTS : PERSON_CLUSTER_WEIGHTS;
  const weights = base.map((w) => w * 0.08);
  weights[new WeightedPicker([0, 1, 2, 3, 4], base).pick(rng)] += 1;
  if (rng() < 0.55) weights[Math.floor(rng() * 5)] += 0.45;
  return new WeightedPicker(clusterPickers, weights);
}

/**
 * BG/NBD-style purchase times in days from the window start: Poisson purchases at a gamma-distributed
 * personal rate, and after each purchase the customer drops out with a beta-distributed chance.
 * Customers from before the window are alive at its start; the others join at a uniform time.
 */
function purchaseTimes(rng: Rng, company: boolean, windowDays: number, meanRate: number) {
  const rate = gamma(rng, 1.1, (meanRate * (company ? 2 : 1)) / 1.1);
  const dropout = beta(rng, 1.1, 14);
  const existing = rng() < 0.45;
  let t = existing ? exponential(rng, rate) : rng() * (windowDays - 3);
  // Every account is a customer: at least one purchase inside the window.
  if (t >= windowDays - 1) t = rng() * (windowDays - 1);
  const regular: number[] = [];
  let death = Infinity;
  while (t < windowDays && regular.length < 150) {
    regular.push(t);
    if (rng() < dropout) {
      // Dead from (what would have been) the next purchase: later complements before it still happen.
      death = t + exponential(rng, rate);
      break;
    }
    t += exponential(rng, rate);
  }
  return { regular, death, existing };
}

export function generateOrders(
  rng: Rng,
  catalog: Catalog,
  complements: ResolvedComplement[][],
  accounts: AccountProfile[],
  options: OrderGenOptions,
): GeneratedOrders {
  const clusterPickers = CLUSTERS.map((c) => pickerFor(c, catalog));
  const W = options.windowDays;
  const startMs = options.windowStart.getTime();
  // Orders as columns until they are sorted; lines packed [product, quantity, unit price, returned].
  const orderSecond = new IntBuffer(accounts.length * 16);
  const orderAccount = new IntBuffer(accounts.length * 16);
  const orderChannel = new IntBuffer(accounts.length * 16);
  const orderLineStart = new IntBuffer(accounts.length * 16);
  const packed = new IntBuffer(accounts.length * 100);
  const lines: number[] = [];
  const existing: boolean[] = new Array(accounts.length);
  const products = catalog.products;

  // Per account: the day each durable category was last bought.
  const ownedSince = new Map<string, number>();
  const owned = (product: CatalogProduct, when: number) => {
    const cycle = DURABLE_CYCLE.get(product.categoryKey);
    if (cycle === undefined) return false;
    const since = ownedSince.get(product.categoryKey);
    return since !== undefined && when - since < cycle;
  };

  const addLine = (lines: number[], product: CatalogProduct, company: boolean, discountPct: number, when: number, upgrade = false) => {
    for (let k = 0; k < lines.length; k += 4) if (lines[k] === product.index) return false;
    if (!upgrade && owned(product, when)) return false;
    if (DURABLE_CYCLE.has(product.categoryKey)) ownedSince.set(product.categoryKey, when);
    let qty = 1;
    const cat = product.categoryKey;
    if (company && FLEET.has(cat) && rng() < 0.35) qty = randInt(rng, 2, 8);
    else if (MULTI_QTY.has(cat) && rng() < 0.2) qty = rng() < 0.75 ? 2 : 3;
    let price = product.row.priceCents;
    if (discountPct > 0) price = Math.round(price * (1 - discountPct / 100));
    else if (rng() < 0.1) price = Math.round(price * (0.8 + rng() * 0.15));
    const returned = rng() < 0.03 ? (qty === 1 ? 1 : randInt(rng, 1, qty)) : 0;
    lines.push(product.index, qty, price, returned);
    return true;
  };

  for (let a = 0; a < accounts.length; a++) {
    const company = accounts[a].kind === "COMPANY";
    const clusterPick = interestsOf(rng, company, clusterPickers);
    const { regular, death, existing: isExisting } = purchaseTimes(rng, company, W, options.meanRatePerDay);
    existing[a] = isExisting;
    const horizon = Math.min(W, death);
    const pending: Pending[] = [];
    ownedSince.clear();
    let ri = 0;
    for (;;) {
      let pi = -1;
      for (let k = 0; k < pending.length; k++) if (pi < 0 || pending[k].t < pending[pi].t) pi = k;
      const useRegular = ri < regular.length && (pi < 0 || regular[ri] <= pending[pi].t);
      if (!useRegular && pi < 0) break;
      let when: number;
      let primary: CatalogProduct;
      let upgrade = false;
      if (useRegular) {
        when = regular[ri++];
        primary = clusterPick.pick(rng).pick(rng).pick(rng);
        for (let k = 0; k < REDRAWS && owned(primary, when); k++) primary = clusterPick.pick(rng).pick(rng).pick(rng);
      } else {
        when = pending[pi].t;
        primary = pending[pi].product;
        upgrade = pending[pi].upgrade;
        pending[pi] = pending[pending.length - 1];
        pending.pop();
      }
      lines.length = 0;
      // No order when the primary is still a durable the account owns (a later complement it no longer needs).
      if (!addLine(lines, primary, company, 0, when, upgrade)) continue;
      if (useRegular && rng() < 0.25) addLine(lines, clusterPick.pick(rng).pick(rng).pick(rng), company, 0, when);
      const triggers = lines.length / 4;
      for (let k = 0; k < triggers; k++) {
        for (const c of complements[lines[k * 4]]) {
          if (c.rule.sameProb > 0 && rng() < c.rule.sameProb) {
            const target = rng() < c.rule.preferredShare ? c.preferred : c.fallback.pick(rng);
            addLine(lines, target, company, c.rule.bundleDiscountPct ?? 0, when);
          }
        }
      }
      for (let k = 0; k < lines.length; k += 4) {
        const bought = products[lines[k]];
        const renew = RENEWAL[bought.categoryKey];
        if (renew !== undefined && rng() < renew) {
          const at = when + (CATEGORY_POLICIES[bought.categoryKey].replacementCycleDays ?? 365) * (0.75 + 0.5 * rng());
          if (at < horizon) pending.push({ t: at, product: bought, upgrade: false });
        }
        for (const c of complements[lines[k]]) {
          if (c.rule.laterProb > 0 && rng() < c.rule.laterProb) {
            const lag = c.rule.minDays + (c.rule.maxDays - c.rule.minDays) * Math.pow(rng(), 1.3);
            if (when + lag < horizon) {
              pending.push({ t: when + lag, product: rng() < c.rule.preferredShare ? c.preferred : c.fallback.pick(rng), upgrade: c.rule.type === "UPSELL" });
            }
          }
        }
      }
      const r = rng();
      const channel = company ? (r < 0.35 ? 0 : r < 0.6 ? 2 : 3) : r < 0.55 ? 0 : r < 0.95 ? 1 : 2;
      orderSecond.push(Math.floor(when) * DAY_S + Math.floor((8 + rng() * 11) * HOUR_S));
      orderAccount.push(a);
      orderChannel.push(channel);
      orderLineStart.push(packed.length / 4);
      for (let k = 0; k < lines.length; k++) packed.push(lines[k]);
    }
  }
  orderLineStart.push(packed.length / 4);

  // Chronological numbering, like a real order system. Sort (second, generation index) packed in
  // one float key: exact below 2^53, and ties keep generation order, so the result is deterministic.
  const n = orderAccount.length;
  const indexScale = 2 ** Math.ceil(Math.log2(n + 1));
  if (orderSecond.data.reduce((m, v) => Math.max(m, v), 0) * indexScale >= 2 ** 53) throw new Error("order history too long to sort");
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = orderSecond.data[i] * indexScale + i;
  keys.sort();
  const startSecond = Math.floor(startMs / 1000);
  const pd = packed.data;
  const lineCount = packed.length / 4;
  const lineStart = orderLineStart.data;
  // Rows are made later, a chunk at a time (RowSource); here only columns: position <-> generation
  // index, order totals, and the accounts' denormalised columns, accumulated in chronological order.
  // Columns in chronological order, so that making order rows reads them sequentially.
  const orderAccountAt = new Int32Array(n);
  const orderSecondAt = new Int32Array(n);
  const orderChannelAt = new Uint8Array(n);
  const totals = new Float64Array(n);
  const position = new Int32Array(n);
  const firstSecond = new Int32Array(accounts.length).fill(-1);
  const lastSecond = new Int32Array(accounts.length);
  for (let i = 0; i < n; i++) {
    const src = keys[i] % indexScale;
    position[src] = i;
    const a = orderAccount.data[src];
    orderAccountAt[i] = a;
    orderSecondAt[i] = orderSecond.data[src];
    orderChannelAt[i] = orderChannel.data[src];
    const account = accounts[a].row;
    let total = 0;
    let net = 0;
    for (let l = lineStart[src], end = lineStart[src + 1]; l < end; l++) {
      const qty = pd[l * 4 + 1];
      const price = pd[l * 4 + 2];
      total += qty * price;
      net += (qty - pd[l * 4 + 3]) * price;
    }
    totals[i] = total;
    account.orderCount++;
    account.revenueCents += net;
    if (firstSecond[a] < 0) firstSecond[a] = orderSecond.data[src];
    lastSecond[a] = orderSecond.data[src];
  }
  const dateOf = (second: number) => new Date((startSecond + second) * 1000);
  for (let a = 0; a < accounts.length; a++) {
    if (firstSecond[a] < 0) continue;
    accounts[a].row.firstOrderAt = dateOf(firstSecond[a]);
    accounts[a].row.lastOrderAt = dateOf(lastSecond[a]);
  }
  const orderId = (i: number) => "ord_" + String(i + 1).padStart(8, "0");

  const orders: RowSource<OrderRow> = {
    length: n,
    *chunks(size: number) {
      // Orders in the same second share one Date object, as an order's lines do.
      let orderedAt = new Date(0);
      let second = -1;
      for (let from = 0; from < n; from += size) {
        const chunk: OrderRow[] = new Array(Math.min(size, n - from));
        for (let k = 0; k < chunk.length; k++) {
          const i = from + k;
          if (orderSecondAt[i] !== second) {
            second = orderSecondAt[i];
            orderedAt = dateOf(second);
          }
          chunk[k] = {
            id: orderId(i),
            orderNumber: "SO-" + String(i + 1).padStart(7, "0"),
            accountId: accounts[orderAccountAt[i]].row.id,
            orderedAt,
            channel: CHANNELS[orderChannelAt[i]],
            totalCents: totals[i],
          };
        }
        yield chunk;
      }
    },
  };
  // Lines keep generation order, i.e. grouped by account and chronological within it: an account's
  // history is stored together, which is what the account page reads. An order's lines are
  // consecutive and share one Date object.
  const orderLines: RowSource<OrderLineRow> = {
    length: lineCount,
    *chunks(size: number) {
      let src = -1;
      let end = 0;
      let id = "";
      let accountId = "";
      let orderedAt = new Date(0);
      for (let from = 0; from < lineCount; from += size) {
        const chunk: OrderLineRow[] = new Array(Math.min(size, lineCount - from));
        for (let k = 0; k < chunk.length; k++) {
          const l = from + k;
          while (l >= end) {
            src++;
            end = lineStart[src + 1];
            id = orderId(position[src]);
            accountId = accounts[orderAccount.data[src]].row.id;
            orderedAt = dateOf(orderSecond.data[src]);
          }
          chunk[k] = {
            id: "oln_" + String(l + 1).padStart(9, "0"),
            orderId: id,
            accountId,
            orderedAt,
            productId: products[pd[l * 4]].row.id,
            quantity: pd[l * 4 + 1],
            unitPriceCents: pd[l * 4 + 2],
            returnedQuantity: pd[l * 4 + 3],
            opportunityId: null,
          };
        }
        yield chunk;
      }
    },
  };
  // Customers from before the window were created up to ~3 years earlier; new ones with their first order.
  accounts.forEach((profile, a) => {
    const row = profile.row;
    if (!row.firstOrderAt || !row.lastOrderAt) return;
    row.createdAt = existing[a] ? new Date(startMs - Math.floor((30 + rng() * 1000) * DAY_S) * 1000) : row.firstOrderAt;
    row.updatedAt = row.lastOrderAt;
  });
  return { orders, orderLines };
}

// Purchase histories. Each account is a BG/NBD-style customer: a personal purchase rate (gamma
// across customers) and a dropout chance after each purchase (beta across customers). Orders hold a
// primary product from the account's interest clusters, same-order complements, and schedule
// later-purchase complements (e.g. a tripod 7-60 days after a camera).
import type { AccountProfile } from "./accounts";
import type { Catalog, CatalogProduct } from "./catalog";
import type { ResolvedComplement } from "./complements";
import { beta, exponential, gamma, randInt, WeightedPicker, type Rng } from "./random";
import type { OrderLineRow, OrderRow } from "./types";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

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

const MULTI_QTY = new Set(["memory-cards", "ink", "chargers", "phone-cases", "mice", "keyboards"]);
const FLEET = new Set(["laptops", "monitors", "keyboards", "mice", "phones", "docks", "laptop-bags"]);

export interface OrderGenOptions {
  windowStart: Date;
  windowDays: number;
  /** Mean purchase rate per day of a person account (companies buy about twice as often). */
  meanRatePerDay: number;
}

export interface GeneratedOrders {
  orders: OrderRow[];
  orderLines: OrderLineRow[];
}

interface RawOrder {
  ms: number;
  account: number;
  channel: string;
  /** Packed [productIndex, quantity, unitPriceCents, returnedQuantity] per line. */
  lines: number[];
}

interface Pending {
  t: number;
  product: CatalogProduct;
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
  const raw: RawOrder[] = [];
  const existing: boolean[] = new Array(accounts.length);
  const products = catalog.products;

  const addLine = (lines: number[], product: CatalogProduct, company: boolean, discountPct: number) => {
    for (let k = 0; k < lines.length; k += 4) if (lines[k] === product.index) return false;
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
    const clusterWeights = (company ? COMPANY_CLUSTER_WEIGHTS : PERSON_CLUSTER_WEIGHTS).map((w) => w * 0.08);
    const main = new WeightedPicker([0, 1, 2, 3, 4], company ? COMPANY_CLUSTER_WEIGHTS : PERSON_CLUSTER_WEIGHTS).pick(rng);
    clusterWeights[main] += 1;
    if (rng() < 0.55) clusterWeights[Math.floor(rng() * 5)] += 0.45;
    const clusterPick = new WeightedPicker(clusterPickers, clusterWeights);

    const rate = gamma(rng, 1.1, (options.meanRatePerDay * (company ? 2 : 1)) / 1.1);
    const dropout = beta(rng, 1.1, 14);
    const isExisting = rng() < 0.45;
    existing[a] = isExisting;
    let t = isExisting ? exponential(rng, rate) : rng() * (W - 3);
    if (t >= W - 1) t = rng() * (W - 1);
    const regular: number[] = [];
    let death = Infinity;
    while (t < W && regular.length < 150) {
      regular.push(t);
      if (rng() < dropout) {
        death = t + exponential(rng, rate);
        break;
      }
      t += exponential(rng, rate);
    }
    const horizon = Math.min(W, death);
    const pending: Pending[] = [];
    let ri = 0;
    for (;;) {
      let pi = -1;
      for (let k = 0; k < pending.length; k++) if (pi < 0 || pending[k].t < pending[pi].t) pi = k;
      const useRegular = ri < regular.length && (pi < 0 || regular[ri] <= pending[pi].t);
      if (!useRegular && pi < 0) break;
      let when: number;
      let primary: CatalogProduct;
      if (useRegular) {
        when = regular[ri++];
        primary = clusterPick.pick(rng).pick(rng).pick(rng);
      } else {
        when = pending[pi].t;
        primary = pending[pi].product;
        pending[pi] = pending[pending.length - 1];
        pending.pop();
      }
      const lines: number[] = [];
      addLine(lines, primary, company, 0);
      if (useRegular && rng() < 0.25) addLine(lines, clusterPick.pick(rng).pick(rng).pick(rng), company, 0);
      const triggers = lines.length / 4;
      for (let k = 0; k < triggers; k++) {
        for (const c of complements[lines[k * 4]]) {
          if (c.rule.sameProb > 0 && rng() < c.rule.sameProb) {
            const target = rng() < c.rule.preferredShare ? c.preferred : c.fallback.pick(rng);
            addLine(lines, target, company, c.rule.bundleDiscountPct ?? 0);
          }
        }
      }
      for (let k = 0; k < lines.length; k += 4) {
        for (const c of complements[lines[k]]) {
          if (c.rule.laterProb > 0 && rng() < c.rule.laterProb) {
            const lag = c.rule.minDays + (c.rule.maxDays - c.rule.minDays) * Math.pow(rng(), 1.3);
            if (when + lag < horizon) {
              pending.push({ t: when + lag, product: rng() < c.rule.preferredShare ? c.preferred : c.fallback.pick(rng) });
            }
          }
        }
      }
      const r = rng();
      const channel = company ? (r < 0.35 ? "web" : r < 0.6 ? "phone" : "sales rep") : r < 0.55 ? "web" : r < 0.95 ? "store" : "phone";
      const ms = startMs + Math.floor(when) * DAY_MS + Math.floor((8 + rng() * 11) * HOUR_MS);
      raw.push({ ms, account: a, channel, lines });
    }
  }

  // Chronological numbering, like a real order system (stable sort keeps ties deterministic).
  raw.sort((x, y) => x.ms - y.ms);
  const orders: OrderRow[] = new Array(raw.length);
  const orderLines: OrderLineRow[] = [];
  for (let i = 0; i < raw.length; i++) {
    const o = raw[i];
    const profile = accounts[o.account];
    const account = profile.row;
    const orderedAt = new Date(o.ms);
    const id = `ord_${String(i + 1).padStart(8, "0")}`;
    let total = 0;
    let net = 0;
    for (let k = 0; k < o.lines.length; k += 4) {
      const qty = o.lines[k + 1];
      const price = o.lines[k + 2];
      const returned = o.lines[k + 3];
      total += qty * price;
      net += (qty - returned) * price;
      orderLines.push({
        id: `oln_${String(orderLines.length + 1).padStart(9, "0")}`,
        orderId: id,
        accountId: account.id,
        orderedAt,
        productId: products[o.lines[k]].row.id,
        quantity: qty,
        unitPriceCents: price,
        returnedQuantity: returned,
        opportunityId: null,
      });
    }
    orders[i] = { id, orderNumber: `SO-${String(i + 1).padStart(7, "0")}`, accountId: account.id, orderedAt, channel: o.channel, totalCents: total };
    account.orderCount++;
    account.revenueCents += net;
    if (account.firstOrderAt === null) account.firstOrderAt = orderedAt;
    account.lastOrderAt = orderedAt;
  }
  // Customers from before the window were created up to ~3 years earlier; new ones with their first order.
  accounts.forEach((profile, a) => {
    const row = profile.row;
    if (!row.firstOrderAt || !row.lastOrderAt) return;
    row.createdAt = existing[a] ? new Date(startMs - Math.floor((30 + rng() * 1000) * DAY_MS)) : row.firstOrderAt;
    row.updatedAt = row.lastOrderAt;
  });
  return { orders, orderLines };
}

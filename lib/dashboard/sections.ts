/**
 * Turns the summed fact rows into the dashboard's sections: tiles (value, previous, change, formula),
 * uplift, funnel, trends, reps and pairs. Pure: lib/data/dashboard.ts does the reading.
 */
import {
  attachRate, averageOrderValue, conversionRate, crossSellRevenueShare, periodChange, productsPerCustomer, returnRate,
} from "@/lib/analytics/kpis";
import { upliftTest } from "@/lib/analytics/uplift";
import { addDays, daysBetween, monthOf, weekOf } from "./calendar";
import type { Grain, ResolvedPeriod } from "./params";
import { forest, upliftSection, type ForestRow, type UpliftRow, type UpliftSection } from "./uplift-section";

type Sum<K extends string> = { _sum: { [k in K]?: number | null } };
type FunnelKey = "opportunities" | "queued" | "attempted" | "connected" | "interested" | "won" | "lost" | "wonAmountCents" | "closedAfterContact" | "daysToCloseSum" | "soldQuantity" | "returnedQuantity";
type UpliftKey = "accounts" | "buyers" | "revenueCents" | "grossProfitCents";

export interface FactInputs {
  orders: ({ day: string } & Sum<"orders" | "revenueCents" | "buyers" | "customerProducts">)[];
  categories: ({ day: string } & Sum<"revenueCents" | "crossSellRevenueCents" | "crossSellQuantity" | "crossSellReturned">)[];
  pairs: ({ day: string } & Sum<"ordersWithSource" | "ordersWithBoth">)[];
  activities: ({ day: string; userId: string } & Sum<"activities" | "connects" | "won" | "wonAmountCents">)[];
  funnelNow: ({ holdout: boolean } & Sum<FunnelKey>)[];
  funnelPrev: ({ holdout: boolean } & Sum<FunnelKey>)[];
  funnelRep: ({ assigneeId: string } & Sum<FunnelKey>)[];
  funnelTeam: ({ teamId: string } & Sum<FunnelKey>)[];
  declines: ({ category: string } & Sum<"declinePrice" | "declineAlreadyOwns" | "declineNotRelevant" | "declineBadTiming" | "declineOther" | "lost">)[];
  funnelPair: ({ pairId: string } & Sum<FunnelKey>)[];
  pairAttach: ({ pairId: string } & Sum<"ordersWithSource" | "ordersWithBoth">)[];
  uplift: ({ runId: string; ownerId: string; segment: string; holdout: boolean } & Sum<UpliftKey | "contactedAccounts" | "contacts">)[];
  upliftPrev: ({ holdout: boolean } & Sum<UpliftKey | "contactedAccounts" | "contacts">)[];
  /** Offer rows per run, owner, segment and pair: read only with a pair or category filter (byOffer). */
  offers: ({ runId: string; ownerId: string; segment: string; pairId: string; holdout: boolean } & Sum<UpliftKey | "contacts">)[];
  offersByPair: ({ pairId: string; holdout: boolean } & Sum<UpliftKey | "contacts">)[];
  offersPrev: ({ holdout: boolean } & Sum<UpliftKey | "contacts">)[];
  byOffer: boolean;
  runs: { id: string; asOf: string }[];
  users: { id: string; name: string; teamId: string | null; team: string | null }[];
  pairNames: Map<string, string>;
}

export interface Tile {
  key: string;
  label: string;
  value: number | null;
  previous: number | null;
  change: number | null;
  format: "money" | "percent" | "number" | "decimal" | "ratio";
  formula: string;
  drill?: string;
}

export interface TrendPoint {
  bucket: string;
  revenue: number;
  crossSellRevenue: number;
  conversion: number | null;
  attachRate: number | null;
  prevRevenue: number | null;
  prevCrossSellRevenue: number | null;
  prevConversion: number | null;
  prevAttachRate: number | null;
}

export interface FunnelStage { key: string; label: string; count: number; rate: number | null }
export interface FunnelRow { key: string; label: string; stages: number[] }
export interface RepRow {
  id: string; name: string; team: string | null; calls: number; connects: number; conversions: number; wonRevenue: number;
  avgDaysToClose: number | null; uplift: ForestRow | null;
}
export interface PairRow {
  id: string; label: string; attachRate: number | null; opportunities: number; won: number; conversion: number | null; revenue: number;
  returnRate: number | null; uplift: ForestRow | null;
}

export interface DashboardSections {
  tiles: Tile[];
  uplift: UpliftSection & { previous: { diff: number | null; incrementalRevenue: number | null }; byOffer: boolean; forest: { pair: ForestRow[]; segment: ForestRow[]; rep: ForestRow[]; run: ForestRow[] } };
  funnel: { stages: FunnelStage[]; byTeam: FunnelRow[]; byRep: FunnelRow[]; declines: { category: string; price: number; alreadyOwns: number; notRelevant: number; badTiming: number; other: number; total: number }[] };
  trends: TrendPoint[];
  reps: RepRow[];
  pairs: PairRow[];
}

const n = (v: number | null | undefined) => v ?? 0;
const STAGES = [
  ["opportunities", "Opportunities"], ["queued", "Queued"], ["attempted", "Attempted"], ["connected", "Connected"], ["interested", "Interested"], ["won", "Won"],
] as const;

function sumBy<T extends { day: string }>(rows: readonly T[], from: string, to: string, f: (r: T) => number): number {
  let s = 0;
  for (const r of rows) if (r.day >= from && r.day <= to) s += f(r);
  return s;
}

export function bucketOf(day: string, grain: Grain): string {
  return grain === "day" ? day : grain === "week" ? weekOf(day) : monthOf(day);
}

export function buildSections(f: FactInputs, o: { period: ResolvedPeriod; grain: Grain; holdoutShare: number; costPerContact: number }): DashboardSections {
  const { period } = o;
  const cur = { from: period.from, to: period.to };
  const prev = period.previous;
  const sums = (p: { from: string; to: string } | null) => {
    if (!p) return null;
    const ord = (k: keyof FactInputs["orders"][number]["_sum"]) => sumBy(f.orders, p.from, p.to, (r) => n(r._sum[k]));
    const cat = (k: keyof FactInputs["categories"][number]["_sum"]) => sumBy(f.categories, p.from, p.to, (r) => n(r._sum[k]));
    const par = (k: keyof FactInputs["pairs"][number]["_sum"]) => sumBy(f.pairs, p.from, p.to, (r) => n(r._sum[k]));
    return {
      revenue: ord("revenueCents") / 100, orders: ord("orders"), buyers: ord("buyers"), customerProducts: ord("customerProducts"),
      lineRevenue: cat("revenueCents") / 100, crossSellRevenue: cat("crossSellRevenueCents") / 100, xsQty: cat("crossSellQuantity"), xsReturned: cat("crossSellReturned"),
      withSource: par("ordersWithSource"), withBoth: par("ordersWithBoth"),
    };
  };
  const c = sums(cur)!;
  const p = sums(prev);
  const funnelSum = (rows: FactInputs["funnelNow"], k: FunnelKey, holdout = false) => rows.filter((r) => r.holdout === holdout).reduce((s, r) => s + n(r._sum[k]), 0);

  // Uplift
  const toRows = (rows: readonly ({ holdout: boolean } & Sum<UpliftKey | "contactedAccounts" | "contacts">)[], key: (r: never) => string): UpliftRow[] =>
    rows.map((r) => ({
      key: key(r as never), holdout: r.holdout, accounts: n(r._sum.accounts), buyers: n(r._sum.buyers), revenueCents: n(r._sum.revenueCents),
      grossProfitCents: n(r._sum.grossProfitCents), contactedAccounts: n(r._sum.contactedAccounts), contacts: n(r._sum.contacts),
    }));
  const headlineRows = f.byOffer ? toRows(f.offers, () => "") : toRows(f.uplift, () => "");
  const weeks = period.days / 7;
  const section = upliftSection(headlineRows, { holdoutShare: o.holdoutShare, costPerContact: o.costPerContact, weeks });
  // Contamination is about accounts (any logged contact in the window), which offer rows do not carry: with
  // a pair or category filter it is checked on all of the runs' holdout accounts in scope.
  if (f.byOffer) section.contamination = upliftSection(toRows(f.uplift, () => ""), { holdoutShare: o.holdoutShare, costPerContact: o.costPerContact, weeks }).contamination;
  const prevSection = prev ? upliftSection(f.byOffer ? toRows(f.offersPrev, () => "") : toRows(f.upliftPrev, () => ""), { holdoutShare: o.holdoutShare, costPerContact: o.costPerContact, weeks }) : null;
  const userName = new Map(f.users.map((u) => [u.id, u.name]));
  const runDay = new Map(f.runs.map((r) => [r.id, r.asOf]));
  const forests = {
    pair: forest(toRows(f.offersByPair, (r: { pairId: string }) => r.pairId), (k) => (k ? f.pairNames.get(k) ?? k : "Mined rules (no curated pair)")),
    segment: forest(toRows(f.byOffer ? f.offers : f.uplift, (r: { segment: string }) => r.segment), (k) => k || "No segment"),
    rep: forest(toRows(f.byOffer ? f.offers : f.uplift, (r: { ownerId: string }) => r.ownerId), (k) => userName.get(k) ?? "Other"),
    run: forest(toRows(f.byOffer ? f.offers : f.uplift, (r: { runId: string }) => r.runId), (k) => `Run of ${runDay.get(k) ?? k}`).sort((a, b) => a.label.localeCompare(b.label)),
  };

  const conv = conversionRate(funnelSum(f.funnelNow, "won"), funnelSum(f.funnelNow, "attempted"));
  const convPrev = prev ? conversionRate(funnelSum(f.funnelPrev, "won"), funnelSum(f.funnelPrev, "attempted")) : null;
  const tile = (t: Omit<Tile, "change">): Tile => ({ ...t, change: periodChange(t.value, t.previous) });
  const tiles: Tile[] = [
    tile({ key: "crossSellRevenue", label: "Cross-sell revenue", value: c.crossSellRevenue, previous: p?.crossSellRevenue ?? null, format: "money", formula: "Σ quantity × price of lines sold through an opportunity", drill: "opportunities:WON" }),
    tile({ key: "crossSellShare", label: "Cross-sell revenue share", value: crossSellRevenueShare(c.crossSellRevenue, c.lineRevenue), previous: p ? crossSellRevenueShare(p.crossSellRevenue, p.lineRevenue) : null, format: "percent", formula: "cross-sell revenue / total line revenue", drill: "opportunities:WON" }),
    tile({ key: "conversion", label: "Conversion", value: conv, previous: convPrev, format: "percent", formula: "opportunities won / opportunities contacted (runs in period)", drill: "opportunities:WON" }),
    tile({ key: "attachRate", label: "Attach rate", value: attachRate(c.withBoth, c.withSource), previous: p ? attachRate(p.withBoth, p.withSource) : null, format: "percent", formula: "orders with A and B / orders with A, over active pairs" }),
    tile({ key: "aov", label: "Average order value", value: averageOrderValue(c.revenue, c.orders), previous: p ? averageOrderValue(p.revenue, p.orders) : null, format: "money", formula: "revenue / orders" }),
    tile({ key: "productsPerCustomer", label: "Products per customer", value: productsPerCustomer(c.customerProducts, c.buyers), previous: p ? productsPerCustomer(p.customerProducts, p.buyers) : null, format: "decimal", formula: "Σ distinct products per buyer-day / Σ buyer-days" }),
    tile({ key: "returnRate", label: "Return rate, cross-sold", value: returnRate(c.xsReturned, c.xsQty), previous: p ? returnRate(p.xsReturned, p.xsQty) : null, format: "percent", formula: "returned quantity / sold quantity on cross-sold lines", drill: "opportunities:WON" }),
    tile({ key: "incrementalRevenue", label: "Incremental revenue", value: section.incremental?.revenue ?? null, previous: prevSection?.incremental?.revenue ?? null, format: "money", formula: "(revenue per treated − per holdout account) × treated accounts", drill: "opportunities:" }),
    tile({ key: "roi", label: "ROI", value: section.incremental?.roi ?? null, previous: prevSection?.incremental?.roi ?? null, format: "ratio", formula: f.byOffer
      ? "(incremental gross profit − outreach cost) / outreach cost; cost = contacts on the filtered offers × cost per contact"
      : "(incremental gross profit − outreach cost) / outreach cost; cost = contacts on the runs' offers × cost per contact", drill: "activities:" }),
  ];

  // Funnel
  const stages: FunnelStage[] = STAGES.map(([key, label], i) => {
    const count = funnelSum(f.funnelNow, key);
    const before = i === 0 ? null : funnelSum(f.funnelNow, STAGES[i - 1][0]);
    return { key, label, count, rate: before === null ? null : before > 0 ? count / before : null };
  });
  // The holdout's offers are computed but never queued; the first stage counts them too.
  stages[0].count += funnelSum(f.funnelNow, "opportunities", true);
  if (stages[1]) stages[1].rate = stages[0].count > 0 ? stages[1].count / stages[0].count : null;
  const row = (key: string, label: string, r: Sum<FunnelKey>): FunnelRow => ({ key, label, stages: STAGES.map(([k]) => n(r._sum[k])) });
  const teamName = new Map(f.users.filter((u) => u.teamId).map((u) => [u.teamId!, u.team ?? u.teamId!]));

  // Trends: each previous-period day is shifted onto the current period, so both series share buckets.
  const buckets = new Map<string, TrendPoint & { q: { won: number; con: number; pw: number; pc: number; both: number; src: number; pb: number; ps: number } }>();
  const offset = prev ? daysBetween(prev.from, cur.from) : 0;
  const place = (day: string): { pt: NonNullable<ReturnType<typeof buckets.get>>; prev: boolean } | null => {
    const isPrev = day < cur.from;
    if (isPrev && (!prev || day < prev.from)) return null;
    const d = isPrev ? addDays(day, offset) : day;
    if (d > cur.to || d < cur.from) return null;
    const b = bucketOf(d, o.grain);
    const key = b < cur.from ? cur.from : b;
    let pt = buckets.get(key);
    if (!pt) {
      pt = {
        bucket: key, revenue: 0, crossSellRevenue: 0, conversion: null, attachRate: null, prevRevenue: prev ? 0 : null, prevCrossSellRevenue: prev ? 0 : null,
        prevConversion: null, prevAttachRate: null, q: { won: 0, con: 0, pw: 0, pc: 0, both: 0, src: 0, pb: 0, ps: 0 },
      };
      buckets.set(key, pt);
    }
    return { pt, prev: isPrev };
  };
  for (const r of f.orders) {
    const x = place(r.day);
    if (x?.prev) x.pt.prevRevenue = n(x.pt.prevRevenue) + n(r._sum.revenueCents) / 100;
    else if (x) x.pt.revenue += n(r._sum.revenueCents) / 100;
  }
  for (const r of f.categories) {
    const x = place(r.day);
    if (x?.prev) x.pt.prevCrossSellRevenue = n(x.pt.prevCrossSellRevenue) + n(r._sum.crossSellRevenueCents) / 100;
    else if (x) x.pt.crossSellRevenue += n(r._sum.crossSellRevenueCents) / 100;
  }
  for (const r of f.activities) {
    const x = place(r.day);
    if (x?.prev) { x.pt.q.pw += n(r._sum.won); x.pt.q.pc += n(r._sum.connects); }
    else if (x) { x.pt.q.won += n(r._sum.won); x.pt.q.con += n(r._sum.connects); }
  }
  for (const r of f.pairs) {
    const x = place(r.day);
    if (x?.prev) { x.pt.q.pb += n(r._sum.ordersWithBoth); x.pt.q.ps += n(r._sum.ordersWithSource); }
    else if (x) { x.pt.q.both += n(r._sum.ordersWithBoth); x.pt.q.src += n(r._sum.ordersWithSource); }
  }
  const trends: TrendPoint[] = [...buckets.values()].sort((a, b) => a.bucket.localeCompare(b.bucket)).map(({ q, ...pt }) => ({
    ...pt, conversion: conversionRate(q.won, q.con), attachRate: attachRate(q.both, q.src),
    prevConversion: prev ? conversionRate(q.pw, q.pc) : null, prevAttachRate: prev ? attachRate(q.pb, q.ps) : null,
  }));

  // Reps
  const repAgg = new Map<string, { calls: number; connects: number; won: number; cents: number }>();
  for (const r of f.activities) {
    if (r.day < cur.from) continue;
    const a = repAgg.get(r.userId) ?? { calls: 0, connects: 0, won: 0, cents: 0 };
    a.calls += n(r._sum.activities); a.connects += n(r._sum.connects); a.won += n(r._sum.won); a.cents += n(r._sum.wonAmountCents);
    repAgg.set(r.userId, a);
  }
  const repFunnel = new Map(f.funnelRep.map((r) => [r.assigneeId, r]));
  const repUplift = new Map(forests.rep.map((r) => [r.key, r]));
  const repIds = new Set([...repAgg.keys(), ...repFunnel.keys(), ...repUplift.keys()]);
  const reps: RepRow[] = [...repIds].filter((id) => userName.has(id)).map((id) => {
    const a = repAgg.get(id) ?? { calls: 0, connects: 0, won: 0, cents: 0 };
    const fr = repFunnel.get(id);
    const closed = n(fr?._sum.closedAfterContact);
    const user = f.users.find((u) => u.id === id);
    return {
      id, name: userName.get(id)!, team: user?.team ?? null, calls: a.calls, connects: a.connects, conversions: a.won, wonRevenue: a.cents / 100,
      avgDaysToClose: closed > 0 ? n(fr?._sum.daysToCloseSum) / closed : null, uplift: repUplift.get(id) ?? null,
    };
  }).sort((x, y) => y.wonRevenue - x.wonRevenue);

  // Pairs
  const pairUplift = new Map(forests.pair.map((r) => [r.key, r]));
  const attach = new Map(f.pairAttach.map((r) => [r.pairId, attachRate(n(r._sum.ordersWithBoth), n(r._sum.ordersWithSource))]));
  const pairs: PairRow[] = f.funnelPair.filter((r) => r.pairId !== "").map((r) => ({
    id: r.pairId, label: f.pairNames.get(r.pairId) ?? r.pairId, attachRate: attach.get(r.pairId) ?? null,
    opportunities: n(r._sum.opportunities), won: n(r._sum.won), conversion: conversionRate(n(r._sum.won), n(r._sum.attempted)),
    revenue: n(r._sum.wonAmountCents) / 100, returnRate: returnRate(n(r._sum.returnedQuantity), n(r._sum.soldQuantity)), uplift: pairUplift.get(r.pairId) ?? null,
  })).sort((x, y) => y.revenue - x.revenue || y.opportunities - x.opportunities);

  return {
    tiles,
    uplift: { ...section, previous: { diff: prevSection?.result?.diff ?? null, incrementalRevenue: prevSection?.incremental?.revenue ?? null }, byOffer: f.byOffer, forest: forests },
    funnel: {
      stages,
      byTeam: f.funnelTeam.map((r) => row(r.teamId, teamName.get(r.teamId) ?? "No team", r)),
      byRep: f.funnelRep.filter((r) => userName.has(r.assigneeId)).map((r) => row(r.assigneeId, userName.get(r.assigneeId)!, r)),
      declines: f.declines.map((r) => ({
        category: r.category, price: n(r._sum.declinePrice), alreadyOwns: n(r._sum.declineAlreadyOwns), notRelevant: n(r._sum.declineNotRelevant),
        badTiming: n(r._sum.declineBadTiming), other: n(r._sum.declineOther), total: n(r._sum.lost),
      })).filter((r) => r.total > 0).sort((a, b) => b.total - a.total),
    },
    trends,
    reps,
    pairs,
  };
}

/** Uplift of one group of rows with its interval (used by CSV exports too). */
export function rowUplift(t: { n: number; conversions: number }, h: { n: number; conversions: number }) {
  return t.n > 0 && h.n > 0 ? upliftTest(t, h) : null;
}

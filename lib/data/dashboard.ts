import "server-only";
import { db } from "@/lib/db";
import { authorize } from "@/lib/auth/authorize";
import { rolesWith } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import { userScope } from "@/lib/data/scope";
import { getSettings } from "@/lib/data/settings";
import { dayIn } from "@/lib/dashboard/calendar";
import { resolvePeriod, type DashboardParams, type ResolvedPeriod } from "@/lib/dashboard/params";
import { buildSections, type DashboardSections, type FactInputs } from "@/lib/dashboard/sections";
import { canPickTeam, factWhere } from "./dashboard-scope";

export interface DashboardOptions {
  teams: { value: string; label: string }[] | null;
  reps: { value: string; label: string }[];
  segments: string[];
  categories: string[];
  pairs: { value: string; label: string }[];
}

export interface DashboardData extends DashboardSections {
  period: ResolvedPeriod;
  anchor: string;
  timeZone: string;
  hasData: boolean;
  options: DashboardOptions;
}

/** Filter choices within the actor's scope. */
export async function dashboardOptions(actor: Actor): Promise<DashboardOptions> {
  await authorize(actor, "dashboard:view", "Dashboard");
  const [teams, reps, segments, categories, pairs] = await Promise.all([
    canPickTeam(actor) ? db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }) : null,
    db.user.findMany({ where: { AND: [userScope(actor), { role: { in: rolesWith("opportunities:assignable") } }] }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.upliftFact.groupBy({ by: ["segment"] }),
    db.product.groupBy({ by: ["category"], orderBy: { category: "asc" } }),
    db.productPair.findMany({
      where: { active: true },
      select: { id: true, sourceProduct: { select: { name: true } }, targetProduct: { select: { name: true } } },
      orderBy: [{ sourceProduct: { name: "asc" } }, { targetProduct: { name: "asc" } }],
    }),
  ]);
  return {
    teams: teams?.map((t) => ({ value: t.id, label: t.name })) ?? null,
    reps: reps.map((r) => ({ value: r.id, label: r.name })),
    segments: segments.map((s) => s.segment).filter((s) => s !== "").sort(),
    categories: categories.map((c) => c.category),
    pairs: pairs.map((p) => ({ value: p.id, label: `${p.sourceProduct.name} → ${p.targetProduct.name}` })),
  };
}

/** The last business day with order data (the period presets end there), or today without any. */
export async function dashboardAnchor(timeZone: string): Promise<{ anchor: string; hasData: boolean }> {
  const last = await db.orderDayFact.aggregate({ _max: { day: true } });
  const today = dayIn(new Date(), timeZone);
  const day = last._max.day;
  return day ? { anchor: day < today ? day : today, hasData: true } : { anchor: today, hasData: false };
}

/** Everything the dashboard shows for the actor and the URL state, from the daily facts. */
export async function dashboardData(actor: Actor, params: DashboardParams): Promise<DashboardData> {
  await authorize(actor, "dashboard:view", "Dashboard");
  const settings = await getSettings();
  const { anchor, hasData } = await dashboardAnchor(settings.timeZone);
  const period = resolvePeriod(params, anchor);
  const first = period.previous?.from ?? period.from;
  const days = { gte: first, lte: period.to };
  const inPeriod = { gte: period.from, lte: period.to };
  const order = factWhere(actor, params, "ownerId");
  const cat = factWhere(actor, params, "ownerId", { category: true });
  // Attach rates: per team and pair, or (larger, read only when a rep or segment filter asks for it) per owner and segment too.
  const pair = factWhere(actor, params, "ownerId", { category: true, pair: true });
  const pairFacts = params.rep || params.segment ? db.pairRepDayFact : db.pairDayFact;
  const act = factWhere(actor, params, "userId", { category: true, pair: true });
  const opp = factWhere(actor, params, "assigneeId", { category: true, pair: true });
  const upl = factWhere(actor, params, "ownerId");
  const offer = factWhere(actor, params, "ownerId", { category: true, pair: true });
  // Windows that closed within the period (and by the last day with data) are measured.
  const closed = (p: { from: string; to: string }) => ({ gte: p.from, lte: p.to < anchor ? p.to : anchor });
  const byOffer = Boolean(params.pair || params.category);

  // Narrower facts when the filters allow: order lines summed over categories live on the order facts,
  // activities summed over categories and pairs in ActivityRepDayFact, offers per pair for the pair forest.
  const byActivityDetail = Boolean(params.category || params.pair);
  const [orders, categoryRows, pairs, activities, funnelRows, funnelPrev, pairAttach, uplift, upliftPrev, offers, offersByPair, offersPrev, runs, users, pairNames] =
    await Promise.all([
      db.orderDayFact.groupBy({
        by: ["day"], where: { ...order, day: days },
        _sum: { orders: true, revenueCents: true, buyers: true, customerProducts: true, lineRevenueCents: true, crossSellRevenueCents: true, crossSellQuantity: true, crossSellReturned: true },
      }),
      params.category
        ? db.categoryDayFact.groupBy({ by: ["day"], where: { ...cat, day: days }, _sum: { revenueCents: true, crossSellRevenueCents: true, crossSellQuantity: true, crossSellReturned: true } })
        : null,
      (pairFacts as typeof db.pairRepDayFact).groupBy({ by: ["day"], where: { ...pair, day: days }, _sum: { ordersWithSource: true, ordersWithBoth: true } }),
      byActivityDetail
        ? db.activityDayFact.groupBy({ by: ["day", "userId"], where: { ...act, day: days }, _sum: { activities: true, connects: true, won: true, wonAmountCents: true } })
        : db.activityRepDayFact.groupBy({ by: ["day", "userId"], where: { ...act, day: days }, _sum: { activities: true, connects: true, won: true, wonAmountCents: true } }),
      // One read of the period's funnel rows, summed below by group, rep, team, category and pair.
      db.opportunityFact.groupBy({ by: ["holdout", "assigneeId", "teamId", "category", "pairId"], where: { ...opp, runDay: inPeriod }, _sum: { ...FUNNEL_SUM, ...DECLINE_SUM } }),
      period.previous ? db.opportunityFact.groupBy({ by: ["holdout"], where: { ...opp, runDay: { gte: period.previous.from, lte: period.previous.to } }, _sum: FUNNEL_SUM }) : [],
      (pairFacts as typeof db.pairRepDayFact).groupBy({ by: ["pairId"], where: { ...pair, day: inPeriod }, _sum: { ordersWithSource: true, ordersWithBoth: true } }),
      db.upliftFact.groupBy({ by: ["runId", "ownerId", "segment", "holdout"], where: { ...upl, windowEndDay: closed(period) }, _sum: UPLIFT_SUM }),
      period.previous ? db.upliftFact.groupBy({ by: ["holdout"], where: { ...upl, windowEndDay: closed(period.previous) }, _sum: UPLIFT_SUM }) : [],
      byOffer ? db.upliftOfferFact.groupBy({ by: ["runId", "ownerId", "segment", "pairId", "holdout"], where: { ...offer, windowEndDay: closed(period) }, _sum: OFFER_SUM }) : [],
      db.upliftOfferFact.groupBy({ by: ["pairId", "holdout"], where: { ...offer, windowEndDay: closed(period) }, _sum: OFFER_SUM }),
      period.previous && byOffer ? db.upliftOfferFact.groupBy({ by: ["holdout"], where: { ...offer, windowEndDay: closed(period.previous) }, _sum: OFFER_SUM }) : [],
      db.scoringRun.findMany({ where: { status: "COMPLETED" }, select: { id: true, parameters: true, startedAt: true } }),
      db.user.findMany({ where: userScope(actor), select: { id: true, name: true, teamId: true, team: { select: { name: true } } } }),
      db.productPair.findMany({ select: { id: true, sourceProduct: { select: { name: true } }, targetProduct: { select: { name: true } } } }),
    ]);

  const treated = funnelRows.filter((r) => !r.holdout);
  const funnelNow = sumBy(funnelRows, "holdout", (r) => r.holdout);
  const funnelRep = sumBy(treated, "assigneeId", (r) => r.assigneeId);
  const funnelTeam = sumBy(treated, "teamId", (r) => r.teamId);
  const declines = sumBy(funnelRows, "category", (r) => r.category);
  const funnelPair = sumBy(treated, "pairId", (r) => r.pairId);
  const categories = categoryRows ?? orders.map((r) => ({
    day: r.day,
    _sum: { revenueCents: r._sum.lineRevenueCents, crossSellRevenueCents: r._sum.crossSellRevenueCents, crossSellQuantity: r._sum.crossSellQuantity, crossSellReturned: r._sum.crossSellReturned },
  }));
  const inputs: FactInputs = {
    orders, categories, pairs, activities, funnelNow, funnelPrev, funnelRep, funnelTeam, declines, funnelPair, pairAttach, uplift, upliftPrev, offers, offersByPair, offersPrev, byOffer,
    runs: runs.map((r) => ({ id: r.id, asOf: (r.parameters as { asOf?: string } | null)?.asOf ?? r.startedAt.toISOString().slice(0, 10) })),
    users: users.map((u) => ({ id: u.id, name: u.name, teamId: u.teamId, team: u.team?.name ?? null })),
    pairNames: new Map(pairNames.map((p) => [p.id, `${p.sourceProduct.name} → ${p.targetProduct.name}`])),
  };
  const [options] = await Promise.all([dashboardOptions(actor)]);
  const sections = buildSections(inputs, {
    period, grain: params.grain, holdoutShare: settings.holdoutShare, costPerContact: settings.outreachCostCents / 100,
  });
  return { ...sections, period, anchor, timeZone: settings.timeZone, hasData, options };
}

/** Fact rows summed by one key: the shape Prisma's groupBy returns, `{ [name]: key, _sum }`. */
function sumBy<R extends { _sum: Record<string, number | null> }, N extends string, V>(rows: readonly R[], name: N, key: (r: R) => V): ({ [k in N]: V } & { _sum: Record<string, number> })[] {
  const out = new Map<V, { [k in N]: V } & { _sum: Record<string, number> }>();
  for (const r of rows) {
    const k = key(r);
    let g = out.get(k);
    if (!g) {
      g = { [name]: k, _sum: {} } as { [k in N]: V } & { _sum: Record<string, number> };
      out.set(k, g);
    }
    for (const [f, v] of Object.entries(r._sum)) g._sum[f] = (g._sum[f] ?? 0) + (v ?? 0);
  }
  return [...out.values()];
}

const FUNNEL_SUM = {
  opportunities: true, queued: true, attempted: true, connected: true, interested: true, won: true, lost: true, wonAmountCents: true,
  closedAfterContact: true, daysToCloseSum: true, soldQuantity: true, returnedQuantity: true,
} as const;
const DECLINE_SUM = { declinePrice: true, declineAlreadyOwns: true, declineNotRelevant: true, declineBadTiming: true, declineOther: true, lost: true } as const;
const UPLIFT_SUM = { accounts: true, buyers: true, revenueCents: true, grossProfitCents: true, contactedAccounts: true, contacts: true } as const;
const OFFER_SUM = { accounts: true, buyers: true, revenueCents: true, grossProfitCents: true, contacts: true } as const;

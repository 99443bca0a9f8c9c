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
  // Attach rates are kept per team and pair only: rep and segment filters do not apply to them.
  const pair = factWhere(actor, { ...params, rep: undefined, segment: undefined }, "ownerId", { category: true, pair: true });
  const act = factWhere(actor, params, "userId", { category: true, pair: true });
  const opp = factWhere(actor, params, "assigneeId", { category: true, pair: true });
  const upl = factWhere(actor, params, "ownerId");
  const offer = factWhere(actor, params, "ownerId", { category: true, pair: true });
  // Windows that closed within the period (and by the last day with data) are measured.
  const closed = (p: { from: string; to: string }) => ({ gte: p.from, lte: p.to < anchor ? p.to : anchor });
  const byOffer = Boolean(params.pair || params.category);

  const [orders, categories, pairs, activities, funnelNow, funnelPrev, funnelRep, funnelTeam, declines, funnelPair, pairAttach, uplift, upliftPrev, offers, offersPrev, runs, users, pairNames] =
    await Promise.all([
      db.orderDayFact.groupBy({ by: ["day"], where: { ...order, day: days }, _sum: { orders: true, revenueCents: true, buyers: true, customerProducts: true } }),
      db.categoryDayFact.groupBy({ by: ["day"], where: { ...cat, day: days }, _sum: { revenueCents: true, crossSellRevenueCents: true, crossSellQuantity: true, crossSellReturned: true } }),
      db.pairDayFact.groupBy({ by: ["day"], where: { ...pair, day: days }, _sum: { ordersWithSource: true, ordersWithBoth: true } }),
      db.activityDayFact.groupBy({ by: ["day", "userId"], where: { ...act, day: days }, _sum: { activities: true, connects: true, won: true, wonAmountCents: true } }),
      db.opportunityFact.groupBy({ by: ["holdout"], where: { ...opp, runDay: inPeriod }, _sum: FUNNEL_SUM }),
      period.previous ? db.opportunityFact.groupBy({ by: ["holdout"], where: { ...opp, runDay: { gte: period.previous.from, lte: period.previous.to } }, _sum: FUNNEL_SUM }) : [],
      db.opportunityFact.groupBy({ by: ["assigneeId"], where: { ...opp, runDay: inPeriod, holdout: false }, _sum: FUNNEL_SUM }),
      db.opportunityFact.groupBy({ by: ["teamId"], where: { ...opp, runDay: inPeriod, holdout: false }, _sum: FUNNEL_SUM }),
      db.opportunityFact.groupBy({ by: ["category"], where: { ...opp, runDay: inPeriod }, _sum: DECLINE_SUM }),
      db.opportunityFact.groupBy({ by: ["pairId"], where: { ...opp, runDay: inPeriod, holdout: false }, _sum: FUNNEL_SUM }),
      db.pairDayFact.groupBy({ by: ["pairId"], where: { ...pair, day: inPeriod }, _sum: { ordersWithSource: true, ordersWithBoth: true } }),
      db.upliftFact.groupBy({ by: ["runId", "ownerId", "segment", "holdout"], where: { ...upl, windowEndDay: closed(period) }, _sum: UPLIFT_SUM }),
      period.previous ? db.upliftFact.groupBy({ by: ["holdout"], where: { ...upl, windowEndDay: closed(period.previous) }, _sum: UPLIFT_SUM }) : [],
      db.upliftOfferFact.groupBy({ by: ["runId", "ownerId", "segment", "pairId", "holdout"], where: { ...offer, windowEndDay: closed(period) }, _sum: OFFER_SUM }),
      period.previous && byOffer ? db.upliftOfferFact.groupBy({ by: ["holdout"], where: { ...offer, windowEndDay: closed(period.previous) }, _sum: OFFER_SUM }) : [],
      db.scoringRun.findMany({ where: { status: "COMPLETED" }, select: { id: true, parameters: true, startedAt: true } }),
      db.user.findMany({ where: userScope(actor), select: { id: true, name: true, teamId: true, team: { select: { name: true } } } }),
      db.productPair.findMany({ select: { id: true, sourceProduct: { select: { name: true } }, targetProduct: { select: { name: true } } } }),
    ]);

  const inputs: FactInputs = {
    orders, categories, pairs, activities, funnelNow, funnelPrev, funnelRep, funnelTeam, declines, funnelPair, pairAttach, uplift, upliftPrev, offers, offersPrev, byOffer,
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

const FUNNEL_SUM = {
  opportunities: true, queued: true, attempted: true, connected: true, interested: true, won: true, lost: true, wonAmountCents: true,
  closedAfterContact: true, daysToCloseSum: true, soldQuantity: true, returnedQuantity: true,
} as const;
const DECLINE_SUM = { declinePrice: true, declineAlreadyOwns: true, declineNotRelevant: true, declineBadTiming: true, declineOther: true, lost: true } as const;
const UPLIFT_SUM = { accounts: true, buyers: true, revenueCents: true, grossProfitCents: true, contactedAccounts: true, contacts: true } as const;
const OFFER_SUM = { accounts: true, buyers: true, revenueCents: true, grossProfitCents: true } as const;

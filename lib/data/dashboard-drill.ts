import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { authorize } from "@/lib/auth/authorize";
import { dataScope } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import { opportunityScope } from "@/lib/data/scope";
import { getSettings } from "@/lib/data/settings";
import { addDays, dayStart } from "@/lib/dashboard/calendar";
import { resolvePeriod, type DashboardParams } from "@/lib/dashboard/params";
import { runWindow } from "@/lib/dashboard/refresh";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dashboardAnchor } from "./dashboard";

// The rows behind a tile, bar or table row: opportunities of the runs in the period, or activities
// logged in it, with the dashboard's filters and the actor's scope (the same where-clauses as everywhere).
export const drillSchema = z.object({
  kind: z.enum(["opportunities", "activities"]).catch("opportunities"),
  stage: z.enum(["queued", "attempted", "connected", "interested", "WON", "LOST"]).optional().catch(undefined),
  holdout: z.enum(["yes", "no"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type DrillParams = z.infer<typeof drillSchema>;
export const DRILL_PAGE_SIZE = 50;

const CONNECT = ["NOT_INTERESTED", "INTERESTED", "WON", "DO_NOT_CONTACT"] as const;

export interface DrillOpportunity {
  id: string; account: string; accountId: string; product: string; category: string; rep: string; status: string; holdout: boolean;
  run: string; attempts: number; wonAmount: number | null; lastContactAt: string | null;
}
export interface DrillActivity {
  id: string; account: string; accountId: string; rep: string; outcome: string; channel: string; product: string | null; createdAt: string; wonAmount: number | null;
}

function teamOf(actor: Actor, params: DashboardParams): string | undefined {
  return dataScope(actor.role) === "all" ? params.team : undefined;
}

async function periodBounds(params: DashboardParams) {
  const settings = await getSettings();
  const { anchor } = await dashboardAnchor(settings.timeZone);
  const period = resolvePeriod(params, anchor);
  return { period, timeZone: settings.timeZone, gte: dayStart(period.from, settings.timeZone), lt: dayStart(addDays(period.to, 1), settings.timeZone) };
}

export async function drillOpportunityWhere(actor: Actor, params: DashboardParams, drill: DrillParams): Promise<Prisma.OpportunityWhereInput> {
  await authorize(actor, "dashboard:view", "Dashboard");
  const { period, timeZone } = await periodBounds(params);
  const runs = await db.scoringRun.findMany({ where: { status: "COMPLETED" }, select: { id: true, parameters: true, startedAt: true } });
  const runIds = runs.filter((r) => {
    const w = runWindow(r, timeZone);
    return w.runDay >= period.from && w.runDay <= period.to;
  }).map((r) => r.id);
  const team = teamOf(actor, params);
  const and: Prisma.OpportunityWhereInput[] = [opportunityScope(actor), { runId: { in: runIds } }];
  if (team) and.push({ assignee: { teamId: team } });
  if (params.rep) and.push({ assigneeId: params.rep });
  if (params.segment) and.push({ account: { segment: params.segment } });
  if (params.category) and.push({ product: { category: params.category } });
  if (params.pair) and.push({ pairId: params.pair });
  if (drill.holdout) and.push({ holdout: drill.holdout === "yes" });
  const won = { status: "WON" as const };
  switch (drill.stage) {
    case "queued": and.push({ holdout: false, status: { not: "SUPPRESSED" } }); break;
    case "attempted": and.push({ OR: [won, { attempts: { gt: 0 } }, { activities: { some: {} } }] }); break;
    case "connected": and.push({ OR: [won, { activities: { some: { outcome: { in: [...CONNECT] } } } }] }); break;
    case "interested": and.push({ OR: [won, { activities: { some: { outcome: "INTERESTED" } } }] }); break;
    case "WON": case "LOST": and.push({ status: drill.stage }); break;
  }
  return { AND: and };
}

export async function drillActivityWhere(actor: Actor, params: DashboardParams, drill: DrillParams): Promise<Prisma.ActivityWhereInput> {
  await authorize(actor, "dashboard:view", "Dashboard");
  const { gte, lt } = await periodBounds(params);
  const team = teamOf(actor, params);
  const scope = dataScope(actor.role) === "team" ? { user: { teamId: actor.teamId ?? "\u0000none" } } : {};
  const and: Prisma.ActivityWhereInput[] = [scope, { createdAt: { gte, lt } }];
  if (team) and.push({ user: { teamId: team } });
  if (params.rep) and.push({ userId: params.rep });
  if (params.segment) and.push({ account: { segment: params.segment } });
  if (params.category) and.push({ opportunity: { product: { category: params.category } } });
  if (params.pair) and.push({ opportunity: { pairId: params.pair } });
  if (drill.stage === "WON") and.push({ outcome: "WON" });
  if (drill.stage === "connected") and.push({ outcome: { in: [...CONNECT] } });
  return { AND: and };
}

const OPP_SELECT = {
  id: true, status: true, holdout: true, attempts: true, wonAmountCents: true, lastContactAt: true, runId: true,
  account: { select: { id: true, name: true } }, product: { select: { name: true, category: true } }, assignee: { select: { name: true } },
} as const;

type OppRow = Prisma.OpportunityGetPayload<{ select: typeof OPP_SELECT }>;
const oppDto = (o: OppRow): DrillOpportunity => ({
  id: o.id, account: o.account.name, accountId: o.account.id, product: o.product.name, category: o.product.category, rep: o.assignee.name, status: o.status,
  holdout: o.holdout, run: o.runId, attempts: o.attempts, wonAmount: o.wonAmountCents === null ? null : o.wonAmountCents / 100, lastContactAt: o.lastContactAt?.toISOString() ?? null,
});

const ACT_SELECT = {
  id: true, outcome: true, channel: true, createdAt: true, wonAmountCents: true,
  account: { select: { id: true, name: true } }, user: { select: { name: true } }, opportunity: { select: { product: { select: { name: true } } } },
} as const;
type ActRow = Prisma.ActivityGetPayload<{ select: typeof ACT_SELECT }>;
const actDto = (a: ActRow): DrillActivity => ({
  id: a.id, account: a.account.name, accountId: a.account.id, rep: a.user.name, outcome: a.outcome, channel: a.channel, product: a.opportunity?.product.name ?? null,
  createdAt: a.createdAt.toISOString(), wonAmount: a.wonAmountCents === null ? null : a.wonAmountCents / 100,
});

export async function drillRows(actor: Actor, params: DashboardParams, drill: DrillParams) {
  const skip = (drill.page - 1) * DRILL_PAGE_SIZE;
  if (drill.kind === "activities") {
    const where = await drillActivityWhere(actor, params, drill);
    const [total, rows] = await Promise.all([
      db.activity.count({ where }),
      db.activity.findMany({ where, select: ACT_SELECT, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip, take: DRILL_PAGE_SIZE }),
    ]);
    return { kind: "activities" as const, total, activities: rows.map(actDto), opportunities: [] as DrillOpportunity[] };
  }
  const where = await drillOpportunityWhere(actor, params, drill);
  const [total, rows] = await Promise.all([
    db.opportunity.count({ where }),
    db.opportunity.findMany({ where, select: OPP_SELECT, orderBy: [{ expectedValue: "desc" }, { id: "asc" }], skip, take: DRILL_PAGE_SIZE }),
  ]);
  return { kind: "opportunities" as const, total, opportunities: rows.map(oppDto), activities: [] as DrillActivity[] };
}

/** Every matching row in id-keyset batches, for the streamed CSV export. */
export async function* drillExport(actor: Actor, params: DashboardParams, drill: DrillParams, batch = 1000) {
  let after: string | undefined;
  if (drill.kind === "activities") {
    const where = await drillActivityWhere(actor, params, drill);
    for (;;) {
      const rows = await db.activity.findMany({ where: after ? { AND: [where, { id: { gt: after } }] } : where, select: ACT_SELECT, orderBy: { id: "asc" }, take: batch });
      if (rows.length === 0) return;
      yield rows.map(actDto);
      after = rows.at(-1)!.id;
    }
  }
  const where = await drillOpportunityWhere(actor, params, drill);
  for (;;) {
    const rows = await db.opportunity.findMany({ where: after ? { AND: [where, { id: { gt: after } }] } : where, select: OPP_SELECT, orderBy: { id: "asc" }, take: batch });
    if (rows.length === 0) return;
    yield rows.map(oppDto);
    after = rows.at(-1)!.id;
  }
}

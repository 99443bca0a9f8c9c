import "server-only";
import { subDays } from "date-fns";
import { db } from "@/lib/db";
import { accountScope } from "@/lib/data/scope";
import { ADMIN_SECTIONS, can } from "@/lib/auth/permissions";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/generated/prisma/enums";

export type PeriodKpis = { revenue: number; orders: number; aov: number | null; customers: number };

/** Revenue, orders, AOV and buying customers of the last `days` days vs the period before, within the actor's scope. */
export async function salesOverview(actor: Actor, days = 90): Promise<{ current: PeriodKpis; previous: PeriodKpis; asOf: string | null }> {
  await authorize(actor, "dashboard:view", "Dashboard");
  const scope = accountScope(actor);
  const latest = await db.order.findFirst({ where: { account: scope }, orderBy: { orderedAt: "desc" }, select: { orderedAt: true } });
  const end = latest?.orderedAt ?? new Date();
  const start = subDays(end, days);
  const prevStart = subDays(start, days);
  async function period(from: Date, to: Date): Promise<PeriodKpis> {
    const where = { account: scope, orderedAt: { gt: from, lte: to } };
    const [agg, customers] = await Promise.all([
      db.order.aggregate({ where, _sum: { totalCents: true }, _count: { _all: true } }),
      db.order.groupBy({ by: ["accountId"], where }),
    ]);
    const revenue = (agg._sum.totalCents ?? 0) / 100;
    const orders = agg._count._all;
    return { revenue, orders, aov: orders ? revenue / orders : null, customers: customers.length };
  }
  const [current, previous] = await Promise.all([period(start, end), period(prevStart, start)]);
  return { current, previous, asOf: latest ? end.toISOString() : null };
}

/** The admin overview; each part is null unless the actor holds that section's permission. */
export type AdminOverview = {
  users: { id: string; name: string; email: string; role: Role; teamId: string | null; team: string | null; active: boolean; locked: boolean; lastLoginAt: string | null }[] | null;
  teams: { id: string; name: string }[] | null;
  products: { total: number; active: number; categories: number } | null;
  pairs: { type: string; active: number; inactive: number }[] | null;
  settings: { key: string; value: string }[] | null;
  lastRun: { status: string; startedAt: string; finishedAt: string | null } | null;
  canSeeScoring: boolean;
};

export async function adminOverview(actor: Actor): Promise<AdminOverview> {
  if (!ADMIN_SECTIONS.some((s) => can(actor.role, s.permission))) await authorize(actor, "users:manage", "Admin");
  const catalog = can(actor.role, "catalog:manage");
  const usersOk = can(actor.role, "users:manage");
  const settingsOk = can(actor.role, "settings:manage");
  const scoring = can(actor.role, "scoring:run");
  const skip = Promise.resolve(null);
  const [users, teams, productTotal, productActive, categories, pairs, settings, lastRun] = await Promise.all([
    usersOk
      ? db.user.findMany({
          orderBy: [{ role: "asc" }, { name: "asc" }],
          select: { id: true, name: true, email: true, role: true, active: true, lockedUntil: true, lastLoginAt: true, teamId: true, team: { select: { name: true } } },
        })
      : skip,
    usersOk ? db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }) : skip,
    catalog ? db.product.count() : skip,
    catalog ? db.product.count({ where: { active: true } }) : skip,
    catalog ? db.product.groupBy({ by: ["category"] }) : skip,
    catalog ? db.productPair.groupBy({ by: ["type", "active"], _count: { _all: true } }) : skip,
    settingsOk ? db.setting.findMany({ orderBy: { key: "asc" } }) : skip,
    scoring ? db.scoringRun.findFirst({ orderBy: { startedAt: "desc" }, select: { status: true, startedAt: true, finishedAt: true } }) : skip,
  ]);
  const now = new Date();
  const byType = new Map<string, { active: number; inactive: number }>();
  for (const p of pairs ?? []) {
    const entry = byType.get(p.type) ?? { active: 0, inactive: 0 };
    if (p.active) entry.active += p._count._all;
    else entry.inactive += p._count._all;
    byType.set(p.type, entry);
  }
  return {
    users:
      users?.map((u) => ({
        id: u.id,
        name: u.name,
        email: u.email,
        role: u.role,
        teamId: u.teamId,
        team: u.team?.name ?? null,
        active: u.active,
        locked: u.lockedUntil !== null && u.lockedUntil > now,
        lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      })) ?? null,
    teams: teams ?? null,
    products: catalog ? { total: productTotal ?? 0, active: productActive ?? 0, categories: categories?.length ?? 0 } : null,
    pairs: catalog ? [...byType.entries()].map(([type, v]) => ({ type, ...v })).sort((a, b) => a.type.localeCompare(b.type)) : null,
    settings: settings?.map((s) => ({ key: s.key, value: JSON.stringify(s.value) })) ?? null,
    lastRun: lastRun
      ? { status: lastRun.status, startedAt: lastRun.startedAt.toISOString(), finishedAt: lastRun.finishedAt?.toISOString() ?? null }
      : null,
    canSeeScoring: scoring,
  };
}

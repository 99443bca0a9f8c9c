import "server-only";
import { subDays } from "date-fns";
import { db } from "@/lib/db";
import { accountScope } from "@/lib/data/scope";
import { can } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";

export type PeriodKpis = { revenue: number; orders: number; aov: number | null; customers: number };

/** Revenue, orders, AOV and buying customers of the last `days` days vs the period before, within the actor's scope. */
export async function salesOverview(actor: Actor, days = 90): Promise<{ current: PeriodKpis; previous: PeriodKpis; asOf: string | null }> {
  if (!can(actor.role, "dashboard:view")) throw notFound("Dashboard");
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

export type AdminOverview = {
  users: { id: string; name: string; email: string; role: string; team: string | null; active: boolean; locked: boolean; lastLoginAt: string | null }[];
  products: { total: number; active: number; categories: number };
  pairs: { type: string; active: number; inactive: number }[];
  settings: { key: string; value: string }[];
  lastRun: { status: string; startedAt: string; finishedAt: string | null } | null;
};

export async function adminOverview(actor: Actor): Promise<AdminOverview> {
  if (!can(actor.role, "catalog:manage")) throw notFound("Admin");
  const [users, productTotal, productActive, categories, pairs, settings, lastRun] = await Promise.all([
    db.user.findMany({
      orderBy: [{ role: "asc" }, { name: "asc" }],
      select: { id: true, name: true, email: true, role: true, active: true, lockedUntil: true, lastLoginAt: true, team: { select: { name: true } } },
    }),
    db.product.count(),
    db.product.count({ where: { active: true } }),
    db.product.groupBy({ by: ["category"] }),
    db.productPair.groupBy({ by: ["type", "active"], _count: { _all: true } }),
    db.setting.findMany({ orderBy: { key: "asc" } }),
    db.scoringRun.findFirst({ orderBy: { startedAt: "desc" }, select: { status: true, startedAt: true, finishedAt: true } }),
  ]);
  const now = new Date();
  const byType = new Map<string, { active: number; inactive: number }>();
  for (const p of pairs) {
    const entry = byType.get(p.type) ?? { active: 0, inactive: 0 };
    if (p.active) entry.active += p._count._all;
    else entry.inactive += p._count._all;
    byType.set(p.type, entry);
  }
  return {
    users: users.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      team: u.team?.name ?? null,
      active: u.active,
      locked: u.lockedUntil !== null && u.lockedUntil > now,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    })),
    products: { total: productTotal, active: productActive, categories: categories.length },
    pairs: [...byType.entries()].map(([type, v]) => ({ type, ...v })).sort((a, b) => a.type.localeCompare(b.type)),
    settings: settings.map((s) => ({ key: s.key, value: JSON.stringify(s.value) })),
    lastRun: lastRun
      ? { status: lastRun.status, startedAt: lastRun.startedAt.toISOString(), finishedAt: lastRun.finishedAt?.toISOString() ?? null }
      : null,
  };
}

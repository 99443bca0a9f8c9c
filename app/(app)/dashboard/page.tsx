import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { dataScope } from "@/lib/auth/permissions";
import { salesOverview, type PeriodKpis } from "@/lib/data/overview";
import { formatDate, formatMoney, formatMoneyExact, formatNumber, formatPercent } from "@/lib/format";

export const metadata: Metadata = { title: "Dashboard" };

function change(current: number | null, previous: number | null): string {
  if (current == null || previous == null || previous === 0) return "no earlier period";
  const delta = (current - previous) / previous;
  return `${delta >= 0 ? "+" : ""}${formatPercent(delta)} vs previous 90 days`;
}

function Kpi({ label, value, formula, delta }: { label: string; value: string; formula: string; delta: string }) {
  return (
    <Card className="p-5">
      <h2 className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</h2>
      <p className="mt-2 text-2xl font-semibold tabular-nums">{value}</p>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{delta}</p>
      <p className="mt-3 border-t border-slate-100 pt-2 font-mono text-[11px] text-slate-500 dark:border-slate-800 dark:text-slate-400">{formula}</p>
    </Card>
  );
}

export default async function DashboardPage() {
  const actor = await requireActor("dashboard:view", "/dashboard");
  const { current, previous, asOf } = await salesOverview(actor);
  const c: PeriodKpis = current;
  const scope = dataScope(actor.role) === "all" ? "all teams" : "your team";
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={asOf ? `Sales of ${scope}, last 90 days to ${formatDate(asOf)}, against the 90 days before` : `No orders yet for ${scope}`}
      />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Kpi label="Revenue" value={formatMoney(c.revenue)} formula="Σ order totals in period" delta={change(c.revenue, previous.revenue)} />
        <Kpi label="Orders" value={formatNumber(c.orders)} formula="count of orders in period" delta={change(c.orders, previous.orders)} />
        <Kpi label="Average order value" value={formatMoneyExact(c.aov)} formula="revenue / orders" delta={change(c.aov, previous.aov)} />
        <Kpi label="Buying customers" value={formatNumber(c.customers)} formula="distinct accounts with an order" delta={change(c.customers, previous.customers)} />
      </div>
    </>
  );
}

import type { Metadata } from "next";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { DashboardControls } from "@/components/dashboard/controls";
import { FunnelPanel } from "@/components/dashboard/funnel-panel";
import { PairsTable, RepsTable } from "@/components/dashboard/performance-tables";
import { Tiles } from "@/components/dashboard/tiles";
import { TrendsPanel } from "@/components/dashboard/trends-panel";
import { UpliftPanel } from "@/components/dashboard/uplift-panel";
import { can, scopeLabel } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { dashboardQuery, parseDashboardParams } from "@/lib/dashboard/params";
import { dashboardData } from "@/lib/data/dashboard";
import { getSettings } from "@/lib/data/settings";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("dashboard:view", "/dashboard");
  const params = parseDashboardParams(await searchParams);
  const [d, settings] = await Promise.all([dashboardData(actor, params), getSettings()]);
  const fixed = { ...params, period: "custom" as const, from: d.period.from, to: d.period.to };
  const drillHref = (drill: string, extra: Record<string, string> = {}) => {
    const [kind, stage] = drill.split(":");
    return `/dashboard/drill${dashboardQuery(fixed, { kind, stage: stage || undefined, ...extra })}`;
  };
  const exportHref = (table: string) => `/api/dashboard/export${dashboardQuery(fixed, { table })}`;
  const drillBase = `/dashboard/drill${dashboardQuery(fixed)}`;
  const compare = d.period.previous !== null;
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`${scopeLabel(actor.role, "figures")}: ${params.period === "custom" ? `${d.period.from} to ${d.period.to}` : `${d.period.label.toLowerCase()} (${d.period.from} to ${d.period.to})`}, days in ${d.timeZone}${compare ? `, against ${d.period.previous!.from} to ${d.period.previous!.to}` : ""}`}
      />
      <DashboardControls
        params={params}
        from={d.period.from}
        to={d.period.to}
        options={d.options}
      />
      {!d.hasData ? (
        <Card><EmptyState title="No orders yet">Import orders or run the demo seed; the dashboard fills in after the first refresh of its facts.</EmptyState></Card>
      ) : (
        <div className="space-y-6">
          {d.trends.length === 0 ? (
            <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
              Nothing was recorded from {d.period.from} to {d.period.to} for these filters: pick another period or clear a filter.
            </p>
          ) : null}
          <section aria-labelledby="tiles-h">
            <h2 id="tiles-h" className="sr-only">Headline figures</h2>
            <Tiles tiles={d.tiles} compare={compare} drillHref={(x) => drillHref(x)} />
          </section>
          <UpliftPanel u={d.uplift} holdoutShare={settings.holdoutShare} drillHref={(f) => drillHref("opportunities:", f)} exportHref={exportHref} />
          <FunnelPanel funnel={d.funnel} drillHref={drillHref} exportHref={exportHref("funnel")} />
          <TrendsPanel points={d.trends} compare={compare} />
          <Card className="p-5" aria-labelledby="reps-h">
            <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="reps-h" className="text-lg font-semibold">Reps</h2>
              <a href={exportHref("reps")} className="text-sm text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">Export reps CSV</a>
            </div>
            <RepsTable rows={d.reps} drillBase={drillBase} />
          </Card>
          <Card className="p-5" aria-labelledby="pairs-h">
            <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="pairs-h" className="text-lg font-semibold">Product pairs</h2>
              <a href={exportHref("pairs")} className="text-sm text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">Export pairs CSV</a>
            </div>
            <PairsTable rows={d.pairs} drillBase={drillBase} catalogHref={can(actor.role, "catalog:manage") ? "/admin/pairs" : null} />
          </Card>
        </div>
      )}
    </>
  );
}

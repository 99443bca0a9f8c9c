import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { DrillTable } from "@/components/dashboard/drill-table";
import { requireActor } from "@/lib/auth/session";
import { dashboardQuery, parseDashboardParams } from "@/lib/dashboard/params";
import { DRILL_PAGE_SIZE, drillRows, drillSchema } from "@/lib/data/dashboard-drill";

export const metadata: Metadata = { title: "Dashboard rows" };

const STAGES: Record<string, string> = {
  queued: "queued", attempted: "attempted", connected: "connected", interested: "interested", WON: "won", LOST: "declined",
};

export default async function DrillPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("dashboard:view", "/dashboard/drill");
  const search = await searchParams;
  const params = parseDashboardParams(search);
  const one = (k: string) => (Array.isArray(search[k]) ? search[k]![0] : (search[k] as string | undefined));
  const drill = drillSchema.parse({ kind: one("kind"), stage: one("stage"), holdout: one("holdout"), page: one("page") });
  const rows = await drillRows(actor, params, drill);
  const filters = [params.team && `team ${params.team}`, params.rep && "one rep", params.segment && `segment ${params.segment}`, params.category && `category ${params.category}`, params.pair && "one pair"].filter(Boolean);
  const what = `${drill.stage ? `${STAGES[drill.stage]} ` : ""}${drill.kind}`;
  const exportHref = `/api/dashboard/export${dashboardQuery(params, { table: drill.kind, stage: drill.stage, holdout: drill.holdout })}`;
  return (
    <>
      <PageHeader
        title={`Rows: ${what}`}
        description={`${rows.total.toLocaleString("en-US")} ${what}${drill.kind === "opportunities" ? " of the scoring runs" : " logged"} in ${params.from ?? "the period"} to ${params.to ?? ""}${filters.length ? `, ${filters.join(", ")}` : ""}`}
        actions={
          <div className="flex gap-4 text-sm">
            <Link href={`/dashboard${dashboardQuery(params)}`} className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">Back to the dashboard</Link>
            <a href={exportHref} className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">Export CSV</a>
          </div>
        }
      />
      <Card>
        <DrillTable kind={rows.kind} opportunities={rows.opportunities} activities={rows.activities} total={rows.total} page={drill.page} pageSize={DRILL_PAGE_SIZE} />
      </Card>
    </>
  );
}

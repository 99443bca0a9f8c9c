import { BarList } from "@/components/charts/bar-list";
import { Card } from "@/components/ui/card";
import { pct } from "@/lib/dashboard/format";
import type { DashboardSections } from "@/lib/dashboard/sections";
import { formatNumber } from "@/lib/format";

const STAGE_DRILL: Record<string, string> = {
  opportunities: "opportunities:", queued: "opportunities:queued", attempted: "opportunities:attempted", connected: "opportunities:connected",
  interested: "opportunities:interested", won: "opportunities:WON",
};
const LABELS = ["Opportunities", "Queued", "Attempted", "Connected", "Interested", "Won"];

/** Funnel of the runs in the period, per team and rep, and decline reasons by category. */
export function FunnelPanel({ funnel, drillHref, exportHref }: { funnel: DashboardSections["funnel"]; drillHref: (drill: string, extra?: Record<string, string>) => string; exportHref: string }) {
  const { stages } = funnel;
  return (
    <Card className="p-5" aria-labelledby="funnel-h">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="funnel-h" className="text-lg font-semibold">Funnel</h2>
        <a href={exportHref} className="text-sm text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">Export funnel CSV</a>
      </div>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Opportunities of the scoring runs in the period; each rate is of the stage before (queued excludes the holdout, which is never worked).</p>
      <div className="mt-4">
        <BarList
          caption="Funnel stages"
          items={stages.map((s) => ({ key: s.key, label: s.label, value: s.count, note: s.rate === null ? undefined : pct(s.rate), href: drillHref(STAGE_DRILL[s.key]) }))}
        />
      </div>
      <div className="mt-6 grid gap-6 xl:grid-cols-2">
        {([["By team", funnel.byTeam, "team"], ["By rep", funnel.byRep, "rep"]] as const).map(([title, rows, key]) => (
          <div key={title} className="overflow-x-auto" tabIndex={0} role="region" aria-label={`Funnel ${title.toLowerCase()}`}>
            <table className="min-w-full text-sm tabular-nums">
              <caption className="mb-2 text-left text-sm font-semibold">{title}</caption>
              <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">
                <tr>
                  <th scope="col" className="px-2 py-1 text-left">{key === "team" ? "Team" : "Rep"}</th>
                  {LABELS.slice(1).map((l) => <th key={l} scope="col" className="px-2 py-1 text-right">{l}</th>)}
                </tr>
              </thead>
              <tbody>
                {rows.length === 0 ? (
                  <tr><td colSpan={6} className="px-2 py-3 text-slate-500">No opportunities in this period.</td></tr>
                ) : rows.map((r) => (
                  <tr key={r.key} className="border-t border-slate-100 dark:border-slate-800">
                    <th scope="row" className="px-2 py-1 text-left font-normal">
                      <a href={drillHref("opportunities:", { [key]: r.key })} className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">{r.label}</a>
                    </th>
                    {r.stages.slice(1).map((v, i) => (
                      <td key={i} className="px-2 py-1 text-right">
                        {formatNumber(v)}
                        {i > 0 && r.stages[i] > 0 ? <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">{pct(v / r.stages[i], 0)}</span> : null}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </div>
      <div className="mt-6 overflow-x-auto" tabIndex={0} role="region" aria-label="Decline reasons">
        <table className="min-w-full text-sm tabular-nums">
          <caption className="mb-2 text-left text-sm font-semibold">Decline reasons by product category</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">
            <tr>
              {["Category", "Price", "Already owns", "Not relevant", "Bad timing", "Other", "Declined"].map((h, i) => <th key={h} scope="col" className={i ? "px-2 py-1 text-right" : "px-2 py-1 text-left"}>{h}</th>)}
            </tr>
          </thead>
          <tbody>
            {funnel.declines.length === 0 ? (
              <tr><td colSpan={7} className="px-2 py-3 text-slate-500">No declines in this period.</td></tr>
            ) : funnel.declines.map((d) => (
              <tr key={d.category} className="border-t border-slate-100 dark:border-slate-800">
                <th scope="row" className="px-2 py-1 text-left font-normal">
                  <a href={drillHref("opportunities:LOST", { category: d.category })} className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">{d.category}</a>
                </th>
                {[d.price, d.alreadyOwns, d.notRelevant, d.badTiming, d.other, d.total].map((v, i) => <td key={i} className="px-2 py-1 text-right">{formatNumber(v)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

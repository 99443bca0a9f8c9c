import { AlertTriangle, CheckCircle2 } from "lucide-react";
import { ForestPlot, type ForestItem } from "@/components/charts/forest-plot";
import { Card } from "@/components/ui/card";
import { pct, pts } from "@/lib/dashboard/format";
import type { DashboardSections } from "@/lib/dashboard/sections";
import type { ForestRow } from "@/lib/dashboard/uplift-section";
import { formatMoney, formatNumber } from "@/lib/format";

const toItems = (rows: ForestRow[], href?: (key: string) => string): ForestItem[] =>
  rows.map((r) => ({
    key: r.key, label: r.label, estimate: r.diff, low: r.ciLow, high: r.ciHigh, href: href?.(r.key),
    detail: `${formatNumber(r.treated.conversions)}/${formatNumber(r.treated.n)} vs ${formatNumber(r.holdout.conversions)}/${formatNumber(r.holdout.n)}`,
  }));

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div>
      <dt className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
      {note ? <dd className="text-xs text-slate-600 dark:text-slate-400">{note}</dd> : null}
    </div>
  );
}

/** The uplift against the holdout: rates, difference with interval, p-value, money, checks, verdict, forest plots. */
export function UpliftPanel({ u, holdoutShare, drillHref, exportHref }: {
  u: DashboardSections["uplift"]; holdoutShare: number; drillHref: (filter: Record<string, string>) => string; exportHref: (table: string) => string;
}) {
  const r = u.result;
  const inc = u.incremental;
  return (
    <Card className="p-5" aria-labelledby="uplift-h">
      <h2 id="uplift-h" className="text-lg font-semibold">Uplift against the holdout</h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Intent to treat: accounts that got opportunities in a scoring run whose 60-day purchase window closed in the period; bought = bought one
        of its offered products{u.byOffer ? " (the filtered pair or category)" : ""} within the window.
      </p>
      <p className="mt-4 rounded-md bg-slate-50 p-3 text-base font-medium dark:bg-slate-800" data-testid="uplift-verdict">{u.verdict}</p>
      {r ? (
        <>
          <dl className="mt-4 grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
            <Figure label="Treated" value={pct(r.treated.rate, 2)} note={`${formatNumber(r.treated.conversions)} of ${formatNumber(r.treated.n)} accounts`} />
            <Figure label="Holdout" value={pct(r.holdout.rate, 2)} note={`${formatNumber(r.holdout.conversions)} of ${formatNumber(r.holdout.n)} accounts`} />
            <Figure label="Difference" value={pts(r.diff, 2)} note={`95% CI ${pts(r.ciLow, 2)} to ${pts(r.ciHigh, 2)} (Newcombe)`} />
            <Figure label="Relative lift" value={r.relativeLift === null ? "—" : pct(r.relativeLift)} note="difference / holdout rate" />
            <Figure label="p-value" value={r.pValue === null ? "—" : r.pValue < 0.001 ? "< 0.001" : r.pValue.toFixed(3)} note="two-proportion z-test, two-sided" />
            <Figure label="Min. detectable" value={r.mde === null ? "—" : pts(r.mde)} note="at 80% power, this volume" />
          </dl>
          <dl className="mt-4 grid gap-4 border-t border-slate-100 pt-4 sm:grid-cols-3 lg:grid-cols-5 dark:border-slate-800">
            <Figure label="Incremental buyers" value={inc?.buyers == null ? "—" : inc.buyers.toFixed(1)} note="difference × treated accounts" />
            <Figure label="Incremental revenue" value={formatMoney(inc?.revenue)} note="per-account difference × treated" />
            <Figure label="Incremental gross profit" value={formatMoney(inc?.grossProfit)} note="(price − unit cost), net of returns" />
            <Figure label="Outreach cost" value={formatMoney(inc?.outreachCost)} note={`${formatNumber(u.treated.contacts)} contacts × cost per contact`} />
            <Figure label="ROI" value={inc?.roi == null ? "—" : pct(inc.roi, 0)} note="(incremental GP − cost) / cost" />
          </dl>
          <ul className="mt-4 space-y-1 text-sm" aria-label="Checks">
            <li className="flex items-center gap-2">
              {u.srmWarning ? <AlertTriangle aria-hidden className="h-4 w-4 text-amber-600" /> : <CheckCircle2 aria-hidden className="h-4 w-4 text-emerald-600" />}
              Sample ratio: χ² = {r.srm.chi2.toFixed(2)}, p = {r.srm.pValue < 0.001 ? "< 0.001" : r.srm.pValue.toFixed(3)} against the configured holdout share of {pct(holdoutShare, 0)}
              {u.srmWarning ? " — mismatch: the groups are not split as configured, treat the result with suspicion" : ""}
            </li>
            <li className="flex items-center gap-2">
              {u.contamination.accounts > 0 ? <AlertTriangle aria-hidden className="h-4 w-4 text-amber-600" /> : <CheckCircle2 aria-hidden className="h-4 w-4 text-emerald-600" />}
              Contamination: {formatNumber(u.contamination.accounts)} of {formatNumber(u.contamination.of)} holdout accounts{u.byOffer ? " (all offers of the runs, not only the filtered ones)" : ""} had a logged contact in the window (should be 0)
            </li>
          </ul>
        </>
      ) : null}
      <div className="mt-6 grid gap-6">
        {([
          ["pair", "By product pair", (k: string) => (k ? drillHref({ pair: k }) : undefined)],
          ["segment", "By segment", (k: string) => (k ? drillHref({ segment: k }) : undefined)],
          ["rep", "By rep", (k: string) => drillHref({ rep: k })],
          ["run", "By scoring run", undefined],
        ] as const).map(([key, title, href]) => (
          <section key={key} aria-labelledby={`forest-${key}`}>
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
              <h3 id={`forest-${key}`} className="text-sm font-semibold">{title}</h3>
              <a href={exportHref(`uplift-${key}`)} className="text-xs text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">Export CSV<span className="sr-only"> of uplift {title.toLowerCase()}</span></a>
            </div>
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`${title}, scrollable`}>
              <ForestPlot items={toItems(u.forest[key], href ? (k) => href(k) ?? "" : undefined).map((i) => ({ ...i, href: i.href || undefined }))} caption={`Uplift ${title.toLowerCase()}`} format={(v) => pts(v)} />
            </div>
          </section>
        ))}
      </div>
    </Card>
  );
}

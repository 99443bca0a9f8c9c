import type { Metadata } from "next";
import Link from "next/link";
import { RunHistory } from "@/components/admin/scoring/run-history";
import { CancelScoringButton, LiveRefresh, StartScoringButton } from "@/components/admin/scoring/scoring-controls";
import { Card, PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { getScoringPage } from "@/lib/data/scoring-runs";
import { formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Scoring runs" };

export default async function AdminScoringPage() {
  const actor = await requireActor("scoring:run", "/admin/scoring");
  const { runs, current, runsInApp } = await getScoringPage(actor);
  const percent = current?.progress?.percent ?? 0;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin" className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
          Admin
        </Link>
      </p>
      <PageHeader
        title="Scoring runs"
        description={
          runsInApp
            ? "A run recomputes segments, CLV, rules and offers, and goes live atomically when it completes. Started here, the app starts a worker process that runs it (no separate worker is configured)."
            : "A run recomputes segments, CLV, rules and offers, and goes live atomically when it completes. Started here, it is queued for a worker process (npm run jobs:worker)."
        }
        actions={<StartScoringButton busy={current !== null} />}
      />
      <Card className="mb-6 p-5" aria-live="polite">
        <h2 className="text-sm font-semibold">Current run</h2>
        {current ? (
          <div className="mt-3 space-y-3" data-testid="current-run">
            <LiveRefresh />
            <p className="text-sm">
              {current.status === "QUEUED"
                ? runsInApp
                  ? "Queued: the app is starting a worker process for it…"
                  : "Queued: waiting for a worker (npm run jobs:worker)."
                : `Running: ${current.progress?.stage ?? "starting"}, ${percent}%`}
              {current.stale ? " — its worker stopped sending heartbeats; it will be marked failed." : ""}
              {current.cancelRequested ? " — cancel requested." : ""}
            </p>
            <div role="progressbar" aria-label="Scoring run progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 w-full rounded bg-slate-200 dark:bg-slate-700">
              <div className="h-2 rounded bg-brand-600" style={{ width: `${Math.min(100, Math.max(0, percent))}%` }} />
            </div>
            {current.progress?.message ? <p className="text-xs text-slate-600 dark:text-slate-400">{current.progress.message}</p> : null}
            {current.progress?.counts ? (
              <dl className="grid grid-cols-2 gap-2 text-xs sm:grid-cols-4">
                {Object.entries(current.progress.counts).map(([k, v]) => (
                  <div key={k}>
                    <dt className="text-slate-600 dark:text-slate-400">{k}</dt>
                    <dd className="tabular-nums">{formatNumber(v)}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            <CancelScoringButton jobId={current.id} />
          </div>
        ) : (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400" data-testid="no-current-run">
            No run is queued or running.
          </p>
        )}
      </Card>
      <Card>
        <h2 className="px-4 py-3 text-sm font-semibold">History</h2>
        <RunHistory runs={runs} now={new Date().toISOString().slice(0, 19).replace("T", " ")} />
      </Card>
    </>
  );
}

import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatNumber } from "@/lib/format";
import type { ScoringRunRow } from "@/lib/data/scoring-runs";

const seconds = (ms: number | null | undefined) => (ms == null ? "—" : `${(ms / 1000).toFixed(1)} s`);

function StatusBadge({ run }: { run: ScoringRunRow }) {
  if (run.stale) return <Badge tone="amber">stale: no heartbeat</Badge>;
  if (run.status === "RUNNING") return <Badge tone="blue">running</Badge>;
  if (run.status === "FAILED") return <Badge tone="red">failed</Badge>;
  return run.active ? <Badge tone="green">completed, live</Badge> : <Badge>completed</Badge>;
}

const num = (v: unknown) => (typeof v === "number" ? formatNumber(v) : "—");

function KeyValues({ data, label }: { data: Record<string, unknown>; label: string }) {
  // Focusable, so the keyboard can scroll it.
  return (
    <pre tabIndex={0} role="region" aria-label={label} className="max-h-64 max-w-xl overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs dark:bg-slate-800">{JSON.stringify(data, null, 2)}</pre>
  );
}

export function RunHistory({ runs, now }: { runs: ScoringRunRow[]; now: string }) {
  if (runs.length === 0) return <p className="px-4 pb-4 text-sm text-slate-600 dark:text-slate-400">No scoring run yet. Start one above.</p>;
  return (
    <Table>
      <TableCaption>Scoring runs, newest first, as of {now}</TableCaption>
      <TableHeader>
        <tr>
          <TableHead>Started (UTC)</TableHead>
          <TableHead>By</TableHead>
          <TableHead>Status</TableHead>
          <TableHead align="right">Duration</TableHead>
          <TableHead align="right">Accounts</TableHead>
          <TableHead align="right">Offers</TableHead>
          <TableHead>Details</TableHead>
        </tr>
      </TableHeader>
      <TableBody>
        {runs.map((r) => (
          <TableRow key={r.id} data-testid="scoring-run-row">
            <TableCell>{r.startedAt.slice(0, 19).replace("T", " ")}</TableCell>
            <TableCell>{r.triggeredBy ?? "command line"}</TableCell>
            <TableCell>
              <StatusBadge run={r} />
              {r.status === "RUNNING" ? <span className="ml-2 text-xs">{`${r.stage}, ${r.percent}%`}</span> : null}
            </TableCell>
            <TableCell align="right">{seconds(r.durationMs)}</TableCell>
            <TableCell align="right">{num(r.counts?.accounts)}</TableCell>
            <TableCell align="right">{num(r.counts?.opportunities)}</TableCell>
            <TableCell wrap className="max-w-xl">
              {r.error ? <p className="mb-1 text-xs text-red-700 dark:text-red-300">Error: {r.error}</p> : null}
              <details>
                <summary className="cursor-pointer text-xs text-brand-700 dark:text-brand-300">Timings, counts, parameters</summary>
                {r.timings ? (
                  <dl className="mt-2 grid grid-cols-2 gap-x-4 text-xs">
                    {Object.entries(r.timings).map(([stage, ms]) => (
                      <div key={stage} className="contents">
                        <dt className="text-slate-600 dark:text-slate-400">{stage}</dt>
                        <dd className="tabular-nums">{seconds(ms)}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
                {r.counts ? <KeyValues data={r.counts} label="Counts" /> : null}
                {r.parameters ? <KeyValues data={r.parameters} label="Parameters" /> : null}
              </details>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

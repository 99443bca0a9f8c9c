"use client";

import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ImportSummary } from "./import-api";

const LABELS: Record<string, string> = {
  guest: "Guest lines (no customer id)", "non-product": "Non-product lines", "zero-price": "Zero or negative prices", "zero-quantity": "Zero quantities",
  "cancellation-unmatched": "Cancellations without a matching purchase", duplicate: "Rows repeated later in the file",
};
const n = (v: unknown) => (typeof v === "number" ? v.toLocaleString("en-US") : "—");
type Rc = { created: number; updated: number; unchanged: number };

/** A dry run's or an import's summary: what was (or would be) created, updated, unchanged, skipped and invalid. */
export function ImportResult({ summary, dryRun }: { summary: ImportSummary; dryRun: boolean }) {
  const c = (summary.counts ?? {}) as Record<string, unknown>;
  const records = (["products", "accounts", "orders", "orderLines"] as const).filter((k) => c[k]);
  const skipped = (c.skipped ?? {}) as Record<string, number>;
  const errors = (summary.issues ?? []).filter((i) => i.kind === "error");
  const invalid = summary.status === "INVALID";
  return (
    <div className="space-y-4" data-testid="import-result">
      <p className="text-sm font-medium">
        {invalid
          ? `${n(summary.errorCount)} invalid row(s): nothing was written.`
          : dryRun
            ? "Dry run: nothing was written. This is what the import would do."
            : summary.wrote
              ? "Imported: all changes committed in one transaction."
              : "Nothing changed: every record in the file is already in the database."}
      </p>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-600 dark:text-slate-400">Lines read</dt>
          <dd className="tabular-nums">{n(c.linesRead)}</dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-400">Invalid rows</dt>
          <dd className="tabular-nums">{n(c.invalidRows)}</dd>
        </div>
        {records.map((k) => {
          const r = c[k] as Rc;
          return (
            <div key={k}>
              <dt className="text-slate-600 dark:text-slate-400">{k === "orderLines" ? "Order lines" : k[0].toUpperCase() + k.slice(1)}</dt>
              <dd className="tabular-nums">
                {n(r.created)} created, {n(r.updated)} updated, {n(r.unchanged)} unchanged
              </dd>
            </div>
          );
        })}
        {Object.entries(skipped).map(([k, v]) => (
          <div key={k}>
            <dt className="text-slate-600 dark:text-slate-400">{LABELS[k] ?? k}</dt>
            <dd className="tabular-nums">{n(v)}</dd>
          </div>
        ))}
      </dl>
      {summary.notes?.length ? (
        <ul className="list-disc pl-5 text-sm text-slate-700 dark:text-slate-300">
          {summary.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {errors.length > 0 ? (
        <Table>
          <TableCaption visible>Row errors{summary.errorCount && summary.errorCount > errors.length ? ` (first ${errors.length} of ${n(summary.errorCount)})` : ""}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead align="right">Line</TableHead>
              <TableHead>Column</TableHead>
              <TableHead>Value</TableHead>
              <TableHead>Problem</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {errors.map((e, i) => (
              <TableRow key={i}>
                <TableCell align="right">{e.line}</TableCell>
                <TableCell>{e.column}</TableCell>
                <TableCell wrap>{e.value}</TableCell>
                <TableCell wrap>{e.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {summary.runId && (summary.issueCount ?? 0) > 0 ? (
        <p className="text-sm">
          <a className="text-brand-700 underline underline-offset-2 dark:text-brand-300" href={`/api/admin/import/runs/${summary.runId}/report`} download>
            Download the error report ({n(summary.issueCount)} rows)
          </a>
        </p>
      ) : null}
    </div>
  );
}

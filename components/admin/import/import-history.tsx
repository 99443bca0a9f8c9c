import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ImportRunRow } from "@/lib/data/imports";
import { formatDate, formatNumber } from "@/lib/format";

type Rc = { created?: number; updated?: number; unchanged?: number };
const TONE: Record<string, "green" | "amber" | "red" | "blue" | "neutral"> = { COMPLETED: "green", INVALID: "amber", FAILED: "red", CANCELLED: "neutral", RUNNING: "blue", QUEUED: "blue" };

function countsText(c: Record<string, unknown> | null): string {
  if (!c) return "—";
  const parts: string[] = [];
  for (const [key, label] of [["orders", "orders"], ["orderLines", "lines"], ["accounts", "accounts"], ["products", "products"]] as const) {
    const r = c[key] as Rc | undefined;
    if (r && (r.created || r.updated || r.unchanged)) parts.push(`${label} +${formatNumber(r.created ?? 0)} ~${formatNumber(r.updated ?? 0)} =${formatNumber(r.unchanged ?? 0)}`);
  }
  if (typeof c.invalidRows === "number" && c.invalidRows > 0) parts.push(`${formatNumber(c.invalidRows)} invalid`);
  return parts.join("; ") || `${formatNumber((c.linesRead as number) ?? 0)} lines read`;
}

/** Every import and dry run: who, when, which file, what it did, how long it took. */
export function ImportHistory({ runs }: { runs: ImportRunRow[] }) {
  if (runs.length === 0) return <EmptyState title="No imports yet">Imports and dry runs from this page and from the command line appear here.</EmptyState>;
  return (
    <Table>
      <TableCaption visible>Import history (+ created, ~ updated, = unchanged)</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>Who</TableHead>
          <TableHead>What</TableHead>
          <TableHead>File</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Counts</TableHead>
          <TableHead align="right">Duration</TableHead>
          <TableHead>Report</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {runs.map((r) => (
          <TableRow key={r.id}>
            <TableCell>{formatDate(r.startedAt)}</TableCell>
            <TableCell>{r.user ?? (r.source === "cli" ? "command line" : "—")}</TableCell>
            <TableCell>
              {r.kind}
              {r.dryRun ? " (dry run)" : ""}
            </TableCell>
            <TableCell wrap>{r.fileName}</TableCell>
            <TableCell>
              <Badge tone={TONE[r.status] ?? "neutral"}>{r.status.toLowerCase()}</Badge>
            </TableCell>
            <TableCell wrap>{r.error && r.status !== "INVALID" ? r.error : countsText(r.counts)}</TableCell>
            <TableCell align="right">{r.durationMs == null ? "—" : `${(r.durationMs / 1000).toFixed(1)} s`}</TableCell>
            <TableCell>
              {r.hasReport ? (
                <a className="text-brand-700 underline underline-offset-2 dark:text-brand-300" href={`/api/admin/import/runs/${r.id}/report`} download>
                  CSV<span className="sr-only"> error report of {r.fileName}</span>
                </a>
              ) : (
                "—"
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

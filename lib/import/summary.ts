/** The text summary of an import, as the command line prints it. */
import type { ImportResult, RecordCounts } from "./types";

const n = (v: number) => v.toLocaleString("en-US");
const rc = (c: RecordCounts) => `${n(c.created)} created, ${n(c.updated)} updated, ${n(c.unchanged)} unchanged`;

export const SKIP_LABELS: Record<string, string> = {
  guest: "guest lines (no customer id)",
  "non-product": "non-product lines (postage, fees, adjustments)",
  "zero-price": "zero or negative prices",
  "zero-quantity": "zero quantities",
  "cancellation-unmatched": "cancellations without a matching purchase",
  duplicate: "rows repeated later in the file",
};

export function formatSummary(r: ImportResult): string {
  const c = r.counts;
  const lines: string[] = [];
  const verb = r.dryRun || r.status === "INVALID" ? "would be" : "";
  lines.push(`${r.kind} import ${r.runId}: ${r.status === "INVALID" ? "INVALID, nothing written" : r.dryRun ? "dry run, nothing written" : r.wrote ? "committed" : "nothing to change"} (${(r.durationMs / 1000).toFixed(1)} s)`);
  lines.push(`  lines read              ${n(c.linesRead)} (valid ${n(c.validRows)}, invalid ${n(c.invalidRows)})`);
  if (r.kind !== "accounts") lines.push(`  products ${verb ? "(" + verb + ")" : ""}`.padEnd(26) + rc(c.products));
  if (r.kind !== "products") lines.push(`  accounts ${verb ? "(" + verb + ")" : ""}`.padEnd(26) + rc(c.accounts));
  if (c.orders) lines.push(`  orders`.padEnd(26) + rc(c.orders));
  if (c.orderLines) lines.push(`  order lines`.padEnd(26) + `${rc(c.orderLines)}; ${n(c.orderLines.merged)} repeated lines merged into one`);
  if (c.returns) {
    lines.push(`  cancellations`.padEnd(26) + `${n(c.returns.booked)} booked as returns, ${n(c.returns.unchanged)} already booked, ${n(c.returns.unmatchedLines)} without a matching purchase (${n(c.returns.unmatchedQuantity)} units)`);
  }
  for (const [kind, count] of Object.entries(c.skipped)) lines.push(`  skipped: ${SKIP_LABELS[kind] ?? kind}`.padEnd(26) + ` ${n(count)}`);
  if (c.nonProductCodes && Object.keys(c.nonProductCodes).length) {
    const codes = Object.entries(c.nonProductCodes).sort((a, b) => b[1] - a[1]);
    lines.push(`  non-product codes       ${codes.slice(0, 12).map(([k, v]) => `${k} ${n(v)}`).join(", ")}${codes.length > 12 ? `, ... (${codes.length} codes)` : ""}`);
  }
  for (const note of r.notes) lines.push(`  note: ${note}`);
  lines.push(`  timings                 ${Object.entries(r.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(", ")}`);
  return lines.join("\n");
}

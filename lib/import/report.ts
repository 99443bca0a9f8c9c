/** The error report: one CSV row per invalid or specially treated input row, errors first. */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { RowIssue } from "./types";

const FORMULA = /^(?:[=+@\t]|-(?!\d))/;
const cell = (s: string) => (/[",\n\r]/.test(s) || FORMULA.test(s) ? `"${(FORMULA.test(s) ? "'" : "") + s.replace(/"/g, '""')}"` : s);

export const REPORT_HEADER = "line,column,value,treatment,message";

export function sortIssues(issues: RowIssue[]): RowIssue[] {
  return issues.sort((a, b) => (a.kind === "error" ? 0 : 1) - (b.kind === "error" ? 0 : 1) || a.line - b.line);
}

export function issueCsvLine(i: RowIssue): string {
  // Leading =, +, @ and - (not a negative number) are quoted with an apostrophe so a spreadsheet never runs a value as a formula.
  return [String(i.line), cell(i.column), cell(i.value), i.kind, cell(i.message)].join(",");
}

export async function writeErrorReport(path: string, issues: readonly RowIssue[]): Promise<void> {
  const out = createWriteStream(path);
  let buf = REPORT_HEADER + "\n";
  for (const i of issues) {
    buf += issueCsvLine(i) + "\n";
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, "drain");
      buf = "";
    }
  }
  out.end(buf);
  await once(out, "finish");
}

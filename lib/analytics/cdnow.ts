/** Loader for the CDNOW transaction files (whitespace-separated; see shared/datasets/README.md). */
import { readFileSync } from "node:fs";
import { LineTableBuilder, type LineTable } from "./line-table";

/**
 * CDNOW_sample.txt columns: master id, sample id, YYYYMMDD, number of CDs, dollar value.
 * CDNOW_master.txt (one header line): id, YYYYMMDD, number of CDs, dollar value.
 * Each row becomes one line of quantity 1 priced at its dollar value, keyed by the sample id when present.
 */
export function parseCdnow(text: string): LineTable {
  const b = new LineTableBuilder(8192);
  const lines = text.split("\n");
  lines.forEach((raw, n) => {
    const f = raw.trim().split(/\s+/);
    if (f.length < 4 || !/^\d{8}$/.test(f[f.length - 3])) return; // header or blank
    const ymd = f[f.length - 3];
    const t = Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8));
    const dollars = Number(f[f.length - 1]);
    if (!Number.isFinite(dollars)) throw new RangeError(`CDNOW line ${n + 1}: bad dollar value`);
    const id = f.length >= 5 ? String(Number(f[1])) : String(Number(f[0]));
    b.push(`${id}-${ymd}-${n}`, id, t, "cd", 1, dollars);
  });
  return b.build();
}

export function loadCdnow(path: string): LineTable {
  return parseCdnow(readFileSync(path, "utf8"));
}

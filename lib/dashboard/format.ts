// Display formats of the dashboard's figures (server and client alike).
import { formatMoney, formatMoneyExact, formatNumber } from "@/lib/format";
import type { Tile } from "./sections";

export const pct = (v: number | null | undefined, digits = 1) => (v == null ? "—" : `${(v * 100).toFixed(digits)}%`);
/** A difference of two rates in percentage points. */
export const pts = (v: number | null | undefined, digits = 1) => (v == null ? "—" : `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(digits)} pts`);
export const signedPct = (v: number | null | undefined) => (v == null ? "—" : `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(1)}%`);

export function formatTile(t: Pick<Tile, "format">, v: number | null): string {
  switch (t.format) {
    case "money": return v !== null && Math.abs(v) < 1000 ? formatMoneyExact(v) : formatMoney(v);
    case "percent": return pct(v);
    case "number": return formatNumber(v);
    case "decimal": return v == null ? "—" : v.toFixed(2);
    case "ratio": return v == null ? "—" : `${v >= 0 ? "" : "−"}${Math.abs(v * 100).toFixed(0)}%`;
  }
}

/** Human sentences for recommendation reasons; the numbers are also kept as fields. */
import type { EvidenceKind, Reason } from "./recommend-types";

const pct = (x: number) => `${Math.round(x * 100)}%`;
// A P(buy) is written exactly as the app shows the stored probability (lib/format.ts formatPercent),
// so the chance in the sentence and the number beside it are the same figure.
const chanceFormat = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
export const formatChance = (x: number) => chanceFormat.format(x);
const ago = (d: number) => (d === 1 ? "1 day ago" : `${d} days ago`);
const fixed1 = (x: number | null) => (x === null || !Number.isFinite(x) ? "n/a" : x.toFixed(1));

export function emptyReason(kind: EvidenceKind): Reason {
  return {
    kind, sourceProductId: null, daysSinceSource: null, confidence: null, lift: null, customers: null, orders: null,
    windowDays: null, medianLagDays: null, similarity: null, pairType: null, text: "",
  };
}

/** Fills `text` from the numeric fields; `names` maps product ids to display names. */
export function describeReason(r: Reason, target: string, name: (id: string) => string = (id) => id): Reason {
  const a = r.sourceProductId ? name(r.sourceProductId) : "";
  const b = name(target);
  const head = r.sourceProductId && r.daysSinceSource !== null ? `bought ${a} ${ago(r.daysSinceSource)}; ` : "";
  let text: string;
  switch (r.kind) {
    case "sequence":
      text = `${head}${pct(r.confidence!)} of ${a} buyers bought ${b} within ${r.windowDays} days (lift ${fixed1(r.lift)}, ${r.customers} customers)`;
      break;
    case "basket":
      text = `${head}${pct(r.confidence!)} of orders with ${a} also held ${b} (lift ${fixed1(r.lift)}, ${r.orders} orders)`;
      break;
    case "similar":
      text = `${head}${r.customers} customers bought both ${a} and ${b} (similarity ${r.similarity!.toFixed(2)})`;
      break;
    case "curated":
      text = `${head}curated ${r.pairType ?? "cross-sell"} pair ${a} -> ${b}${r.confidence !== null ? ` (estimated ${formatChance(r.confidence)} chance)` : ""}`;
      break;
    case "popular":
      text = `popular now: ${r.customers} customers bought ${b} for the first time in the last ${r.windowDays} days (${pct(r.confidence!)} of active customers)`;
      break;
  }
  return { ...r, text };
}

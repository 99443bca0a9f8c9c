/**
 * Checks that every number in an opportunity's reason sentence is the stored field it describes:
 * days since the source purchase, shares, lifts, counts, window, similarity, and for a curated pair
 * the stated chance = the stored P(buy) as the app formats it. Used by the scoring-run test and by
 * `scripts/offer-audit.ts`. Returns the mismatches (empty when the sentence is true to its fields).
 */
import { formatPercent } from "@/lib/format";

export interface StoredOpportunity {
  probability: number;
  reason: Record<string, unknown>;
  reasonText: string;
}

const pct = (x: unknown) => `${Math.round(Number(x) * 100)}`;
const lift = (x: unknown) => (x === null || x === undefined || !Number.isFinite(Number(x)) ? "n/a" : Number(x).toFixed(1));

export function reasonMismatches(o: StoredOpportunity, productName: (id: string) => string): string[] {
  const r = o.reason;
  const out: string[] = [];
  const eq = (what: string, stated: string | undefined, stored: string) => {
    if (stated !== stored) out.push(`${what}: text says ${JSON.stringify(stated)}, field is ${JSON.stringify(stored)}`);
  };
  // Product names are replaced by markers first (longer names first, since one can contain another).
  const names = [r.sourceProductId, r.targetProductId]
    .filter((x): x is string => typeof x === "string")
    .map((id, i) => ({ name: productName(id), mark: i === 0 && r.sourceProductId ? "«A»" : "«B»" }));
  if (!r.sourceProductId) names.forEach((n) => (n.mark = "«B»"));
  let text = o.reasonText;
  for (const n of [...names].sort((x, y) => y.name.length - x.name.length)) text = text.split(n.name).join(n.mark);
  const head = /^bought «A» (\d+) days? ago; (.*)$/.exec(text);
  let rest = text;
  if (r.sourceProductId) {
    if (!head) return [`no "bought <source> N days ago" head in ${JSON.stringify(o.reasonText)}`];
    eq("days since source", head[1], String(r.daysSinceSource));
    rest = head[2];
  }
  const match = (re: RegExp) => re.exec(rest) ?? (out.push(`${r.kind} sentence not recognised: ${JSON.stringify(o.reasonText)}`), null);
  switch (r.kind) {
    case "sequence": {
      const m = match(/^(\d+)% of «A» buyers bought «B» within (\d+) days \(lift ([\d.]+|n\/a), (\d+) customers\)$/);
      if (m) {
        eq("share", m[1], pct(r.confidence));
        eq("window", m[2], String(r.windowDays));
        eq("lift", m[3], lift(r.lift));
        eq("customers", m[4], String(r.customers));
      }
      break;
    }
    case "basket": {
      const m = match(/^(\d+)% of orders with «A» also held «B» \(lift ([\d.]+|n\/a), (\d+) orders\)$/);
      if (m) {
        eq("share", m[1], pct(r.confidence));
        eq("lift", m[2], lift(r.lift));
        eq("orders", m[3], String(r.orders));
      }
      break;
    }
    case "similar": {
      const m = match(/^(\d+) customers bought both «A» and «B» \(similarity ([\d.]+)\)$/);
      if (m) {
        eq("customers", m[1], String(r.customers));
        eq("similarity", m[2], Number(r.similarity).toFixed(2));
      }
      break;
    }
    case "curated": {
      const m = match(/^curated \S+ pair «A» -> «B» \(estimated ([\d.]+%) chance\)$/);
      if (m) {
        eq("stated chance vs stored P(buy)", m[1], formatPercent(o.probability));
        if (r.confidence !== o.probability) out.push(`curated confidence ${r.confidence} is not the stored probability ${o.probability}`);
      }
      break;
    }
    case "popular": {
      const m = match(/^popular now: (\d+) customers bought «B» for the first time in the last (\d+) days \((\d+)% of active customers\)$/);
      if (m) {
        eq("customers", m[1], String(r.customers));
        eq("window", m[2], String(r.windowDays));
        eq("share", m[3], pct(r.confidence));
      }
      break;
    }
    default:
      out.push(`unknown reason kind ${String(r.kind)}`);
  }
  if (r.probability !== undefined && r.probability !== o.probability) out.push(`reason.probability ${r.probability} is not the stored probability ${o.probability}`);
  return out;
}

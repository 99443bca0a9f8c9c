/**
 * Frequent itemsets by Eclat (depth-first intersection of sorted transaction-id lists). It is as fast
 * as FP-Growth at the supports a CRM mines at, and its memory is bounded by the tid-lists of one
 * branch (at most the number of basket items per level), independent of the number of pairs.
 */
import { basketCount, type Baskets } from "./baskets";

export interface FrequentItemsets {
  /** Sorted item indexes joined with "," -> number of baskets holding all of them. */
  counts: Map<string, number>;
  /** Item index arrays (sorted ascending), in discovery order. */
  itemsets: Int32Array[];
  nBaskets: number;
}

export interface ItemsetOptions {
  /** Fraction of baskets, 0 < minSupport <= 1. */
  minSupport: number;
  /** Largest itemset size; default unlimited. */
  maxLength?: number;
}

export function itemsetKey(items: ArrayLike<number>): string {
  let s = "";
  for (let k = 0; k < items.length; k++) s += k === 0 ? `${items[k]}` : `,${items[k]}`;
  return s;
}

function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}

interface Node {
  item: number;
  tids: Int32Array;
}

export function mineFrequentItemsets(baskets: Baskets, options: ItemsetOptions): FrequentItemsets {
  const nBaskets = basketCount(baskets);
  const maxLength = options.maxLength ?? Infinity;
  if (!(options.minSupport > 0 && options.minSupport <= 1)) throw new RangeError("minSupport must be in (0, 1]");
  // A tiny epsilon keeps 0.6 * 5 baskets = 3 from being rounded to 3.0000000000000004.
  const minCount = Math.max(1, Math.ceil(options.minSupport * nBaskets - 1e-9));
  const counts = new Map<string, number>();
  const itemsets: Int32Array[] = [];

  const support = new Int32Array(baskets.nItems);
  for (let k = 0; k < baskets.items.length; k++) support[baskets.items[k]]++;
  const frequent: number[] = [];
  for (let i = 0; i < baskets.nItems; i++) if (support[i] >= minCount) frequent.push(i);
  // Rarest first keeps the intersected lists short.
  frequent.sort((x, y) => support[x] - support[y] || x - y);
  const tidLists = new Map<number, { tids: Int32Array; n: number }>();
  for (const i of frequent) tidLists.set(i, { tids: new Int32Array(support[i]), n: 0 });
  for (let b = 0; b < nBaskets; b++) {
    for (let k = baskets.start[b]; k < baskets.start[b + 1]; k++) {
      const e = tidLists.get(baskets.items[k]);
      if (e) e.tids[e.n++] = b;
    }
  }
  const roots: Node[] = frequent.map((item) => ({ item, tids: tidLists.get(item)!.tids }));

  const prefix: number[] = [];
  const visit = (nodes: Node[]) => {
    for (let x = 0; x < nodes.length; x++) {
      const node = nodes[x];
      prefix.push(node.item);
      const sorted = Int32Array.from(prefix).sort();
      counts.set(itemsetKey(sorted), node.tids.length);
      itemsets.push(sorted);
      if (prefix.length < maxLength) {
        const next: Node[] = [];
        for (let y = x + 1; y < nodes.length; y++) {
          const tids = intersect(node.tids, nodes[y].tids);
          if (tids.length >= minCount) next.push({ item: nodes[y].item, tids });
        }
        if (next.length) visit(next);
      }
      prefix.pop();
    }
  };
  visit(roots);
  return { counts, itemsets, nBaskets };
}

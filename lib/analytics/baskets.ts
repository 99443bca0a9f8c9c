/** Order baskets as a compressed sparse row structure: the distinct products of each order. */
import type { LineTable } from "./line-table";

export interface Baskets {
  /** Items of basket b are items[start[b] .. start[b + 1]), sorted ascending, distinct. */
  start: Int32Array;
  items: Int32Array;
  nItems: number;
  itemIds: string[];
}

/** Builds baskets from lines with a positive quantity (returns are not basket items). Orders that
 * hold only returns are left out, so supports are fractions of real purchase orders. */
export function basketsFromLines(t: LineTable): Baskets {
  const nOrders = t.orderIds.length;
  const counts = new Int32Array(nOrders + 1);
  for (let i = 0; i < t.length; i++) if (t.quantity[i] > 0) counts[t.orderIdx[i] + 1]++;
  for (let o = 0; o < nOrders; o++) counts[o + 1] += counts[o];
  const fill = counts.slice(0, nOrders);
  const raw = new Int32Array(counts[nOrders]);
  for (let i = 0; i < t.length; i++) if (t.quantity[i] > 0) raw[fill[t.orderIdx[i]]++] = t.productIdx[i];
  const start: number[] = [0];
  const items = new Int32Array(raw.length);
  let n = 0;
  for (let o = 0; o < nOrders; o++) {
    const seg = raw.subarray(counts[o], counts[o + 1]).sort();
    if (seg.length === 0) continue;
    for (let k = 0; k < seg.length; k++) if (k === 0 || seg[k] !== seg[k - 1]) items[n++] = seg[k];
    start.push(n);
  }
  return { start: Int32Array.from(start), items: items.slice(0, n), nItems: t.productIds.length, itemIds: t.productIds };
}

/** Builds baskets from lists of item labels (one list per basket); duplicates inside a basket count once. */
export function basketsFromLists(lists: readonly (readonly string[])[]): Baskets {
  const index = new Map<string, number>();
  const itemIds: string[] = [];
  const start = new Int32Array(lists.length + 1);
  const out: number[] = [];
  lists.forEach((list, b) => {
    const set = new Set<number>();
    for (const label of list) {
      let i = index.get(label);
      if (i === undefined) {
        i = itemIds.length;
        index.set(label, i);
        itemIds.push(label);
      }
      set.add(i);
    }
    out.push(...[...set].sort((x, y) => x - y));
    start[b + 1] = out.length;
  });
  return { start, items: Int32Array.from(out), nItems: itemIds.length, itemIds };
}

export function basketCount(b: Baskets): number {
  return b.start.length - 1;
}

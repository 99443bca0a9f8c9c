// Walks a table's rows in chunks, whether they are an array or made on demand (RowSource).
import type { Rows, RowSource } from "./types";

/** The rows in chunks of `size` (the last may be shorter), whichever form they come in. */
export function* chunksOf<T>(rows: Rows<T>, size: number): Generator<readonly T[]> {
  if (!Array.isArray(rows)) {
    yield* (rows as RowSource<T>).chunks(size);
    return;
  }
  const list = rows as readonly T[];
  if (list.length <= size) {
    if (list.length > 0) yield list;
    return;
  }
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

/** The first row, without making the others. */
export function firstRow<T>(rows: Rows<T>): T | undefined {
  for (const chunk of chunksOf(rows, 1)) return chunk[0];
  return undefined;
}

/** All rows as one array (tests and small data sets). */
export function materialize<T>(rows: Rows<T>): T[] {
  if (Array.isArray(rows)) return rows as T[];
  const out: T[] = new Array(rows.length);
  let i = 0;
  for (const chunk of (rows as RowSource<T>).chunks(65_536)) for (const row of chunk) out[i++] = row;
  return out;
}

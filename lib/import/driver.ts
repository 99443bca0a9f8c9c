/**
 * The import's seam to a database: a few raw operations with one implementation per provider
 * (sqlite-driver.ts: better-sqlite3 prepared statements; postgres-driver.ts: node-postgres with COPY).
 * SQL passed in is portable, with `?` placeholders; values are plain JS (dates as epoch milliseconds
 * in columns declared "ts"), converted to each database's storage format by the driver.
 */
import { databaseProvider, sqliteFilePath } from "@/lib/db-url";

export type ColumnKind = "text" | "int" | "bool" | "ts" | "json" | `enum:${string}`;
export type ColumnSpec = readonly [name: string, kind: ColumnKind];
export type Value = string | number | boolean | null | Record<string, unknown>;

export interface ImportDriver {
  readonly provider: "sqlite" | "postgresql";
  /** Rows of a SELECT; booleans, dates and JSON come back raw (see readBool, readMs, readJson). */
  all<T = Record<string, unknown>>(sql: string, params?: Value[]): Promise<T[]>;
  /** Rows changed. */
  run(sql: string, params?: Value[]): Promise<number>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Bulk insert of rows given as arrays in `columns` order. */
  insertMany(table: string, columns: readonly ColumnSpec[], rows: readonly Value[][]): Promise<void>;
  /** Bulk update by "id": the first column must be ["id", "text"]. */
  updateMany(table: string, columns: readonly ColumnSpec[], rows: readonly Value[][]): Promise<void>;
  close(): Promise<void>;
}

export async function openImportDriver(url: string): Promise<ImportDriver> {
  if (databaseProvider(url) === "sqlite") {
    const { SqliteImportDriver } = await import("./sqlite-driver");
    return SqliteImportDriver.open(sqliteFilePath(url)!);
  }
  const { PostgresImportDriver } = await import("./postgres-driver");
  return PostgresImportDriver.open(url);
}

export const readBool = (v: unknown) => v === true || v === 1 || v === "1" || v === "t" || v === "true";

/** SQLite keeps Prisma's ISO text ("...+00:00"); PostgreSQL's TIMESTAMP(3) comes back as text without a zone (UTC). */
export function readMs(v: unknown): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === "number") return v;
  if (v instanceof Date) return v.getTime();
  const s = String(v).replace(" ", "T");
  return Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(s) ? s : `${s}Z`);
}

export function readJson(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** Splits a list for IN (...) lists and arrays of bounded size. */
export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Low-level PostgreSQL helpers for the scoring store, on `pg` directly: a pool whose sessions read
 * TIMESTAMP(3) as UTC (how Prisma stores DateTime), value formats for COPY's text format, and bulk
 * writes with COPY FROM STDIN (pg-copy-streams), one COPY per call. Text never carries NUL characters:
 * PostgreSQL refuses them in TEXT and as \u0000 in JSONB.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

/** TIMESTAMP (without time zone) holds UTC: parse it as UTC whatever the process's time zone is. */
export function parseUtcTimestamp(text: string): Date {
  return new Date(`${text.replace(" ", "T")}Z`);
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === TIMESTAMP_OID) return parseUtcTimestamp;
    if (oid === INT8_OID) return (s: string) => Number(s);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig["getTypeParser"],
};

export function openPool(url: string, max = 4): PgPool {
  // Session settings as startup options: ISO output so timestamps read through COPY parse the same
  // way; no synchronised scans, so a sequential scan returns the lines in heap order even while
  // another scan of the table runs; no JIT (it spent 0.45 s compiling the expiry update, which it
  // cannot speed up: the time goes into writing rows and index entries).
  const pool = new pg.Pool({
    connectionString: url, max, types, application_name: "pairwise-scoring",
    options: "-c datestyle=ISO,YMD -c synchronize_seqscans=off -c jit=off",
  });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on("error", () => {});
  return pool;
}

/** DateTime as a UTC literal; PostgreSQL ignores the offset when the column is TIMESTAMP without time zone. */
export function pgDate(date: Date | number): string {
  return new Date(date).toISOString();
}

const NUL = /\0/g;
/** Drops NUL characters, which PostgreSQL cannot store in text. */
export function pgText(s: string): string {
  return s.includes("\0") ? s.replace(NUL, "") : s;
}

// A \u0000 escape not preceded by an escaped backslash.
const JSON_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;
/** JSON text for a JSONB column: JSONB refuses \u0000, so NULs in strings are dropped. */
export function pgJson(value: unknown): string {
  const s = JSON.stringify(value ?? null);
  return s.includes("\\u0000") ? s.replace(JSON_NUL, "$1") : s;
}

const COPY_SPECIAL = /[\\\t\n\r\0]/;
const COPY_ESCAPES = /[\\\t\n\r\0]/g;
const escapeChar = (c: string) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "");

/** One value in COPY's text format: \N for NULL, t/f, numbers as JavaScript prints them (round-trip exact). */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
  if (typeof v === "boolean") return v ? "t" : "f";
  const s = typeof v === "string" ? v : String(v);
  return COPY_SPECIAL.test(s) ? s.replace(COPY_ESCAPES, escapeChar) : s;
}

/** Reverses COPY's text-format escapes of one field (only called when the field holds a backslash). */
export function unescapeCopy(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => (c === "t" ? "\t" : c === "n" ? "\n" : c === "r" ? "\r" : c === "b" ? "\b" : c === "f" ? "\f" : c === "v" ? "\v" : c));
}

const CHUNK_CHARS = 1 << 18;

/**
 * Writes rows with one COPY ... FROM STDIN. `values` returns one row's values in column order (text,
 * numbers, booleans, null; JSON already serialised with pgJson). Enum and JSONB columns take their text.
 */
export async function copyRows<T>(client: PgClient, table: string, columns: readonly string[], rows: readonly T[], values: (row: T) => unknown[]): Promise<number> {
  if (rows.length === 0) return 0;
  function* chunks(): Generator<string> {
    let buf = "";
    for (const row of rows) {
      const vs = values(row);
      let line = copyValue(vs[0]);
      for (let i = 1; i < vs.length; i++) line += "\t" + copyValue(vs[i]);
      buf += line + "\n";
      if (buf.length >= CHUNK_CHARS) {
        yield buf;
        buf = "";
      }
    }
    if (buf) yield buf;
  }
  const stream = client.query(copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`));
  await pipeline(Readable.from(chunks(), { objectMode: false }), stream);
  return rows.length;
}

/** Runs `fn` in a transaction on one pooled connection; rolls back on any error. */
export async function inTransaction<T>(pool: PgPool, fn: (client: PgClient) => Promise<T>, begin = "BEGIN"): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    try {
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  } finally {
    client.release();
  }
}

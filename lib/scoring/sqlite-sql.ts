/**
 * Low-level SQLite helpers for the scoring store: value formats that @prisma/adapter-better-sqlite3
 * reads back unchanged (DateTime as ISO text with "+00:00", booleans 0/1, JSON as text), and
 * multi-row inserts (one native call per 100 rows instead of per row).
 */
import Database from "better-sqlite3";

export type Db = Database.Database;

/** DateTime as the Prisma SQLite adapter stores it. */
export function sqliteDate(date: Date | number): string {
  return new Date(date).toISOString().replace("Z", "+00:00");
}

export const bool = (b: boolean) => (b ? 1 : 0);

export function openSqlite(file: string, options: { readonly?: boolean } = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: true });
  db.pragma("busy_timeout = 10000");
  if (options.readonly) return db;
  // WAL lets the app keep reading the active run while this process writes the next one.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("cache_size = -131072");
  db.pragma("temp_store = MEMORY");
  return db;
}

const BATCH = 100;

function insertSql(table: string, columns: readonly string[], rows: number): string {
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${new Array(rows).fill(tuple).join(", ")}`;
}

/**
 * Inserts rows in one transaction with multi-row statements. `fill` writes one row's values into the
 * shared argument array at the given offset.
 */
export function bulkInsert<T>(db: Db, table: string, columns: readonly string[], rows: readonly T[], fill: (args: unknown[], at: number, row: T) => void): void {
  if (rows.length === 0) return;
  const width = columns.length;
  db.transaction(() => {
    let i = 0;
    if (rows.length >= BATCH) {
      const many = db.prepare(insertSql(table, columns, BATCH));
      const args: unknown[] = new Array(width * BATCH);
      for (; i + BATCH <= rows.length; i += BATCH) {
        for (let j = 0; j < BATCH; j++) fill(args, j * width, rows[i + j]);
        many.run(args);
      }
    }
    if (i < rows.length) {
      const rest = rows.length - i;
      const stmt = db.prepare(insertSql(table, columns, rest));
      const args: unknown[] = new Array(width * rest);
      for (let j = 0; j < rest; j++) fill(args, j * width, rows[i + j]);
      stmt.run(args);
    }
  })();
}

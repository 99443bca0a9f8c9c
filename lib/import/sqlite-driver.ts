// The import's SQLite driver: one better-sqlite3 connection, multi-row prepared INSERTs (far fewer
// JS-to-native calls than one per row) and one prepared UPDATE per row, with values in the formats
// @prisma/adapter-better-sqlite3 writes, so Prisma reads them back unchanged.
import fs from "node:fs";
import Database from "better-sqlite3";
import type { ColumnSpec, ImportDriver, Value } from "./driver";

const BATCH = 100;

const sqliteDate = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

function convert(v: Value, kind: ColumnSpec[1]): unknown {
  if (v === null || v === undefined) return null;
  if (kind === "bool") return v ? 1 : 0;
  if (kind === "ts") return sqliteDate(v as number);
  if (kind === "json") return JSON.stringify(v);
  return v;
}

const param = (v: Value) => (typeof v === "boolean" ? (v ? 1 : 0) : v !== null && typeof v === "object" ? JSON.stringify(v) : v);

export class SqliteImportDriver implements ImportDriver {
  readonly provider = "sqlite";
  private constructor(private readonly db: Database.Database) {}

  static async open(file: string): Promise<SqliteImportDriver> {
    if (!fs.existsSync(file)) throw new Error(`database file ${file} does not exist: run npm run db:migrate first`);
    const db = new Database(file);
    db.pragma("busy_timeout = 10000");
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("cache_size = -65536");
    db.pragma("temp_store = MEMORY");
    return new SqliteImportDriver(db);
  }

  async all<T>(sql: string, params: Value[] = []): Promise<T[]> {
    return this.db.prepare(sql).all(...params.map(param)) as T[];
  }

  async run(sql: string, params: Value[] = []): Promise<number> {
    return this.db.prepare(sql).run(...params.map(param)).changes;
  }

  async begin() {
    // IMMEDIATE takes the write lock now, so a concurrent writer waits rather than failing mid-way.
    this.db.exec("BEGIN IMMEDIATE");
  }
  async commit() {
    this.db.exec("COMMIT");
  }
  async rollback() {
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
  }

  async insertMany(table: string, columns: readonly ColumnSpec[], rows: readonly Value[][]): Promise<void> {
    if (rows.length === 0) return;
    const width = columns.length;
    const cols = columns.map((c) => `"${c[0]}"`).join(", ");
    const tuple = `(${columns.map(() => "?").join(", ")})`;
    const stmt = (n: number) => this.db.prepare(`INSERT INTO "${table}" (${cols}) VALUES ${new Array(n).fill(tuple).join(", ")}`);
    const many = rows.length >= BATCH ? stmt(BATCH) : null;
    const args: unknown[] = new Array(width * BATCH);
    let i = 0;
    for (; many && i + BATCH <= rows.length; i += BATCH) {
      for (let j = 0; j < BATCH; j++) {
        const row = rows[i + j];
        for (let c = 0; c < width; c++) args[j * width + c] = convert(row[c], columns[c][1]);
      }
      many.run(args);
    }
    if (i < rows.length) {
      const rest = rows.slice(i);
      const last = stmt(rest.length);
      last.run(rest.flatMap((row) => row.map((v, c) => convert(v, columns[c][1]))));
    }
  }

  async updateMany(table: string, columns: readonly ColumnSpec[], rows: readonly Value[][]): Promise<void> {
    if (rows.length === 0) return;
    const set = columns.slice(1).map((c) => `"${c[0]}" = ?`).join(", ");
    const stmt = this.db.prepare(`UPDATE "${table}" SET ${set} WHERE "id" = ?`);
    for (const row of rows) {
      const values = row.slice(1).map((v, c) => convert(v, columns[c + 1][1]));
      stmt.run(...values, row[0]);
    }
  }

  async close() {
    if (this.db.open) this.db.close();
  }
}

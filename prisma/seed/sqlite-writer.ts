// Seed writer for SQLite: prepared statements inside one transaction, secondary indexes of the big
// tables dropped during the load and rebuilt afterwards (much faster than maintaining them per row).
// Values use the formats @prisma/adapter-better-sqlite3 writes, so Prisma reads them back unchanged.
import fs from "node:fs";
import Database from "better-sqlite3";
import { GENESIS_HASH } from "../../lib/audit/chain";
import { DATA_TABLES, MigrationsMissingError, SEEDED_TABLES, type PhaseReporter, type SeededTable, type SeedWriter } from "./seed-writer";
import { chunksOf } from "./row-source";
import type { Rows, SeedTables } from "./types";

export type SqliteDatabase = Database.Database;

/**
 * Indexes rebuilt after the load instead of maintained per row, because their keys arrive in random
 * order. Keys that arrive in ascending order are cheaper to maintain: ids, order numbers, the dates
 * of chronological orders, the all-NULL opportunityId, and (accountId, orderedAt) of lines, which the
 * generator emits grouped by account and by date.
 */
const DEFERRED_INDEXES = [
  "Account_ownerId_searchName_idx", "Account_searchName_idx", "Account_ownerId_lastOrderAt_idx", "Account_region_idx",
  "Account_teamId_searchName_idx", "Account_teamId_revenueCents_idx", "Account_teamId_lastOrderAt_idx", "Account_teamId_orderCount_idx",
  "Account_teamId_clv_idx", "Account_revenueCents_idx",
  "Order_accountId_orderedAt_idx", "OrderLine_orderId_idx", "OrderLine_productId_orderedAt_idx",
];
const BATCH = 100;
/** Rows made at a time from a RowSource (a multiple of BATCH). */
const CHUNK_ROWS = 100 * BATCH;

/** DateTime as the Prisma SQLite adapter stores it. */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

const dt = (d: Date | null) => (d === null ? null : sqliteDate(d));
const bool = (b: boolean) => (b ? 1 : 0);

export function openDatabase(file: string): SqliteDatabase {
  const db = new Database(file);
  db.pragma("busy_timeout = 10000");
  return db;
}

export function missingTables(db: SqliteDatabase): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  const present = new Set(rows.map((r) => r.name));
  return DATA_TABLES.filter((t) => !present.has(t));
}

export function countUsers(db: SqliteDatabase): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM "User"').get() as { n: number }).n;
}

/**
 * Deletes every row of the data tables (not _prisma_migrations), then compacts the file: loading
 * into the freed pages of a previous 2M-line data set is about twice as slow as into a fresh file.
 * VACUUM needs the database to itself; when another process has it open, it is skipped.
 */
export function clearData(db: SqliteDatabase): void {
  db.pragma("foreign_keys = OFF");
  try {
    db.transaction(() => {
      for (const table of [...DATA_TABLES].reverse()) db.prepare(`DELETE FROM "${table}"`).run();
      // The audit log starts over, so its hash chain does too (sequence 0, the genesis hash).
      db.prepare(`UPDATE "AuditHead" SET "seq" = 0, "hash" = ? WHERE "id" = 1`).run(GENESIS_HASH);
      db.prepare(`DELETE FROM "LoginFailure"`).run();
    })();
  } finally {
    db.pragma("foreign_keys = ON");
  }
  const timeout = db.pragma("busy_timeout", { simple: true });
  db.pragma("busy_timeout = 0");
  try {
    db.exec("VACUUM");
  } catch {
    // Busy: load into the freed pages instead, slower but correct.
  } finally {
    db.pragma(`busy_timeout = ${Number(timeout)}`);
  }
}

function insert(db: SqliteDatabase, table: string, columns: string[], rows = 1) {
  const cols = columns.map((c) => `"${c}"`).join(", ");
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  return db.prepare(`INSERT INTO "${table}" (${cols}) VALUES ${new Array(rows).fill(tuple).join(", ")}`);
}

/**
 * Inserts many rows with one multi-row statement per BATCH rows: far fewer JS-to-native calls.
 * `fill` writes one row's values into the shared argument array at the given offset.
 */
function bulkInsert<T>(db: SqliteDatabase, table: string, columns: string[], source: Rows<T>, fill: (args: unknown[], at: number, row: T) => void): void {
  const width = columns.length;
  const many = insert(db, table, columns, BATCH);
  const one = insert(db, table, columns);
  const args: unknown[] = new Array(width * BATCH);
  const single: unknown[] = new Array(width);
  // Every chunk but the last is a multiple of BATCH rows, so single-row inserts only finish the table.
  for (const rows of chunksOf(source, CHUNK_ROWS)) {
    let i = 0;
    for (; i + BATCH <= rows.length; i += BATCH) {
      for (let j = 0; j < BATCH; j++) fill(args, j * width, rows[i + j]);
      many.run(args);
    }
    for (; i < rows.length; i++) {
      fill(single, 0, rows[i]);
      one.run(single);
    }
  }
}

export function writeSeedData(db: SqliteDatabase, data: SeedTables, report: PhaseReporter = () => {}): void {
  let t = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    report(phase, now - t);
    t = now;
  };
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("cache_size = -262144");
  db.pragma("temp_store = MEMORY");
  // Lets CREATE INDEX sort with a helper thread.
  db.pragma("threads = 2");
  // The generator guarantees referential integrity (tests run PRAGMA foreign_key_check); this saves
  // three parent lookups per order line. foreign_keys cannot change inside a transaction.
  db.pragma("foreign_keys = OFF");
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND name IN (${DEFERRED_INDEXES.map(() => "?").join(", ")})`,
    )
    .all(...DEFERRED_INDEXES) as { name: string; sql: string }[];
  try {
    db.transaction(() => {
      for (const index of indexes) db.prepare(`DROP INDEX "${index.name}"`).run();
      writeRows(db, data, lap);
      for (const index of indexes) {
        db.prepare(index.sql).run();
        lap(`index ${index.name}`);
      }
    })();
    lap("commit");
  } finally {
    db.pragma("foreign_keys = ON");
  }
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("optimize");
  lap("checkpoint");
}

function writeRows(db: SqliteDatabase, data: SeedTables, lap: (phase: string) => void): void {
  const team = insert(db, "Team", ["id", "name", "createdAt"]);
  for (const t of data.teams) team.run(t.id, t.name, dt(t.createdAt));

  const user = insert(db, "User", [
    "id", "email", "name", "role", "teamId", "passwordHash", "active", "failedLoginCount", "lockedUntil", "lastLoginAt", "sessionVersion", "createdAt", "updatedAt",
  ]);
  for (const u of data.users) {
    user.run(u.id, u.email, u.name, u.role, u.teamId, u.passwordHash, bool(u.active), u.failedLoginCount, dt(u.lockedUntil), dt(u.lastLoginAt), u.sessionVersion, dt(u.createdAt), dt(u.updatedAt));
  }

  const product = insert(db, "Product", [
    "id", "sku", "name", "category", "priceCents", "unitCostCents", "active", "regulated", "description", "createdAt", "updatedAt",
  ]);
  for (const p of data.products) {
    product.run(p.id, p.sku, p.name, p.category, p.priceCents, p.unitCostCents, bool(p.active), bool(p.regulated), p.description, dt(p.createdAt), dt(p.updatedAt));
  }

  const pair = insert(db, "ProductPair", [
    "id", "sourceProductId", "targetProductId", "type", "bundleDiscountPct", "talkingPoints", "objectionHandling", "windowMinDays", "windowMaxDays",
    "eligibleSegments", "origin", "minedRuleId", "active", "suppressed", "version", "updatedById", "createdAt", "updatedAt",
  ]);
  for (const p of data.productPairs) {
    pair.run(
      p.id, p.sourceProductId, p.targetProductId, p.type, p.bundleDiscountPct, p.talkingPoints, p.objectionHandling, p.windowMinDays, p.windowMaxDays,
      JSON.stringify(p.eligibleSegments), p.origin, p.minedRuleId, bool(p.active), bool(p.suppressed), p.version, p.updatedById, dt(p.createdAt), dt(p.updatedAt),
    );
  }

  const setting = insert(db, "Setting", ["key", "value", "updatedById", "updatedAt"]);
  for (const s of data.settings) setting.run(s.key, JSON.stringify(s.value), s.updatedById, dt(s.updatedAt));

  lap("small tables");
  bulkInsert(db, "Account", [
    "id", "externalId", "name", "searchName", "kind", "ownerId", "contactName", "phone", "email", "industry", "region", "city", "doNotContact",
    "phoneConsent", "emailConsent", "orderCount", "revenueCents", "firstOrderAt", "lastOrderAt", "createdAt", "updatedAt", "teamId",
  ], data.accounts, (v, o, a) => {
    v[o] = a.id; v[o + 1] = a.externalId; v[o + 2] = a.name; v[o + 3] = a.searchName; v[o + 4] = a.kind; v[o + 5] = a.ownerId;
    v[o + 6] = a.contactName; v[o + 7] = a.phone; v[o + 8] = a.email; v[o + 9] = a.industry; v[o + 10] = a.region; v[o + 11] = a.city;
    v[o + 12] = bool(a.doNotContact); v[o + 13] = bool(a.phoneConsent); v[o + 14] = bool(a.emailConsent); v[o + 15] = a.orderCount;
    v[o + 16] = a.revenueCents; v[o + 17] = dt(a.firstOrderAt); v[o + 18] = dt(a.lastOrderAt); v[o + 19] = dt(a.createdAt); v[o + 20] = dt(a.updatedAt);
    v[o + 21] = a.teamId;
  });

  lap("accounts");
  // Lines share their order's Date object: format each timestamp once.
  let lastDate: Date | null = null;
  let lastIso = "";
  const iso = (d: Date) => {
    if (d !== lastDate) {
      lastDate = d;
      lastIso = sqliteDate(d);
    }
    return lastIso;
  };
  bulkInsert(db, "Order", ["id", "orderNumber", "accountId", "orderedAt", "channel", "totalCents"], data.orders, (v, o, r) => {
    v[o] = r.id; v[o + 1] = r.orderNumber; v[o + 2] = r.accountId; v[o + 3] = iso(r.orderedAt); v[o + 4] = r.channel; v[o + 5] = r.totalCents;
  });
  lap("orders");
  bulkInsert(db, "OrderLine", [
    "id", "orderId", "accountId", "orderedAt", "productId", "quantity", "unitPriceCents", "returnedQuantity", "opportunityId",
  ], data.orderLines, (v, o, l) => {
    v[o] = l.id; v[o + 1] = l.orderId; v[o + 2] = l.accountId; v[o + 3] = iso(l.orderedAt); v[o + 4] = l.productId;
    v[o + 5] = l.quantity; v[o + 6] = l.unitPriceCents; v[o + 7] = l.returnedQuantity; v[o + 8] = l.opportunityId;
  });
  lap("order lines");
}

export class SqliteSeedWriter implements SeedWriter {
  readonly provider = "sqlite";

  private constructor(private readonly db: SqliteDatabase) {}

  static async open(file: string): Promise<SqliteSeedWriter> {
    // Opening a missing file would create an empty database as a side effect.
    if (!fs.existsSync(file)) throw new MigrationsMissingError(`database file ${file} does not exist`);
    return new SqliteSeedWriter(openDatabase(file));
  }

  async missingTables(): Promise<string[]> {
    return missingTables(this.db);
  }

  async isEmpty(): Promise<boolean> {
    return countUsers(this.db) === 0;
  }

  async clear(): Promise<void> {
    clearData(this.db);
  }

  async write(data: SeedTables, report?: PhaseReporter): Promise<void> {
    writeSeedData(this.db, data, report);
  }

  async countRows(): Promise<Record<SeededTable, number>> {
    const tables = Object.keys(SEEDED_TABLES) as SeededTable[];
    const row = this.db.prepare(`SELECT ${tables.map((t) => `(SELECT COUNT(*) FROM "${t}") AS "${t}"`).join(", ")}`).get();
    return row as Record<SeededTable, number>;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

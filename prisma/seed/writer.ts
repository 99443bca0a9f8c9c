// Bulk writer for SQLite: prepared statements inside one transaction, secondary indexes of the big
// tables dropped during the load and rebuilt afterwards (much faster than maintaining them per row).
// Values use the formats @prisma/adapter-better-sqlite3 writes, so Prisma reads them back unchanged.
import Database from "better-sqlite3";
import type { SeedData } from "./types";

export type SqliteDatabase = Database.Database;

/** Tables in foreign-key order, parents first. */
export const DATA_TABLES = [
  "Team", "User", "Account", "Product", "Order", "OrderLine", "ProductPair", "ScoringRun", "MinedRule",
  "AccountMetrics", "Opportunity", "Activity", "Setting", "AuditLog",
] as const;

const BULK_TABLES = ["Account", "Order", "OrderLine"];

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

/** Deletes every row of the data tables (children first). Leaves _prisma_migrations alone. */
export function wipeData(db: SqliteDatabase): void {
  db.pragma("foreign_keys = OFF");
  try {
    db.transaction(() => {
      for (const table of [...DATA_TABLES].reverse()) db.prepare(`DELETE FROM "${table}"`).run();
    })();
  } finally {
    db.pragma("foreign_keys = ON");
  }
}

function insert(db: SqliteDatabase, table: string, columns: string[]) {
  const cols = columns.map((c) => `"${c}"`).join(", ");
  return db.prepare(`INSERT INTO "${table}" (${cols}) VALUES (${columns.map(() => "?").join(", ")})`);
}

export function writeSeedData(db: SqliteDatabase, data: SeedData): void {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("cache_size = -262144");
  db.pragma("temp_store = MEMORY");
  // The generator guarantees referential integrity (checked in tests); skipping the per-row lookups
  // roughly halves the load time. foreign_keys cannot change inside a transaction, so set it here.
  db.pragma("foreign_keys = OFF");
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${BULK_TABLES.map(() => "?").join(", ")})`,
    )
    .all(...BULK_TABLES) as { name: string; sql: string }[];
  try {
    db.transaction(() => {
      for (const index of indexes) db.prepare(`DROP INDEX "${index.name}"`).run();
      writeRows(db, data);
      for (const index of indexes) db.prepare(index.sql).run();
    })();
  } finally {
    db.pragma("foreign_keys = ON");
  }
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("optimize");
}

function writeRows(db: SqliteDatabase, data: SeedData): void {
  const team = insert(db, "Team", ["id", "name", "createdAt"]);
  for (const t of data.teams) team.run(t.id, t.name, dt(t.createdAt));

  const user = insert(db, "User", [
    "id", "email", "name", "role", "teamId", "passwordHash", "active", "failedLoginCount", "lockedUntil", "lastLoginAt", "createdAt", "updatedAt",
  ]);
  for (const u of data.users) {
    user.run(u.id, u.email, u.name, u.role, u.teamId, u.passwordHash, bool(u.active), u.failedLoginCount, dt(u.lockedUntil), dt(u.lastLoginAt), dt(u.createdAt), dt(u.updatedAt));
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

  const account = insert(db, "Account", [
    "id", "externalId", "name", "searchName", "kind", "ownerId", "contactName", "phone", "email", "industry", "region", "city", "doNotContact",
    "phoneConsent", "emailConsent", "orderCount", "revenueCents", "firstOrderAt", "lastOrderAt", "createdAt", "updatedAt",
  ]);
  for (const a of data.accounts) {
    account.run(
      a.id, a.externalId, a.name, a.searchName, a.kind, a.ownerId, a.contactName, a.phone, a.email, a.industry, a.region, a.city, bool(a.doNotContact),
      bool(a.phoneConsent), bool(a.emailConsent), a.orderCount, a.revenueCents, dt(a.firstOrderAt), dt(a.lastOrderAt), dt(a.createdAt), dt(a.updatedAt),
    );
  }

  const order = insert(db, "Order", ["id", "orderNumber", "accountId", "orderedAt", "channel", "totalCents"]);
  for (const o of data.orders) order.run(o.id, o.orderNumber, o.accountId, dt(o.orderedAt), o.channel, o.totalCents);

  const line = insert(db, "OrderLine", [
    "id", "orderId", "accountId", "orderedAt", "productId", "quantity", "unitPriceCents", "returnedQuantity", "opportunityId",
  ]);
  // Lines share their order's Date object: format each order's timestamp once.
  let lastDate: Date | null = null;
  let lastIso = "";
  for (const l of data.orderLines) {
    if (l.orderedAt !== lastDate) {
      lastDate = l.orderedAt;
      lastIso = sqliteDate(l.orderedAt);
    }
    line.run(l.id, l.orderId, l.accountId, lastIso, l.productId, l.quantity, l.unitPriceCents, l.returnedQuantity, l.opportunityId);
  }
}

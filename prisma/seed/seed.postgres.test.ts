// The seed on PostgreSQL: runs when TEST_POSTGRES_URL names a server (an admin URL; each run creates
// and drops its own databases), skipped otherwise.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENESIS_HASH } from "@/lib/audit/chain";
import { DEMO_PASSWORD, verifyPassword } from "@/lib/auth/password";
import { createPrismaClient } from "@/lib/prisma-client";
import { createEmptyPostgresDatabase } from "@/lib/testing/test-db";
import { migratePostgres } from "@/scripts/pg-migrate";
import { generateSeedData } from "./generator";
import { MigrationsMissingError, SeedValueError, seedDatabase } from "./index";
import { openSeedWriter } from "./seed-writer";

const ADMIN_URL = process.env.TEST_POSTGRES_URL;
if (!ADMIN_URL) {
  console.warn("prisma/seed/seed.postgres.test.ts skipped: set TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5433/postgres) to run the PostgreSQL seed tests");
}

const ACCOUNTS = 300;
const SEED = 5;

/** JSON with object keys sorted: JSONB does not keep key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

function checksum(rows: readonly object[], keys: readonly string[]): string {
  const hash = createHash("sha256");
  for (const row of rows) hash.update(canonical(keys.map((k) => (row as Record<string, unknown>)[k])) + "\n");
  return hash.digest("hex");
}

/** The seeded tables as Prisma reads them, ordered by key, reduced to the generator's columns. */
async function tableChecksums(url: string, data: ReturnType<typeof generateSeedData>): Promise<Record<string, string>> {
  const prisma = createPrismaClient(url);
  try {
    const byId = { orderBy: { id: "asc" as const } };
    const tables: [string, readonly object[], readonly object[]][] = [
      ["Team", data.teams, await prisma.team.findMany(byId)],
      ["User", data.users, await prisma.user.findMany(byId)],
      ["Product", data.products, await prisma.product.findMany(byId)],
      ["ProductPair", data.productPairs, await prisma.productPair.findMany(byId)],
      ["Setting", data.settings, await prisma.setting.findMany({ orderBy: { key: "asc" } })],
      ["Account", data.accounts, await prisma.account.findMany(byId)],
      ["Order", data.orders, await prisma.order.findMany(byId)],
      ["OrderLine", data.orderLines, await prisma.orderLine.findMany(byId)],
    ];
    const sums: Record<string, string> = {};
    for (const [name, generated, stored] of tables) {
      expect(stored.length, name).toBe(generated.length);
      sums[name] = checksum(stored, columnsOf(generated));
    }
    return sums;
  } finally {
    await prisma.$disconnect();
  }
}

/** The generator's columns; the password hash is salted per seed run, so it is compared by verifying it instead. */
const columnsOf = (rows: readonly object[]) => Object.keys(rows[0]).filter((k) => k !== "passwordHash");

function expectedChecksums(data: ReturnType<typeof generateSeedData>): Record<string, string> {
  const sortBy = <T extends object>(rows: T[], key: keyof T) => [...rows].sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
  return {
    Team: checksum(sortBy(data.teams, "id"), columnsOf(data.teams)),
    User: checksum(sortBy(data.users, "id"), columnsOf(data.users)),
    Product: checksum(sortBy(data.products, "id"), columnsOf(data.products)),
    ProductPair: checksum(sortBy(data.productPairs, "id"), columnsOf(data.productPairs)),
    Setting: checksum(sortBy(data.settings, "key"), columnsOf(data.settings)),
    Account: checksum(sortBy(data.accounts, "id"), columnsOf(data.accounts)),
    Order: checksum(sortBy(data.orders, "id"), columnsOf(data.orders)),
    OrderLine: checksum(sortBy(data.orderLines, "id"), columnsOf(data.orderLines)),
  };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Every index and constraint of the public schema, with its definition. */
const schemaObjects = (url: string) =>
  query<{ name: string; def: string }>(
    url,
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public'
     UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
     ORDER BY 1, 2`,
  );

describe.skipIf(!ADMIN_URL)("seed on PostgreSQL", () => {
  let database: { url: string; drop: () => Promise<void> };
  let dir: string;

  beforeAll(async () => {
    database = await createEmptyPostgresDatabase("crm_seed");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-seed-pg-"));
  });

  afterAll(async () => {
    await database?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a database without the migrations, then seeds the migrated one", async () => {
    await expect(seedDatabase({ url: database.url, accounts: 10 })).rejects.toThrow(MigrationsMissingError);
    await expect(seedDatabase({ url: database.url, accounts: 10 })).rejects.toThrow(/tables missing.*npm run db:migrate first/);
    await migratePostgres(database.url);
    expect(await query(database.url, 'SELECT 1 FROM "User"')).toEqual([]);
  });

  it("writes the same rows as SQLite for the same seed, and restores every index and foreign key", async () => {
    const before = await schemaObjects(database.url);
    const data = generateSeedData({ accounts: ACCOUNTS, seed: SEED });
    const result = await seedDatabase({ url: database.url, accounts: ACCOUNTS, seed: SEED, reset: true });
    expect(result.skipped).toBe(false);
    expect(result.counts).toMatchObject({ accounts: ACCOUNTS, orders: data.orders.length, orderLines: data.orderLines.length });
    expect(await schemaObjects(database.url)).toEqual(before);

    // The same seed into SQLite; both must read back through Prisma as the generator's rows.
    const file = path.join(dir, "twin.db");
    const sqlite = new Database(file);
    const migrations = path.resolve(__dirname, "../migrations");
    for (const entry of fs.readdirSync(migrations).sort()) {
      const sql = path.join(migrations, entry, "migration.sql");
      if (fs.existsSync(sql)) sqlite.exec(fs.readFileSync(sql, "utf8"));
    }
    sqlite.close();
    await seedDatabase({ url: `file:${file}`, accounts: ACCOUNTS, seed: SEED });

    const onPostgres = await tableChecksums(database.url, data);
    const onSqlite = await tableChecksums(`file:${file}`, data);
    expect(onPostgres).toEqual(onSqlite);
    expect(onPostgres).toEqual(expectedChecksums(data));
    const [{ passwordHash }] = await query<{ passwordHash: string }>(database.url, `SELECT "passwordHash" FROM "User" WHERE "email" = 'admin@example.com'`);
    expect(await verifyPassword(passwordHash, DEMO_PASSWORD)).toBe(true);

    // Stored as UTC wall-clock time in TIMESTAMP(3), whatever the session time zone.
    const line = data.orderLines[data.orderLines.length - 1];
    const [stored] = await query<{ at: string }>(database.url, `SELECT to_char("orderedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS at FROM "OrderLine" WHERE "id" = $1`, [line.id]);
    expect(stored.at + "Z").toBe(line.orderedAt.toISOString());
    const [{ planned }] = await query<{ planned: string }>(database.url, `SELECT reltuples::bigint::text AS planned FROM pg_class WHERE relname = 'OrderLine'`);
    expect(Number(planned)).toBe(data.orderLines.length); // ANALYZE ran
  });

  it("skips a seeded database, and a reset empties the data tables, the audit chain and login failures", async () => {
    const again = await seedDatabase({ url: database.url, accounts: ACCOUNTS, seed: SEED });
    expect(again.skipped).toBe(true);

    const [admin] = await query<{ id: string }>(database.url, `SELECT "id" FROM "User" WHERE "role" = 'ADMIN' LIMIT 1`);
    await query(database.url, `INSERT INTO "AuditLog" ("id", "seq", "userId", "action", "entityType", "hash") VALUES ('audit-1', 1, $1, 'test', 'User', 'abc')`, [admin.id]);
    await query(database.url, `UPDATE "AuditHead" SET "seq" = 1, "hash" = 'abc' WHERE "id" = 1`);
    await query(database.url, `INSERT INTO "LoginFailure" ("id", "email", "client") VALUES ('lf-1', 'x@example.com', '127.0.0.1')`);

    const reset = await seedDatabase({ url: database.url, accounts: 120, seed: SEED, reset: true });
    expect(reset.skipped).toBe(false);
    const [counts] = await query<Record<string, string>>(
      database.url,
      `SELECT (SELECT COUNT(*) FROM "Account")::int AS accounts, (SELECT COUNT(*) FROM "OrderLine")::int AS lines,
              (SELECT COUNT(*) FROM "AuditLog")::int AS audit, (SELECT COUNT(*) FROM "LoginFailure")::int AS failures`,
    );
    expect(counts).toEqual({ accounts: 120, lines: reset.counts.orderLines, audit: 0, failures: 0 });
    expect(await query(database.url, 'SELECT "seq", "hash" FROM "AuditHead"')).toEqual([{ seq: 0, hash: GENESIS_HASH }]);
  });

  it("refuses a NUL in a string or JSON value, naming table, column and row, and leaves the database as it was", async () => {
    const objects = await schemaObjects(database.url);
    const lines = await query<{ n: number }>(database.url, 'SELECT COUNT(*)::int AS n FROM "OrderLine"');
    const writer = await openSeedWriter(database.url);
    try {
      await writer.clear();
      const data = generateSeedData({ accounts: 40, seed: SEED });
      data.accounts[7] = { ...data.accounts[7], name: "Acme\u0000 Ltd" };
      const failure = writer.write(data);
      await expect(failure).rejects.toThrow(SeedValueError);
      await expect(failure).rejects.toThrow(`Account.name (row ${data.accounts[7].id})`);
      await expect(failure).rejects.toThrow(/NUL/);

      const json = generateSeedData({ accounts: 40, seed: SEED });
      json.productPairs[2] = { ...json.productPairs[2], eligibleSegments: ["Champions\u0000"] };
      await expect(writer.write(json)).rejects.toThrow(`ProductPair.eligibleSegments (row ${json.productPairs[2].id})`);

      // Nothing half-written; the dropped indexes and foreign keys came back with the rollback.
      expect(await writer.countRows()).toMatchObject({ Account: 0, OrderLine: 0, Team: 0 });
      expect(await schemaObjects(database.url)).toEqual(objects);
      expect(lines[0].n).toBeGreaterThan(0);

      // The same connection still works, and the characters COPY escapes survive the round trip.
      const tricky = generateSeedData({ accounts: 40, seed: SEED });
      const odd = "Tab\there, new\nline, CR\r, back\\slash \\N \"quoted\" é ☃";
      tricky.accounts[0] = { ...tricky.accounts[0], name: odd, city: null };
      tricky.settings[0] = { ...tricky.settings[0], value: { note: odd } };
      await writer.write(tricky);
      const [row] = await query<{ name: string; city: string | null }>(database.url, 'SELECT "name", "city" FROM "Account" WHERE "id" = $1', [tricky.accounts[0].id]);
      expect(row).toEqual({ name: odd, city: null });
      const [setting] = await query<{ value: unknown }>(database.url, 'SELECT "value" FROM "Setting" WHERE "key" = $1', [tricky.settings[0].key]);
      expect(setting.value).toEqual({ note: odd });
    } finally {
      await writer.close();
    }
  });

  it("npm run db:seed seeds with --reset and reports the counts", () => {
    const tsx = path.resolve(__dirname, "../../node_modules/.bin/tsx");
    const run = spawnSync(tsx, [path.resolve(__dirname, "index.ts"), "--accounts", "50", "--seed", "7", "--reset"], {
      env: { ...process.env, DATABASE_URL: database.url },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/accounts\s+50\n/);
    expect(run.stdout).toMatch(/seeded in [\d.]+ s/);
  });
});

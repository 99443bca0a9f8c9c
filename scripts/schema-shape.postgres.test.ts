// The SQLite and PostgreSQL migration sets must build the same schema: same tables, columns (type family,
// nullability, defaults), primary keys, indexes (columns, order, uniqueness) and foreign keys.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createEmptyPostgresDatabase, testPostgresAdminUrl } from "@/lib/testing/test-db";
import { migrate } from "@/scripts/lib-env";
import { migratePostgres, pendingMigrationFiles } from "@/scripts/pg-migrate";
import { postgresShape, sqliteShape } from "@/scripts/schema-shape";

const admin = testPostgresAdminUrl();

describe.skipIf(!admin)("migration sets (needs TEST_POSTGRES_URL)", () => {
  it("describe the same schema on SQLite and PostgreSQL", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-shape-"));
    const file = path.join(dir, "shape.db");
    const pgdb = await createEmptyPostgresDatabase("crm_shape");
    try {
      migrate(`file:${file}`);
      await migratePostgres(pgdb.url);
      const lite = sqliteShape(file);
      const post = await postgresShape(pgdb.url);
      expect(Object.keys(post).sort()).toEqual(Object.keys(lite).sort());
      for (const table of Object.keys(lite)) expect(post[table], table).toEqual(lite[table]);
      expect(Object.keys(lite).length).toBeGreaterThan(10);
    } finally {
      await pgdb.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("records applied migrations like prisma migrate deploy, once each, and re-running applies nothing", async () => {
    const pgdb = await createEmptyPostgresDatabase("crm_migrate");
    try {
      const first = await migratePostgres(pgdb.url);
      expect(first.applied).toEqual(pendingMigrationFiles().map((m) => m.name));
      const second = await migratePostgres(pgdb.url);
      expect(second).toEqual({ applied: [], alreadyApplied: first.applied.length });
      const { default: pg } = await import("pg");
      const c = new pg.Client({ connectionString: pgdb.url });
      await c.connect();
      const rows = (await c.query(`SELECT migration_name, checksum, applied_steps_count, finished_at IS NOT NULL AS done FROM "_prisma_migrations" ORDER BY migration_name`)).rows;
      await c.end();
      expect(rows).toEqual(pendingMigrationFiles().map((m) => ({ migration_name: m.name, checksum: m.checksum, applied_steps_count: 1, done: true })));
    } finally {
      await pgdb.drop();
    }
  });

  it("rolls a failing migration back completely and says how to recover", async () => {
    const pgdb = await createEmptyPostgresDatabase("crm_migfail");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-migs-"));
    try {
      fs.mkdirSync(path.join(dir, "1_ok"));
      fs.writeFileSync(path.join(dir, "1_ok", "migration.sql"), `CREATE TABLE "A" ("id" INTEGER PRIMARY KEY);`);
      fs.mkdirSync(path.join(dir, "2_bad"));
      fs.writeFileSync(path.join(dir, "2_bad", "migration.sql"), `CREATE TABLE "B" ("id" INTEGER PRIMARY KEY); SELECT no_such_function();`);
      await expect(migratePostgres(pgdb.url, { dir })).rejects.toThrow(/2_bad failed and was rolled back/);
      const { default: pg } = await import("pg");
      const c = new pg.Client({ connectionString: pgdb.url });
      await c.connect();
      const tables = (await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).rows.map((r) => r.table_name);
      await c.end();
      expect(tables).toEqual(["A", "_prisma_migrations"]);
    } finally {
      await pgdb.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

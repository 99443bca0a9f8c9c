// PostgreSQL backup: pg_dump --format=custom of a migrated database with rows, readable by pg_restore --list,
// and restorable over an existing database with the command docs/operations.md gives. Skipped without TEST_POSTGRES_URL.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyPostgresDatabase, testPostgresAdminUrl } from "@/lib/testing/test-db";
import { migratePostgres } from "./pg-migrate";
import { backupPostgres } from "./backup";

const admin = testPostgresAdminUrl();
let source: Awaited<ReturnType<typeof createEmptyPostgresDatabase>> | undefined;
let target: Awaited<ReturnType<typeof createEmptyPostgresDatabase>> | undefined;
let dir: string;

async function query<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows as T[];
  } finally {
    await c.end();
  }
}

describe.skipIf(!admin)("backupPostgres", () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-pgbackup-"));
    source = await createEmptyPostgresDatabase("crm_backup_src");
    target = await createEmptyPostgresDatabase("crm_backup_dst");
    await migratePostgres(source.url);
    // The restore target already has the schema and other rows: --clean must replace them.
    await migratePostgres(target.url);
    await query(target.url, `INSERT INTO "Team" ("id", "name") VALUES ('stale', 'Stale team')`);
    await query(source.url, `INSERT INTO "Team" ("id", "name") SELECT 't' || i, 'Team ' || i FROM generate_series(1, 250) i`);
    await query(source.url, `INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ('retentionDays', '200', now())`);
  });

  afterAll(async () => {
    await source?.drop();
    await target?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes a custom-format dump that pg_restore lists and restores", async () => {
    const out = path.join(dir, "crm.dump");
    // A Prisma-style URL (password, ?schema=) must still reach pg_dump as a valid libpq URI.
    const url = new URL(source!.url);
    url.password = "unused-with-trust";
    url.searchParams.set("schema", "public");
    const r = await backupPostgres(url.toString(), out);
    expect(r.bytes).toBeGreaterThan(0);
    expect(r.bytes).toBe(fs.statSync(out).size);
    expect(r.verified).toMatch(/pg_restore --list read \d+ entries/);
    expect(fs.existsSync(`${out}.partial`)).toBe(false);

    const list = spawnSync("pg_restore", ["--list", out], { encoding: "utf8" });
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/TABLE DATA public Team /);
    expect(list.stdout).toMatch(/TABLE DATA public _prisma_migrations /);

    const restore = spawnSync("pg_restore", ["--clean", "--if-exists", "--single-transaction", "--no-owner", "-d", target!.url, out], { encoding: "utf8" });
    expect(restore.stderr).toBe("");
    expect(restore.status).toBe(0);
    expect(await query(target!.url, `SELECT COUNT(*)::int AS n, COUNT(*) FILTER (WHERE "id" = 'stale')::int AS stale FROM "Team"`)).toEqual([{ n: 250, stale: 0 }]);
    expect(await query(target!.url, `SELECT "value" FROM "Setting" WHERE "key" = 'retentionDays'`)).toEqual([{ value: 200 }]);
    const migrations = await query<{ n: number }>(source!.url, `SELECT COUNT(*)::int AS n FROM "_prisma_migrations"`);
    expect(await query(target!.url, `SELECT COUNT(*)::int AS n FROM "_prisma_migrations"`)).toEqual(migrations);
  });

  it("reports pg_dump's own error", async () => {
    const url = new URL(source!.url);
    url.pathname = "/no_such_database_here";
    await expect(backupPostgres(url.toString(), path.join(dir, "bad.dump"))).rejects.toThrow(/pg_dump exited with 1: .*no_such_database_here/s);
    expect(fs.existsSync(path.join(dir, "bad.dump.partial"))).toBe(false);
  });
});

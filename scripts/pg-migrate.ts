// Applies the committed PostgreSQL migrations (prisma/migrations-postgresql) and records each one in
// _prisma_migrations exactly as `prisma migrate deploy` does (same table, checksum and columns), so a
// deployment whose Prisma CLI has its native engine can switch to `prisma migrate deploy` at any time.
// Prisma's JS schema engine cannot run migrate against PostgreSQL on these machines (see README).
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const PG_MIGRATIONS_DIR = path.resolve(__dirname, "..", "prisma", "migrations-postgresql");

// Any constant: concurrent migrators (two app instances starting) wait for each other.
const LOCK_KEY = 72_707_369;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type MigrationResult = { applied: string[]; alreadyApplied: number };

/** The migration folders in order, with their SQL and Prisma's checksum (sha256 of the file). */
export function pendingMigrationFiles(dir = PG_MIGRATIONS_DIR): { name: string; sql: string; checksum: string }[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: sql.toString("utf8"), checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export async function migratePostgres(url: string, options: { dir?: string; log?: (line: string) => void } = {}): Promise<MigrationResult> {
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(CREATE_TABLE);
    const rows = (
      await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
        `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at" FROM "_prisma_migrations"`,
      )
    ).rows;
    const result: MigrationResult = { applied: [], alreadyApplied: 0 };
    for (const m of pendingMigrationFiles(options.dir)) {
      const done = rows.find((r) => r.migration_name === m.name && r.finished_at && !r.rolled_back_at);
      if (done) {
        if (done.checksum !== m.checksum) log(`warning: migration ${m.name} was changed after it was applied (checksum differs)`);
        result.alreadyApplied++;
        continue;
      }
      const failed = rows.find((r) => r.migration_name === m.name && !r.finished_at && !r.rolled_back_at);
      if (failed) {
        throw new Error(`Migration ${m.name} failed earlier and was not rolled back. Fix the database, then mark it rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${m.name}') and run again.`);
      }
      const id = randomUUID();
      await client.query(`INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count") VALUES ($1, $2, $3, now(), 0)`, [
        id,
        m.checksum,
        m.name,
      ]);
      try {
        // PostgreSQL runs DDL in transactions: a migration applies completely or not at all.
        await client.query("BEGIN");
        await client.query(m.sql);
        await client.query(`UPDATE "_prisma_migrations" SET "finished_at" = now(), "applied_steps_count" = 1 WHERE "id" = $1`, [id]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        const message = e instanceof Error ? e.message : String(e);
        await client.query(`UPDATE "_prisma_migrations" SET "logs" = $2, "rolled_back_at" = now() WHERE "id" = $1`, [id, message]);
        throw new Error(`Migration ${m.name} failed and was rolled back: ${message}`);
      }
      log(`applied ${m.name}`);
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL ?? "";
  migratePostgres(url, { log: (l) => console.log(l) })
    .then((r) => console.log(`${r.applied.length} migration(s) applied, ${r.alreadyApplied} already applied`))
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}

// Shared by the scoring tests on PostgreSQL: a connection to the test database, small queries with
// SQLite's "?" placeholders rewritten to $n (so the assertions read like the SQLite tests'), and the
// skip message when no server is configured.
import pg from "pg";
import { openPool } from "./postgres-sql";

export type Row = Record<string, unknown>;

/** The admin URL of a PostgreSQL server for tests, or null (the *.postgres.test.ts files then skip). */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || null;

export function skipMessage(what: string): string {
  return `${what} (skipped: set TEST_POSTGRES_URL=postgresql://user@host:port/postgres, an admin URL of a PostgreSQL server, to run)`;
}

const placeholders = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export function inspectPg(url: string) {
  const pool: pg.Pool = openPool(url, 2);
  return {
    pool,
    all: async <T = Row>(sql: string, ...args: unknown[]) => (await pool.query(placeholders(sql), args)).rows as T[],
    get: async <T = Row>(sql: string, ...args: unknown[]) => (await pool.query(placeholders(sql), args)).rows[0] as T,
    run: async (sql: string, ...args: unknown[]) => (await pool.query(placeholders(sql), args)).rowCount ?? 0,
    activeRunId: async () => (await pool.query<{ id: string }>('SELECT "id" FROM "ScoringRun" WHERE "active" = TRUE')).rows.map((r) => r.id),
    close: () => pool.end(),
  };
}

export type PgInspector = ReturnType<typeof inspectPg>;

/** A stable picture of the results, to compare before and after a failed run. */
export async function snapshotPg(q: PgInspector) {
  return {
    active: await q.activeRunId(),
    opportunities: await q.all('SELECT "id", "runId", "status"::text AS "status", "attempts", "version", "updatedAt" FROM "Opportunity" ORDER BY "id" COLLATE "C"'),
    metrics: await q.get('SELECT COUNT(*) AS n FROM "AccountMetrics"'),
    rules: await q.get('SELECT COUNT(*) AS n FROM "MinedRule"'),
    accounts: await q.all('SELECT "id", "segment", "clv", "pAlive" FROM "Account" ORDER BY "id" COLLATE "C"'),
    activities: await q.all('SELECT "id", "opportunityId" FROM "Activity" ORDER BY "id" COLLATE "C"'),
  };
}

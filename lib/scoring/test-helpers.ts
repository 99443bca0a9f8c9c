// Shared by the scoring tests: a read connection to the test database and small queries.
import Database from "better-sqlite3";
import { sqliteFilePath } from "@/lib/db-url";

export type Row = Record<string, unknown>;

export function inspect(url: string) {
  const db = new Database(sqliteFilePath(url)!);
  db.pragma("busy_timeout = 10000");
  return {
    all: <T = Row>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[],
    get: <T = Row>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T,
    run: (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args),
    activeRunId: () => (db.prepare('SELECT "id" FROM "ScoringRun" WHERE "active" = 1').all() as { id: string }[]).map((r) => r.id),
    close: () => db.close(),
  };
}

export type Inspector = ReturnType<typeof inspect>;

/** Opportunities of a run with everything the assertions look at. */
export function opportunitiesOf(q: Inspector, runId: string) {
  return q.all<{
    id: string; accountId: string; productId: string; pairId: string | null; assigneeId: string; status: string; probability: number;
    expectedValue: number; reason: string; reasonText: string; rank: number; holdout: number; attempts: number; version: number;
  }>('SELECT * FROM "Opportunity" WHERE "runId" = ? ORDER BY "accountId", "rank"', runId);
}

/** A stable picture of a run's results, to compare before and after a failed run. */
export function snapshot(q: Inspector) {
  return {
    active: q.activeRunId(),
    opportunities: q.all('SELECT "id", "runId", "status", "attempts", "version", "updatedAt" FROM "Opportunity" ORDER BY "id"'),
    metrics: q.get('SELECT COUNT(*) AS n FROM "AccountMetrics"'),
    rules: q.get('SELECT COUNT(*) AS n FROM "MinedRule"'),
    accounts: q.all('SELECT "id", "segment", "clv", "pAlive" FROM "Account" ORDER BY "id"'),
    activities: q.all('SELECT "id", "opportunityId" FROM "Activity" ORDER BY "id"'),
  };
}

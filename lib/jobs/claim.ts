/**
 * Taking the next queued job, in one guarded statement: the only place where the databases differ.
 * - SQLite has one writer and runs the statement whole, so `UPDATE ... WHERE id = (oldest queued) AND
 *   status = 'QUEUED'` is atomic: two workers never take the same job.
 * - PostgreSQL runs writers concurrently: `FOR UPDATE SKIP LOCKED` in the subquery locks the oldest
 *   queued row no one else is taking, so concurrent workers take different jobs without waiting.
 */
import type { DatabaseProvider } from "@/lib/db-url";
import { list, type Sql } from "./sql";

/** Marks the oldest queued job of one of `kinds` RUNNING for this worker; returns its id, or null when none is queued. */
export async function claimNextJob(sql: Sql, provider: DatabaseProvider, kinds: readonly string[], workerId: string, at: Date): Promise<string | null> {
  if (kinds.length === 0) return null;
  const rows =
    provider === "postgresql"
      ? await sql.rows<{ id: string }>`UPDATE "Job" SET "status" = 'RUNNING', "workerId" = ${workerId}, "attempts" = "attempts" + 1, "startedAt" = ${at}, "heartbeatAt" = ${at}
          WHERE "id" = (SELECT "id" FROM "Job" WHERE "status" = 'QUEUED' AND "kind" IN (${list(kinds)}) ORDER BY "createdAt", "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
          AND "status" = 'QUEUED' RETURNING "id"`
      : await sql.rows<{ id: string }>`UPDATE "Job" SET "status" = 'RUNNING', "workerId" = ${workerId}, "attempts" = "attempts" + 1, "startedAt" = ${at}, "heartbeatAt" = ${at}
          WHERE "id" = (SELECT "id" FROM "Job" WHERE "status" = 'QUEUED' AND "kind" IN (${list(kinds)}) ORDER BY "createdAt", "id" LIMIT 1)
          AND "status" = 'QUEUED' RETURNING "id"`;
  return rows[0]?.id ?? null;
}

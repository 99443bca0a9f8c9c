/**
 * The PostgreSQL implementation of ScoringStore, on `pg` directly (not Prisma: bulk writes of 100k
 * metrics and 300k opportunities go through COPY). Same semantics as sqlite-store.ts; what differs is
 * how concurrency is handled:
 * - startRun serialises starters with a transaction-scoped advisory lock and locks the RUNNING rows
 *   (FOR UPDATE), so two instances can never both see "none running";
 * - activation (postgres-activate.ts) is one READ COMMITTED transaction that readers never wait for
 *   and that never waits for a rep's save (SKIP LOCKED, then a settling pass after COMMIT).
 */
import { activateRun } from "./postgres-activate";
import { pgDate, copyRows, inTransaction, openPool, pgJson, pgText, type PgClient, type PgPool } from "./postgres-sql";
import { readInputs, streamOrderLines } from "./postgres-reader";
import { describeRunning, METRIC_COLUMNS, newRunId, OPPORTUNITY_COLUMNS, RULE_COLUMNS, rowIdFactory, ruleKey, staleRunError } from "./store-common";
import {
  isStaleRun, ScoringRunRefusedError, type MetricsRow, type OpportunityRow, type RuleRow, type RunRecord, type ScoringStore,
} from "./types";

/** Any constant: every instance's scoring starts take the same lock. */
const START_LOCK_KEY = 72_707_370;

const RUN_COLUMNS = `"id", "status"::text AS "status", "stage", "progress", "startedAt", "heartbeatAt"`;

export function createPostgresStore(url: string, now: () => Date = () => new Date(), rowIdPart = ""): ScoringStore {
  const pool: PgPool = openPool(url);
  const rowId = rowIdFactory(rowIdPart);
  // Heartbeats are not awaited by the run: queue them so they reach the database in order.
  let beats: Promise<unknown> = Promise.resolve();
  let closed = false;

  async function withClient<T>(fn: (client: PgClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let failed = false;
    try {
      return await fn(client);
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      // After a failed COPY the connection may be mid-protocol: drop it rather than reuse it.
      client.release(failed);
    }
  }

  async function deleteRunRows(client: PgClient | PgPool, runId: string): Promise<void> {
    for (const table of ["Opportunity", "AccountMetrics", "MinedRule"]) await client.query(`DELETE FROM "${table}" WHERE "runId" = $1`, [runId]);
  }

  return {
    async startRun(parameters, triggeredById) {
      const runId = newRunId();
      const stale = await inTransaction(pool, async (c) => {
        await c.query("SELECT pg_advisory_xact_lock($1)", [START_LOCK_KEY]);
        const t = now();
        // FOR UPDATE also waits for an activation holding its run's row, then sees it COMPLETED.
        const running = (await c.query<RunRecord>(`SELECT ${RUN_COLUMNS} FROM "ScoringRun" WHERE "status" = 'RUNNING' FOR UPDATE`)).rows;
        const staleRuns: RunRecord[] = [];
        for (const r of running) {
          if (!isStaleRun(r, t)) throw new ScoringRunRefusedError(describeRunning(r));
          staleRuns.push(r);
        }
        const at = pgDate(t);
        for (const r of staleRuns) {
          await c.query(`UPDATE "ScoringRun" SET "status" = 'FAILED', "error" = $1, "finishedAt" = $2::timestamp WHERE "id" = $3 AND "status" = 'RUNNING'`, [
            staleRunError(r), at, r.id,
          ]);
        }
        await c.query(
          `INSERT INTO "ScoringRun" ("id", "status", "active", "stage", "progress", "parameters", "triggeredById", "startedAt", "heartbeatAt")
           VALUES ($1, 'RUNNING', FALSE, 'starting', 0, $2::jsonb, $3, $4::timestamp, $4::timestamp)`,
          [runId, pgJson(parameters), triggeredById, at],
        );
        return staleRuns.map((r) => r.id);
      });
      // Rows a killed run left behind were never visible (its run never became active); drop them.
      for (const id of stale) await deleteRunRows(pool, id);
      return { runId, staleRunsFailed: stale };
    },

    loadInputs: () => readInputs(pool, now()),

    forEachOrderLine: (sink, beforeMs = null) => streamOrderLines(pool, sink, beforeMs),

    updateProgress(runId, stage, progress) {
      const beat = beats.then(() =>
        pool.query('UPDATE "ScoringRun" SET "stage" = $1, "progress" = $2, "heartbeatAt" = $3::timestamp WHERE "id" = $4', [stage, progress, pgDate(now()), runId]),
      );
      beats = beat.catch(() => {});
      return beat.then(() => {});
    },

    async insertMetrics(runId, rows: readonly MetricsRow[]) {
      const at = pgDate(now());
      await withClient((c) =>
        copyRows(c, "AccountMetrics", METRIC_COLUMNS, rows, (m) => [
          rowId(runId, "m"), runId, m.accountId, m.recencyDays, m.frequency, m.monetary, m.r, m.f, m.m, pgText(m.segment), m.historicClv, m.predictedClv, m.clv,
          pgText(m.clvMethod), pgText(m.clvTier), m.pAlive, m.expectedPurchases, at,
        ]),
      );
    },

    async insertRules(runId, rows: readonly RuleRow[]) {
      const at = pgDate(now());
      await withClient((c) =>
        copyRows(c, "MinedRule", RULE_COLUMNS, rows, (r) => [
          rowId(runId, "r"), runId, r.kind, pgText(ruleKey(r.antecedentIds)), pgText(ruleKey(r.consequentIds)), pgJson(r.antecedentIds), pgJson(r.consequentIds),
          r.support, r.confidence, r.lift, r.leverage, r.conviction, r.count, r.antecedentCount, r.windowDays, r.medianLagDays, "PENDING", at,
        ]),
      );
    },

    async insertOpportunities(runId, rows: readonly OpportunityRow[]) {
      const at = pgDate(now());
      await withClient((c) =>
        copyRows(c, "Opportunity", OPPORTUNITY_COLUMNS, rows, (x) => [
          rowId(runId, "o"), runId, x.accountId, x.productId, x.pairId, x.assigneeId, "OPEN", x.probability, x.expectedValue, pgJson(x.reason),
          pgText(x.reasonText), x.rank, 1, x.holdout, 0, 1, at, at, x.channel ?? "CALL",
        ]),
      );
    },

    activate: (runId, extra, beforeCommit) => activateRun(pool, runId, extra, beforeCommit, now),

    async recordTimings(runId, timings) {
      await pool.query('UPDATE "ScoringRun" SET "timings" = $1::jsonb WHERE "id" = $2', [pgJson(timings), runId]);
    },

    async failRun(runId, error, extra) {
      const at = pgDate(now());
      await beats;
      await inTransaction(pool, async (c) => {
        // A completed run (live, or retired by a newer one) is never failed: its offers are being worked.
        const failed = await c.query(
          `UPDATE "ScoringRun" SET "status" = 'FAILED', "active" = FALSE, "error" = $1, "finishedAt" = $2::timestamp, "heartbeatAt" = $2::timestamp,
             "counts" = $3::jsonb, "timings" = $4::jsonb WHERE "id" = $5 AND "status" <> 'COMPLETED'`,
          [pgText(error.slice(0, 2000)), at, pgJson(extra.counts), pgJson(extra.timings), runId],
        );
        if (failed.rowCount === 1) await deleteRunRows(c, runId);
      });
    },

    async getRun(runId) {
      const r = await pool.query<RunRecord>(`SELECT ${RUN_COLUMNS} FROM "ScoringRun" WHERE "id" = $1`, [runId]);
      return r.rows[0] ?? null;
    },

    async close() {
      if (closed) return;
      closed = true;
      await beats;
      await pool.end();
    },
  };
}

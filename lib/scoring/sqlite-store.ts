/**
 * The SQLite implementation of ScoringStore, on better-sqlite3 directly (the bulk writes of 100k
 * metrics and 300k opportunities would take minutes through Prisma). The SQL is kept portable
 * (standard UPDATE/DELETE with correlated subqueries, no INSERT OR ..., no SQLite date functions).
 * The methods are async to fit the seam but do their work synchronously inside the call; the
 * PostgreSQL twin is postgres-store.ts.
 */
import { readInputs, streamOrderLines } from "./sqlite-reader";
import { bool, bulkInsert, openSqlite, sqliteDate, type Db } from "./sqlite-sql";
import { applyContactCap, capMsOf, carryOver, settleRetiredRuns } from "./sqlite-settle";
import {
  describeRunning, METRIC_COLUMNS, newRunId, OPPORTUNITY_COLUMNS, RULE_COLUMNS, rowIdFactory, ruleKey as key, staleRunError,
} from "./store-common";
import {
  isStaleRun, ScoringRunRefusedError, type ActivationCounts, type MetricsRow, type OpportunityRow, type RuleRow, type RunRecord,
  type ScoringStore, type StageName,
} from "./types";

const PREVIOUS = `SELECT "id" FROM "ScoringRun" WHERE "active" = TRUE AND "id" <> ?`;

export function createSqliteStore(file: string, now: () => Date = () => new Date(), rowIdPart = ""): ScoringStore {
  const db: Db = openSqlite(file);
  const rowId = rowIdFactory(rowIdPart);

  const toRecord = (r: { id: string; status: string; stage: string; progress: number; startedAt: string; heartbeatAt: string }): RunRecord => ({
    ...r, startedAt: new Date(r.startedAt), heartbeatAt: new Date(r.heartbeatAt),
  });

  function deleteRunRows(runId: string): void {
    db.transaction(() => {
      db.prepare('DELETE FROM "Opportunity" WHERE "runId" = ?').run(runId);
      db.prepare('DELETE FROM "AccountMetrics" WHERE "runId" = ?').run(runId);
      db.prepare('DELETE FROM "MinedRule" WHERE "runId" = ?').run(runId);
    })();
  }

  return {
    async startRun(parameters, triggeredById) {
      const runId = newRunId();
      const stale: string[] = [];
      // IMMEDIATE takes the write lock before the check, so two starters cannot both see "none running".
      db.transaction(() => {
        const t = now();
        const running = (db.prepare(`SELECT "id", "status", "stage", "progress", "startedAt", "heartbeatAt" FROM "ScoringRun" WHERE "status" = 'RUNNING'`).all() as Parameters<typeof toRecord>[0][]).map(toRecord);
        for (const r of running) {
          if (!isStaleRun(r, t)) throw new ScoringRunRefusedError(describeRunning(r));
          stale.push(r.id);
        }
        const at = sqliteDate(t);
        for (const id of stale) {
          const r = running.find((x) => x.id === id)!;
          db.prepare(`UPDATE "ScoringRun" SET "status" = 'FAILED', "error" = ?, "finishedAt" = ? WHERE "id" = ?`).run(
            staleRunError(r), at, id,
          );
        }
        db.prepare(
          `INSERT INTO "ScoringRun" ("id", "status", "active", "stage", "progress", "parameters", "triggeredById", "startedAt", "heartbeatAt") VALUES (?, 'RUNNING', FALSE, 'starting', 0, ?, ?, ?, ?)`,
        ).run(runId, JSON.stringify(parameters), triggeredById, at, at);
      }).immediate();
      // Rows a killed run left behind were never visible (its run never became active); drop them.
      for (const id of stale) deleteRunRows(id);
      return { runId, staleRunsFailed: stale };
    },

    loadInputs: async () => readInputs(db, now()),
    // Synchronous underneath: better-sqlite3 steps through the rows without a promise per line.
    async forEachOrderLine(sink, beforeMs = null) {
      // A connection cannot write (progress heartbeats) while it is stepping through a query: read on a second one.
      const reader = openSqlite(file, { readonly: true });
      try {
        return streamOrderLines(reader, sink, beforeMs);
      } finally {
        reader.close();
      }
    },

    async updateProgress(runId: string, stage: StageName, progress: number) {
      db.prepare('UPDATE "ScoringRun" SET "stage" = ?, "progress" = ?, "heartbeatAt" = ? WHERE "id" = ?').run(stage, progress, sqliteDate(now()), runId);
    },

    async insertMetrics(runId, rows: readonly MetricsRow[]) {
      const at = sqliteDate(now());
      bulkInsert(db, "AccountMetrics", METRIC_COLUMNS, rows, (v, o, m) => {
        v[o] = rowId(runId, "m"); v[o + 1] = runId; v[o + 2] = m.accountId; v[o + 3] = m.recencyDays; v[o + 4] = m.frequency; v[o + 5] = m.monetary;
        v[o + 6] = m.r; v[o + 7] = m.f; v[o + 8] = m.m; v[o + 9] = m.segment; v[o + 10] = m.historicClv; v[o + 11] = m.predictedClv; v[o + 12] = m.clv;
        v[o + 13] = m.clvMethod; v[o + 14] = m.clvTier; v[o + 15] = m.pAlive; v[o + 16] = m.expectedPurchases; v[o + 17] = at;
      });
    },

    async insertRules(runId, rows: readonly RuleRow[]) {
      const at = sqliteDate(now());
      bulkInsert(db, "MinedRule", RULE_COLUMNS, rows, (v, o, r) => {
        v[o] = rowId(runId, "r"); v[o + 1] = runId; v[o + 2] = r.kind; v[o + 3] = key(r.antecedentIds); v[o + 4] = key(r.consequentIds);
        v[o + 5] = JSON.stringify(r.antecedentIds); v[o + 6] = JSON.stringify(r.consequentIds); v[o + 7] = r.support; v[o + 8] = r.confidence;
        v[o + 9] = r.lift; v[o + 10] = r.leverage; v[o + 11] = r.conviction; v[o + 12] = r.count; v[o + 13] = r.antecedentCount;
        v[o + 14] = r.windowDays; v[o + 15] = r.medianLagDays; v[o + 16] = "PENDING"; v[o + 17] = at;
      });
    },

    async insertOpportunities(runId, rows: readonly OpportunityRow[]) {
      const at = sqliteDate(now());
      bulkInsert(db, "Opportunity", OPPORTUNITY_COLUMNS, rows, (v, o, x) => {
        v[o] = rowId(runId, "o"); v[o + 1] = runId; v[o + 2] = x.accountId; v[o + 3] = x.productId; v[o + 4] = x.pairId; v[o + 5] = x.assigneeId;
        v[o + 6] = "OPEN"; v[o + 7] = x.probability; v[o + 8] = x.expectedValue; v[o + 9] = JSON.stringify(x.reason); v[o + 10] = x.reasonText;
        v[o + 11] = x.rank; v[o + 12] = 1; v[o + 13] = bool(x.holdout); v[o + 14] = 0; v[o + 15] = 1; v[o + 16] = at; v[o + 17] = at;
        v[o + 18] = x.channel ?? "CALL";
      });
    },

    async activate(runId, extra, beforeCommit): Promise<ActivationCounts> {
      // The switch: few rows, one short write transaction (sqlite-settle.ts explains the split).
      const activation = db.transaction((): ActivationCounts => {
        const at = sqliteDate(now());
        const ms: Record<string, number> = {};
        let t0 = performance.now();
        const lap = (step: string) => {
          const t1 = performance.now();
          ms[step] = Math.round(t1 - t0);
          t0 = t1;
        };
        const previous = (db.prepare(PREVIOUS).all(runId) as { id: string }[]).map((r) => r.id);
        // Worked offers move before the switch, so no follow-up drops out of a queue even for a moment.
        const moved = carryOver(db, previous, runId, at, null);
        lap("carryOver");
        // Contact cap: accounts reached within the cap keep waiting, whichever run proposes their offers.
        const capMs = capMsOf(db);
        applyContactCap(db, runId, now().getTime() - capMs, capMs);
        lap("contactCap");
        db.prepare(`UPDATE "ScoringRun" SET "active" = FALSE, "retiredAt" = ? WHERE "active" = TRUE AND "id" <> ?`).run(at, runId);
        // better-sqlite3 transactions are synchronous: the hook cannot await.
        if (beforeCommit?.() instanceof Promise) throw new Error("the SQLite store runs beforeCommit synchronously");
        const activation = { previousRunId: previous[0] ?? null, ...moved, expired: 0, accountsUpdated: 0, ms };
        const counts = typeof extra.counts === "object" && extra.counts !== null ? { ...extra.counts, activation } : extra.counts;
        const done = db
          .prepare(
            `UPDATE "ScoringRun" SET "status" = 'COMPLETED', "active" = TRUE, "stage" = 'done', "progress" = 1, "heartbeatAt" = ?, "finishedAt" = ?, "counts" = ?, "timings" = ? WHERE "id" = ? AND "status" = 'RUNNING'`,
          )
          .run(at, at, JSON.stringify(counts), JSON.stringify(extra.timings), runId).changes;
        // Someone declared this run stale and failed it meanwhile: its results must not go live.
        if (done !== 1) throw new Error(`scoring run ${runId} is no longer RUNNING (marked failed as stale?); results discarded`);
        lap("switch");
        return activation;
      }).immediate();
      // The run is live from here on: nothing below may fail it. What is left unsettled is settled by the
      // next activation (the retired run keeps its retiredAt without a settledAt).
      try {
        const settled = await settleRetiredRuns(db, now);
        activation.expired += settled.expired;
        activation.carriedOver += settled.carriedOver;
        activation.duplicatesDropped += settled.duplicatesDropped;
        activation.accountsUpdated += settled.accountsUpdated;
        Object.assign(activation.ms, settled.ms);
        const stored = db.prepare('SELECT "counts" FROM "ScoringRun" WHERE "id" = ?').get(runId) as { counts: string | null } | undefined;
        const counts = stored?.counts ? (JSON.parse(stored.counts) as unknown) : null;
        if (typeof counts === "object" && counts !== null) {
          db.prepare('UPDATE "ScoringRun" SET "counts" = ? WHERE "id" = ?').run(JSON.stringify({ ...counts, activation }), runId);
        }
        // Refresh the query planner's statistics (sampled, so it stays cheap) now that the tables changed.
        db.pragma("analysis_limit = 1000");
        db.pragma("optimize");
      } catch (error) {
        console.warn(`scoring: run ${runId} is live; settling the previous run stopped and continues at the next activation: ${(error as Error).message}`);
        activation.ms.settleFailed = 1;
      }
      return activation;
    },

    async recordTimings(runId, timings) {
      db.prepare('UPDATE "ScoringRun" SET "timings" = ? WHERE "id" = ?').run(JSON.stringify(timings), runId);
    },

    async failRun(runId, error, extra) {
      const at = sqliteDate(now());
      // A completed run (live, or retired by a newer one) is never failed: its offers are being worked.
      const failed = db.prepare(`UPDATE "ScoringRun" SET "status" = 'FAILED', "active" = FALSE, "error" = ?, "finishedAt" = ?, "heartbeatAt" = ?, "counts" = ?, "timings" = ? WHERE "id" = ? AND "status" <> 'COMPLETED'`).run(
        error.slice(0, 2000), at, at, JSON.stringify(extra.counts), JSON.stringify(extra.timings), runId,
      ).changes;
      if (failed === 1) deleteRunRows(runId);
    },

    async getRun(runId) {
      const r = db.prepare(`SELECT "id", "status", "stage", "progress", "startedAt", "heartbeatAt" FROM "ScoringRun" WHERE "id" = ?`).get(runId) as Parameters<typeof toRecord>[0] | undefined;
      return r ? toRecord(r) : null;
    },

    async close() {
      if (db.open) db.close();
    },
  };
}

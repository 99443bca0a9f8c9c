/**
 * Activation of a scoring run on PostgreSQL, in two parts so reps' saves never wait for more than a
 * short batch:
 *
 * 1. One READ COMMITTED transaction that touches few rows: worked offers of the active run move to the
 *    new one, the new run's duplicates of them go, the contact cap is applied to the new run, the old
 *    run is retired and the new one goes live. Readers never wait (MVCC: they see the previous run until
 *    COMMIT); the queues read only the active run, so from COMMIT on they show the new offers.
 * 2. Settling after COMMIT (postgres-settle.ts): the retired run's untouched open offers expire, offers a
 *    rep worked meanwhile are carried over, and accounts take their new segment, CLV and P(alive), in
 *    batches of accounts, each its own short transaction.
 *
 * A save locks its offer, then the account, then the account's other workable offers (of any run). A
 * transaction that waited for such a row while holding others could deadlock with a save, so every
 * statement here locks with SKIP LOCKED: only reps wait for the activation, and only until its COMMIT
 * (a batch holds a few thousand rows for milliseconds). Skipped rows are settled by a later batch.
 */
import { settleRetiredRuns, carryOver, type Lock } from "./postgres-settle";
import type { PgClient, PgPool } from "./postgres-sql";
import { inTransaction, pgDate, pgJson } from "./postgres-sql";
import { contactCapDays } from "./store-common";
import type { ActivationCounts } from "./types";

export const RUN_NOT_RUNNING = (runId: string) => `scoring run ${runId} is no longer RUNNING (marked failed as stale?); results discarded`;

// Rows are locked in a CTE (SKIP LOCKED needs a SELECT) and then changed by their ctid: a TID scan, not a
// join over the whole table (which holds every run's offers).
export const BY_TID = (alias: string) => `${alias}."ctid" = ANY(ARRAY(SELECT "tid" FROM t))`;
// NO KEY UPDATE is what an UPDATE of non-key columns takes; it leaves foreign-key checks of other
// inserts (KEY SHARE) unblocked. A DELETE needs the full FOR UPDATE.
export const lockClause = (lock: Lock, of?: string, strength = "NO KEY UPDATE") => `FOR ${strength}${of ? ` OF ${of}` : ""}${lock === "skip" ? " SKIP LOCKED" : ""}`;

/**
 * Contact cap on the run's open offers of accounts reached since `since` (optionally only the given
 * offers): they wait until the account's last contact plus the cap.
 */
export async function applyContactCap(c: PgClient, runId: string, since: number, capMs: number, onlyIds: string[] | null, lock: Lock): Promise<void> {
  await c.query(
    `WITH t AS (
       SELECT o."ctid" AS "tid" FROM "Opportunity" o JOIN "Account" a ON a."id" = o."accountId"
       WHERE a."lastReachedAt" >= $2::timestamp AND o."runId" = $1 AND o."status" = 'OPEN'
         AND (o."contactableAfter" IS NULL OR o."contactableAfter" < a."lastReachedAt" + $3 * INTERVAL '1 millisecond')
         ${onlyIds ? 'AND o."id" = ANY($4::text[])' : ""}
       ${lockClause(lock, "o")})
     UPDATE "Opportunity" o SET "contactableAfter" = (SELECT a."lastReachedAt" + $3 * INTERVAL '1 millisecond' FROM "Account" a WHERE a."id" = o."accountId")
     WHERE ${BY_TID("o")}`,
    onlyIds ? [runId, pgDate(since), capMs, onlyIds] : [runId, pgDate(since), capMs],
  );
}

export async function capMsOf(c: PgClient | PgPool): Promise<number> {
  const row = await c.query<{ value: string }>(`SELECT "value"::text AS "value" FROM "Setting" WHERE "key" = 'contactCapDays'`);
  return contactCapDays(row.rows[0]?.value) * 86_400_000;
}

export function stopwatch() {
  const ms: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (step: string) => {
    const t1 = performance.now();
    ms[step] = (ms[step] ?? 0) + Math.round(t1 - t0);
    t0 = t1;
  };
  return { ms, lap };
}

export async function activateRun(
  pool: PgPool, runId: string, extra: { counts: unknown; timings: unknown }, beforeCommit: (() => void | Promise<void>) | undefined, now: () => Date,
): Promise<ActivationCounts> {
  // The planner has not seen this run's rows yet (statistics date from the last ANALYZE): without
  // them it misjudges the joins on "runId" inside the transaction.
  const a0 = performance.now();
  await pool.query('ANALYZE "Opportunity", "AccountMetrics"');
  const analyzeMs = Math.round(performance.now() - a0);
  const started = now().getTime();
  const activation = await inTransaction(pool, async (c) => {
    const at = pgDate(started);
    const { ms, lap } = stopwatch();
    ms.analyzeBefore = analyzeMs;
    // Our own row first: a starter that declared this run stale meanwhile has won; give up early.
    const self = await c.query<{ status: string }>(`SELECT "status"::text AS "status" FROM "ScoringRun" WHERE "id" = $1 FOR UPDATE`, [runId]);
    if (self.rows[0]?.status !== "RUNNING") throw new Error(RUN_NOT_RUNNING(runId));
    const previous = (await c.query<{ id: string }>(`SELECT "id" FROM "ScoringRun" WHERE "active" = TRUE AND "id" <> $1 ORDER BY "startedAt" DESC`, [runId])).rows.map((r) => r.id);
    const capMs = await capMsOf(c);
    const capSince = now().getTime() - capMs;
    await applyContactCap(c, runId, capSince, capMs, null, "skip");
    lap("contactCap");
    // Worked offers move before the switch so no follow-up drops out of a queue, not even for a moment.
    const moved = await carryOver(c, previous, runId, at, capSince, capMs, null, "skip");
    lap("carryOver");
    await c.query(`UPDATE "ScoringRun" SET "active" = FALSE, "retiredAt" = $2::timestamp WHERE "active" = TRUE AND "id" <> $1`, [runId, at]);
    await beforeCommit?.();
    const activation: ActivationCounts = {
      previousRunId: previous[0] ?? null, carriedOver: moved.carriedOver, duplicatesDropped: moved.duplicatesDropped, expired: 0, accountsUpdated: 0, ms,
    };
    const counts = typeof extra.counts === "object" && extra.counts !== null ? { ...extra.counts, activation } : extra.counts;
    const done = await c.query(
      `UPDATE "ScoringRun" SET "status" = 'COMPLETED', "active" = TRUE, "stage" = 'done', "progress" = 1, "heartbeatAt" = $1::timestamp, "finishedAt" = $1::timestamp,
         "counts" = $2::jsonb, "timings" = $3::jsonb WHERE "id" = $4 AND "status" = 'RUNNING'`,
      [at, pgJson(counts), pgJson(extra.timings), runId],
    );
    if (done.rowCount !== 1) throw new Error(RUN_NOT_RUNNING(runId));
    lap("switch");
    return activation;
  });
  // The run is live from here on: nothing below may fail it. What is left unsettled is settled by the
  // next activation (the retired run keeps its retiredAt without a settledAt).
  try {
    // Saves committed while the transaction ran capped only the offers they could see (not the new run's):
    // cap the new run's offers of accounts reached since shortly before it started.
    const capMs = await capMsOf(pool);
    await inTransaction(pool, (c) => applyContactCap(c, runId, Math.max(now().getTime() - capMs, started - 60_000), capMs, null, "skip"));
    const settled = await settleRetiredRuns(pool, now);
    activation.expired += settled.expired;
    activation.carriedOver += settled.carriedOver;
    activation.duplicatesDropped += settled.duplicatesDropped;
    activation.accountsUpdated += settled.accountsUpdated;
    Object.assign(activation.ms, settled.ms);
    await pool.query(`UPDATE "ScoringRun" SET "counts" = jsonb_set("counts", '{activation}', $2::jsonb) WHERE "id" = $1 AND jsonb_typeof("counts") = 'object'`, [
      runId, pgJson(activation),
    ]);
    // Fresh planner statistics for the tables the run changed (ANALYZE samples, so it stays cheap).
    await pool.query('ANALYZE "Opportunity", "Account"');
  } catch (error) {
    console.warn(`scoring: run ${runId} is live; settling the previous run stopped and continues at the next activation: ${(error as Error).message}`);
    activation.ms.settleFailed = 1;
  }
  return activation;
}

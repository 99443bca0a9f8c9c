/**
 * Activation of a scoring run on PostgreSQL: one READ COMMITTED transaction, readers never wait (MVCC:
 * they see the previous run until COMMIT).
 *
 * Reps keep saving outcomes meanwhile; a save locks its offer, then the account, then the account's
 * other workable offers (of any run). A transaction that waited for such a row while holding others
 * could deadlock with a save, and PostgreSQL would abort one of them (the whole activation, or the
 * rep's save). So the activation never waits for a rep for long (only reps wait for it, until
 * COMMIT): small statements lock with SKIP LOCKED; the two big ones (expiry, accounts) first run plain
 * under a 100 ms lock_timeout and fall back to SKIP LOCKED when they meet a held row. Rows skipped because a save held them at that instant are
 * settled right after COMMIT by `settleLeftovers`, which runs the same statements waiting for the locks
 * (it holds almost nothing itself): those offers are carried over or expired, those accounts updated.
 */
import type { PgClient, PgPool } from "./postgres-sql";
import { inTransaction, pgDate, pgJson } from "./postgres-sql";
import { contactCapDays, WORKED } from "./store-common";
import type { ActivationCounts } from "./types";

/** "skip": never wait for a row another transaction holds; "wait": wait for it (after COMMIT only). */
type Lock = "skip" | "wait";
// NO KEY UPDATE is what an UPDATE of non-key columns takes; it leaves foreign-key checks of other
// inserts (KEY SHARE) unblocked. A DELETE needs the full FOR UPDATE.
const lockClause = (lock: Lock, of?: string, strength = "NO KEY UPDATE") => `FOR ${strength}${of ? ` OF ${of}` : ""}${lock === "skip" ? " SKIP LOCKED" : ""}`;

const RETRYABLE = new Set(["55P03", "40P01"]); // lock_not_available, deadlock_detected

export const RUN_NOT_RUNNING = (runId: string) => `scoring run ${runId} is no longer RUNNING (marked failed as stale?); results discarded`;

interface Step {
  expired: number;
  carriedOver: number;
  duplicatesDropped: number;
  accountsUpdated: number;
}

// Rows are locked in a CTE (SKIP LOCKED needs a SELECT) and then changed by their ctid: a TID scan, not a
// join over the whole table (which holds every run's offers). A row whose ctid no longer matches (it was
// updated in between) is simply left for the settling pass.
const BY_TID = (alias: string) => `${alias}."ctid" = ANY(ARRAY(SELECT "tid" FROM t))`;

/**
 * Runs the plain statement (one pass over the rows) under a short lock_timeout inside a savepoint, and
 * only when it meets a row a save holds (or would deadlock with one) rolls back to the savepoint and
 * runs the SKIP LOCKED form, which locks first and costs a second pass (about 1.5x on 300k rows).
 */
async function plainOrSkipLocked(c: PgClient, lock: Lock, plainSql: string, skipSql: string, params: unknown[]) {
  if (lock === "wait") return c.query(plainSql, params);
  await c.query("SAVEPOINT plain_pass");
  await c.query("SET LOCAL lock_timeout = '100ms'");
  try {
    const result = await c.query(plainSql, params);
    await c.query("RELEASE SAVEPOINT plain_pass");
    await c.query("SET LOCAL lock_timeout TO DEFAULT");
    return result;
  } catch (error) {
    if (!RETRYABLE.has((error as { code?: string }).code ?? "")) throw error;
    await c.query("ROLLBACK TO SAVEPOINT plain_pass");
    return c.query(skipSql, params);
  }
}

/** The data-changing statements of an activation, shared by the transaction and the settling pass. */
async function applySteps(c: PgClient, runId: string, previous: string[], lock: Lock, at: string, capSince: number, recentSince: number, capMs: number, lap: (s: string) => void): Promise<Step> {
  const cap = (since: number, onlyIds: string[] | null) =>
    c.query(
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
  // Contact cap on the new run's own offers: accounts reached within the cap keep waiting.
  await cap(capSince, null);
  lap("contactCap");
  // Untouched open offers of the previous run expire. Before the carry-over, so an offer a rep works
  // meanwhile is either expired already (the save then meets a new version) or moves below.
  const expired =
    (
      await plainOrSkipLocked(
        c, lock,
        `UPDATE "Opportunity" o SET "status" = 'EXPIRED', "closedAt" = $2::timestamp, "updatedAt" = $2::timestamp, "version" = o."version" + 1
         WHERE o."runId" = ANY($1::text[]) AND o."status" = 'OPEN' AND NOT (${WORKED("o")})`,
        `WITH t AS (SELECT o."ctid" AS "tid" FROM "Opportunity" o WHERE o."runId" = ANY($1::text[]) AND o."status" = 'OPEN' AND NOT (${WORKED("o")}) ${lockClause(lock)})
         UPDATE "Opportunity" o SET "status" = 'EXPIRED', "closedAt" = $2::timestamp, "updatedAt" = $2::timestamp, "version" = o."version" + 1
         WHERE ${BY_TID("o")}`,
        [previous, at],
      )
    ).rowCount ?? 0;
  lap("expire");
  // Worked offers are carried over by moving, so status, attempts, version and history stay.
  const moved = (
    await c.query<{ id: string; accountId: string; productId: string }>(
      `WITH t AS (SELECT o."ctid" AS "tid" FROM "Opportunity" o WHERE o."runId" = ANY($1::text[]) AND ${WORKED("o")} ${lockClause(lock)})
       UPDATE "Opportunity" o SET "runId" = $2, "updatedAt" = $3::timestamp WHERE ${BY_TID("o")}
       RETURNING o."id", o."accountId", o."productId"`,
      [previous, runId, at],
    )
  ).rows;
  let duplicatesDropped = 0;
  if (moved.length > 0) {
    // The new run's untouched offer for an (account, product) a rep is working gives way to the worked one.
    duplicatesDropped =
      (
        await c.query(
          `WITH t AS (
             SELECT n."ctid" AS "tid" FROM "Opportunity" n JOIN unnest($2::text[], $3::text[]) AS w("accountId", "productId")
               ON n."accountId" = w."accountId" AND n."productId" = w."productId"
             WHERE n."runId" = $1 AND NOT (n."id" = ANY($4::text[])) AND NOT (${WORKED("n")}) ${lockClause(lock, "n", "UPDATE")})
           DELETE FROM "Opportunity" n WHERE ${BY_TID("n")}`,
          [runId, moved.map((m) => m.accountId), moved.map((m) => m.productId), moved.map((m) => m.id)],
        )
      ).rowCount ?? 0;
    await cap(capSince, moved.map((m) => m.id));
  }
  // Accounts reached while this ran (READ COMMITTED shows their saves now) are capped too.
  await cap(recentSince, null);
  lap("carryOver");
  // Accounts last, and only rows whose values change, so a re-run on unchanged data writes little.
  const changed =
    (
      await plainOrSkipLocked(
        c, lock,
        `UPDATE "Account" a SET "segment" = m."segment", "clv" = m."clv", "pAlive" = m."pAlive" FROM "AccountMetrics" m
         WHERE m."runId" = $1 AND m."accountId" = a."id"
           AND (a."segment" IS DISTINCT FROM m."segment" OR a."clv" IS DISTINCT FROM m."clv" OR a."pAlive" IS DISTINCT FROM m."pAlive")`,
        `WITH t AS (
           SELECT a."ctid" AS "tid" FROM "Account" a JOIN "AccountMetrics" m ON m."accountId" = a."id"
           WHERE m."runId" = $1 AND (a."segment" IS DISTINCT FROM m."segment" OR a."clv" IS DISTINCT FROM m."clv" OR a."pAlive" IS DISTINCT FROM m."pAlive")
           ${lockClause(lock, "a")})
         UPDATE "Account" a SET "segment" = m."segment", "clv" = m."clv", "pAlive" = m."pAlive" FROM "AccountMetrics" m
         WHERE ${BY_TID("a")} AND m."runId" = $1 AND m."accountId" = a."id"`,
        [runId],
      )
    ).rowCount ?? 0;
  const cleared =
    (
      await c.query(
        `WITH t AS (
           SELECT a."ctid" AS "tid" FROM "Account" a WHERE (a."segment" IS NOT NULL OR a."clv" IS NOT NULL OR a."pAlive" IS NOT NULL)
             AND NOT EXISTS (SELECT 1 FROM "AccountMetrics" m WHERE m."runId" = $1 AND m."accountId" = a."id") ${lockClause(lock)})
         UPDATE "Account" a SET "segment" = NULL, "clv" = NULL, "pAlive" = NULL WHERE ${BY_TID("a")}`,
        [runId],
      )
    ).rowCount ?? 0;
  lap("accounts");
  return { expired, carriedOver: moved.length, duplicatesDropped, accountsUpdated: changed + cleared };
}

function stopwatch() {
  const ms: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (step: string) => {
    const t1 = performance.now();
    ms[step] = (ms[step] ?? 0) + Math.round(t1 - t0);
    t0 = t1;
  };
  return { ms, lap };
}

async function capMsOf(c: PgClient): Promise<number> {
  const row = await c.query<{ value: string }>(`SELECT "value"::text AS "value" FROM "Setting" WHERE "key" = 'contactCapDays'`);
  return contactCapDays(row.rows[0]?.value) * 86_400_000;
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
  const { activation, previous } = await inTransaction(pool, async (c) => {
    const at = pgDate(started);
    const { ms, lap } = stopwatch();
    ms.analyzeBefore = analyzeMs;
    // Our own row first: a starter that declared this run stale meanwhile has won; give up early.
    const self = await c.query<{ status: string }>(`SELECT "status"::text AS "status" FROM "ScoringRun" WHERE "id" = $1 FOR UPDATE`, [runId]);
    if (self.rows[0]?.status !== "RUNNING") throw new Error(RUN_NOT_RUNNING(runId));
    const previous = (await c.query<{ id: string }>(`SELECT "id" FROM "ScoringRun" WHERE "active" = TRUE AND "id" <> $1 ORDER BY "startedAt" DESC`, [runId])).rows.map((r) => r.id);
    const capMs = await capMsOf(c);
    const capSince = now().getTime() - capMs;
    const step = await applySteps(c, runId, previous, "skip", at, capSince, Math.max(capSince, started - 60_000), capMs, lap);
    await c.query(`UPDATE "ScoringRun" SET "active" = FALSE WHERE "active" = TRUE AND "id" <> $1`, [runId]);
    await beforeCommit?.();
    const activation: ActivationCounts = { previousRunId: previous[0] ?? null, ...step, ms };
    const counts = typeof extra.counts === "object" && extra.counts !== null ? { ...extra.counts, activation } : extra.counts;
    const done = await c.query(
      `UPDATE "ScoringRun" SET "status" = 'COMPLETED', "active" = TRUE, "stage" = 'done', "progress" = 1, "heartbeatAt" = $1::timestamp, "finishedAt" = $1::timestamp,
         "counts" = $2::jsonb, "timings" = $3::jsonb WHERE "id" = $4 AND "status" = 'RUNNING'`,
      [at, pgJson(counts), pgJson(extra.timings), runId],
    );
    if (done.rowCount !== 1) throw new Error(RUN_NOT_RUNNING(runId));
    return { activation, previous };
  });
  await settleLeftovers(pool, runId, previous, activation, started, now);
  // Fresh planner statistics for the tables the run changed (ANALYZE samples, so it stays cheap).
  await pool.query('ANALYZE "Opportunity", "Account"');
  return activation;
}

/**
 * After COMMIT: the rows the activation skipped (a save held them at that instant) are settled with
 * the same statements, now waiting for the locks (at most 5 s each, three attempts). Adds what it did
 * to the activation counts, here and in the stored run.
 */
async function settleLeftovers(pool: PgPool, runId: string, previous: string[], activation: ActivationCounts, started: number, now: () => Date): Promise<void> {
  const { ms, lap } = stopwatch();
  for (let attempt = 1; ; attempt++) {
    try {
      const step = await inTransaction(pool, async (c) => {
        await c.query("SET LOCAL lock_timeout = '5s'");
        const capMs = await capMsOf(c);
        const capSince = now().getTime() - capMs;
        return applySteps(c, runId, previous, "wait", pgDate(now()), capSince, Math.max(capSince, started - 60_000), capMs, () => {});
      });
      activation.expired += step.expired;
      activation.carriedOver += step.carriedOver;
      activation.duplicatesDropped += step.duplicatesDropped;
      activation.accountsUpdated += step.accountsUpdated;
      break;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || attempt >= 3) {
        // The run is active and consistent; only rows a save still held stay as they were.
        console.warn(`scoring: could not settle rows held by other transactions after activating ${runId}: ${(error as Error).message}`);
        activation.ms.settleFailed = 1;
        break;
      }
    }
  }
  lap("settle");
  activation.ms.settle = ms.settle;
  await pool.query(`UPDATE "ScoringRun" SET "counts" = jsonb_set("counts", '{activation}', $2::jsonb) WHERE "id" = $1 AND jsonb_typeof("counts") = 'object'`, [
    runId, pgJson(activation),
  ]);
}

/**
 * Settling retired scoring runs on PostgreSQL, after the new run went live (postgres-activate.ts): in
 * batches of accounts, each its own short transaction, the retired runs' untouched open offers expire,
 * offers a rep worked since are carried over to the active run, and accounts take the active run's
 * segment, CLV and P(alive). A batch locks with SKIP LOCKED, so it never waits for a rep's save (and can
 * never deadlock with one); a rep's save waits at most for one batch. Accounts whose rows a save held are
 * retried, at the end waiting for the locks. A run is marked settled when nothing of it is left, so a
 * process killed half-way leaves the rest to the next activation.
 */
import { applyContactCap, BY_TID, capMsOf, lockClause, stopwatch } from "./postgres-activate";
import type { PgClient, PgPool } from "./postgres-sql";
import { inTransaction, pgDate } from "./postgres-sql";
import { WORKED } from "./store-common";

/** "skip": never wait for a row another transaction holds; "wait": wait for it (only when little is held). */
export type Lock = "skip" | "wait";

/** Accounts per settling transaction: about 3 offers each, a few milliseconds of locks. */
export const SETTLE_BATCH_ACCOUNTS = 1000;

/** Accounts with id in (lo, hi]; hi null = to the end. */
export type AccountRange = { lo: string; hi: string | null };

const RETRYABLE = new Set(["55P03", "40P01"]); // lock_not_available, deadlock_detected

/** Numbered placeholders for one statement: `$(v)` appends a parameter and returns its "$n". */
function params(initial: unknown[] = []) {
  const values = [...initial];
  const $ = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  /** "AND col > $n [AND col <= $m]" for the account range (nothing when there is none). */
  const inRange = (col: string, range: AccountRange | null) =>
    !range ? "" : range.hi === null ? `AND ${col} > ${$(range.lo)}` : `AND ${col} > ${$(range.lo)} AND ${col} <= ${$(range.hi)}`;
  return { values, $, inRange };
}

/**
 * Moves worked offers of `fromRuns` (within the account range, when given) to `toRunId`, so status,
 * attempts, version and history stay; the new run's untouched offer for the same account and product
 * gives way, and the moved offers get the contact cap.
 */
export async function carryOver(
  c: PgClient, fromRuns: string[], toRunId: string, at: string, capSince: number, capMs: number, range: AccountRange | null, lock: Lock,
): Promise<{ carriedOver: number; duplicatesDropped: number }> {
  if (fromRuns.length === 0) return { carriedOver: 0, duplicatesDropped: 0 };
  const q = params([fromRuns, toRunId, at]);
  const moved = (
    await c.query<{ id: string; accountId: string; productId: string }>(
      `WITH t AS (SELECT o."ctid" AS "tid" FROM "Opportunity" o WHERE o."runId" = ANY($1::text[]) AND ${WORKED("o")} ${q.inRange('o."accountId"', range)} ${lockClause(lock)})
       UPDATE "Opportunity" o SET "runId" = $2, "updatedAt" = $3::timestamp WHERE ${BY_TID("o")}
       RETURNING o."id", o."accountId", o."productId"`,
      q.values,
    )
  ).rows;
  if (moved.length === 0) return { carriedOver: 0, duplicatesDropped: 0 };
  const duplicatesDropped =
    (
      await c.query(
        `WITH t AS (
           SELECT n."ctid" AS "tid" FROM "Opportunity" n JOIN unnest($2::text[], $3::text[]) AS w("accountId", "productId")
             ON n."accountId" = w."accountId" AND n."productId" = w."productId"
           WHERE n."runId" = $1 AND NOT (n."id" = ANY($4::text[])) AND NOT (${WORKED("n")}) ${lockClause(lock, "n", "UPDATE")})
         DELETE FROM "Opportunity" n WHERE ${BY_TID("n")}`,
        [toRunId, moved.map((m) => m.accountId), moved.map((m) => m.productId), moved.map((m) => m.id)],
      )
    ).rowCount ?? 0;
  await applyContactCap(c, toRunId, capSince, capMs, moved.map((m) => m.id), lock);
  return { carriedOver: moved.length, duplicatesDropped };
}

interface Settled {
  expired: number;
  carriedOver: number;
  duplicatesDropped: number;
  accountsUpdated: number;
}

/** One batch of accounts: expire, carry over, account figures. Returns what it did and whether rows were left (held by a save). */
async function settleRange(c: PgClient, retired: string[], activeRunId: string, range: AccountRange, lock: Lock, at: string, capSince: number, capMs: number): Promise<Settled & { left: boolean }> {
  let expired = 0;
  if (retired.length > 0) {
    const q = params([retired, at]);
    expired =
      (
        await c.query(
          `WITH t AS (SELECT o."ctid" AS "tid" FROM "Opportunity" o
                      WHERE o."runId" = ANY($1::text[]) AND o."status" = 'OPEN' AND NOT (${WORKED("o")}) ${q.inRange('o."accountId"', range)} ${lockClause(lock)})
           UPDATE "Opportunity" o SET "status" = 'EXPIRED', "closedAt" = $2::timestamp, "updatedAt" = $2::timestamp, "version" = o."version" + 1
           WHERE ${BY_TID("o")}`,
          q.values,
        )
      ).rowCount ?? 0;
  }
  const moved = await carryOver(c, retired, activeRunId, at, capSince, capMs, range, lock);
  // Accounts take the active run's figures (none when it has no metrics for them); only changed rows are written.
  const differs = `(a."segment" IS DISTINCT FROM m."segment" OR a."clv" IS DISTINCT FROM m."clv" OR a."pAlive" IS DISTINCT FROM m."pAlive")`;
  const u = params([activeRunId]);
  const uRange = u.inRange('a."id"', range);
  const accountsUpdated =
    (
      await c.query(
        `WITH t AS (
           SELECT a."id", m."segment", m."clv", m."pAlive" FROM "Account" a LEFT JOIN "AccountMetrics" m ON m."accountId" = a."id" AND m."runId" = $1
           WHERE ${differs} ${uRange} ${lockClause(lock, "a")})
         UPDATE "Account" a SET "segment" = t."segment", "clv" = t."clv", "pAlive" = t."pAlive" FROM t WHERE a."id" = t."id" ${uRange}`,
        u.values,
      )
    ).rowCount ?? 0;
  let left = false;
  if (lock === "skip") {
    // What a save held at that instant is still there: plain reads, no locks.
    const q = params([retired, activeRunId]);
    const rest = await c.query<{ n: string }>(
      `SELECT (SELECT COUNT(*) FROM "Opportunity" o WHERE o."runId" = ANY($1::text[]) AND o."status" IN ('OPEN', 'SNOOZED') ${q.inRange('o."accountId"', range)})
            + (SELECT COUNT(*) FROM "Account" a LEFT JOIN "AccountMetrics" m ON m."accountId" = a."id" AND m."runId" = $2 WHERE ${differs} ${q.inRange('a."id"', range)}) AS "n"`,
      q.values,
    );
    left = Number(rest.rows[0]?.n ?? 0) > 0;
  }
  return { expired, ...moved, accountsUpdated, left };
}

/** The account id after which the next batch ends (null: the batch runs to the end). */
async function batchEnd(pool: PgPool, lo: string): Promise<string | null> {
  const row = await pool.query<{ id: string }>(`SELECT "id" FROM "Account" WHERE "id" > $1 ORDER BY "id" OFFSET $2 LIMIT 1`, [lo, SETTLE_BATCH_ACCOUNTS - 1]);
  return row.rows[0]?.id ?? null;
}

/**
 * Settles every retired, unsettled run against the active one; resolves to the totals. Safe to run
 * concurrently with saves and with another settling process (every statement is idempotent).
 */
export async function settleRetiredRuns(pool: PgPool, now: () => Date): Promise<Settled & { ms: Record<string, number> }> {
  const { ms, lap } = stopwatch();
  const total: Settled = { expired: 0, carriedOver: 0, duplicatesDropped: 0, accountsUpdated: 0 };
  const active = (await pool.query<{ id: string }>(`SELECT "id" FROM "ScoringRun" WHERE "active" = TRUE LIMIT 1`)).rows[0]?.id;
  if (!active) return { ...total, ms };
  const retired = (await pool.query<{ id: string }>(`SELECT "id" FROM "ScoringRun" WHERE "retiredAt" IS NOT NULL AND "settledAt" IS NULL AND "active" = FALSE`)).rows.map((r) => r.id);
  const capMs = await capMsOf(pool);
  const add = (s: Settled) => {
    total.expired += s.expired;
    total.carriedOver += s.carriedOver;
    total.duplicatesDropped += s.duplicatesDropped;
    total.accountsUpdated += s.accountsUpdated;
  };
  const pending: AccountRange[] = [];
  let batches = 0;
  for (let lo = ""; ; ) {
    const hi = await batchEnd(pool, lo);
    const range = { lo, hi };
    const s = await inTransaction(pool, (c) => settleRange(c, retired, active, range, "skip", pgDate(now()), now().getTime() - capMs, capMs));
    add(s);
    batches++;
    if (s.left) pending.push(range);
    if (hi === null) break;
    lo = hi;
  }
  lap("settle");
  // Ranges a save held: again without waiting, then waiting for the locks (only a few rows are held).
  for (let attempt = 1; pending.length > 0 && attempt <= 4; attempt++) {
    await new Promise((r) => setTimeout(r, 50 * attempt));
    const lock: Lock = attempt === 4 ? "wait" : "skip";
    for (const range of pending.splice(0)) {
      try {
        const s = await inTransaction(pool, async (c) => {
          if (lock === "wait") await c.query("SET LOCAL lock_timeout = '5s'");
          return settleRange(c, retired, active, range, lock, pgDate(now()), now().getTime() - capMs, capMs);
        });
        add(s);
        if (s.left) pending.push(range);
      } catch (error) {
        if (!RETRYABLE.has((error as { code?: string }).code ?? "")) throw error;
        pending.push(range);
      }
    }
  }
  lap("settleRetries");
  ms.settleBatches = batches;
  if (pending.length === 0 && retired.length > 0) {
    await pool.query(`UPDATE "ScoringRun" SET "settledAt" = $2::timestamp WHERE "id" = ANY($1::text[])`, [retired, pgDate(now())]);
  } else if (pending.length > 0) {
    // The run is live and consistent; the held rows are settled by the next activation.
    console.warn(`scoring: ${pending.length} account batch(es) held by other transactions stay unsettled until the next activation`);
    ms.settleLeft = pending.length;
  }
  return { ...total, ms };
}

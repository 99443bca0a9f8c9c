/**
 * Activation and settling on SQLite (the twin of postgres-activate.ts and postgres-settle.ts). SQLite
 * has one writer at a time, so the run's activation is split into short write transactions: the
 * switch (worked offers carried over, contact cap, new run live) touches few rows; then the retired
 * runs' untouched open offers expire and accounts take their new figures in batches of accounts, with a
 * pause after each batch as long as the batch took, so the app's saves (waiting in SQLite's busy
 * handler) get the write lock in between instead of waiting seconds for one big transaction.
 */
import { sqliteDate, type Db } from "./sqlite-sql";
import { contactCapDays, WORKED } from "./store-common";

/** Accounts per settling transaction (about 3 offers each; a few milliseconds of write lock). */
export const SQLITE_SETTLE_BATCH_ACCOUNTS = 1000;

export type Totals = { expired: number; carriedOver: number; duplicatesDropped: number; accountsUpdated: number };

export function capMsOf(db: Db): number {
  const row = db.prepare(`SELECT "value" FROM "Setting" WHERE "key" = 'contactCapDays'`).get() as { value: string } | undefined;
  return contactCapDays(row?.value) * 86_400_000;
}

const inRange = (col: string, hi: string | null) => (hi === null ? `${col} > ?` : `${col} > ? AND ${col} <= ?`);
const rangeArgs = (lo: string, hi: string | null) => (hi === null ? [lo] : [lo, hi]);

/**
 * Contact cap on `runId`'s open offers of accounts reached since `since` (optionally only in an account
 * range): they wait until the last contact plus the cap.
 */
export function applyContactCap(db: Db, runId: string, since: number, capMs: number, range: { lo: string; hi: string | null } | null = null): void {
  const reached = db
    .prepare(`SELECT "id", "lastReachedAt" FROM "Account" WHERE "lastReachedAt" >= ?${range ? ` AND ${inRange('"id"', range.hi)}` : ""}`)
    .all(sqliteDate(since), ...(range ? rangeArgs(range.lo, range.hi) : [])) as { id: string; lastReachedAt: string }[];
  const cap = db.prepare(
    `UPDATE "Opportunity" SET "contactableAfter" = ? WHERE "runId" = ? AND "accountId" = ? AND "status" = 'OPEN' AND ("contactableAfter" IS NULL OR "contactableAfter" < ?)`,
  );
  for (const a of reached) {
    const until = sqliteDate(new Date(a.lastReachedAt).getTime() + capMs);
    cap.run(until, runId, a.id, until);
  }
}

/** Moves worked offers of `fromRuns` (in the account range, when given) to `toRunId`; the new run's untouched duplicate gives way. */
export function carryOver(db: Db, fromRuns: string[], toRunId: string, at: string, range: { lo: string; hi: string | null } | null): { carriedOver: number; duplicatesDropped: number } {
  if (fromRuns.length === 0) return { carriedOver: 0, duplicatesDropped: 0 };
  const list = fromRuns.map(() => "?").join(", ");
  const worked = db
    // Within an account range the account index must drive (the unary + keeps SQLite off the runId
    // index, which would walk every offer of the retired run for each batch).
    .prepare(`SELECT "id", "accountId", "productId" FROM "Opportunity" WHERE ${range ? '+"runId"' : '"runId"'} IN (${list}) AND ${WORKED('"Opportunity"')}${range ? ` AND ${inRange('"accountId"', range.hi)}` : ""}`)
    .all(...fromRuns, ...(range ? rangeArgs(range.lo, range.hi) : [])) as { id: string; accountId: string; productId: string }[];
  const dropDuplicate = db.prepare(`DELETE FROM "Opportunity" WHERE "accountId" = ? AND "productId" = ? AND "runId" = ? AND "id" <> ? AND NOT (${WORKED('"Opportunity"')})`);
  // Moving keeps status, attempts, version and the Activity history as they are.
  const move = db.prepare('UPDATE "Opportunity" SET "runId" = ?, "updatedAt" = ? WHERE "id" = ?');
  let duplicatesDropped = 0;
  let carriedOver = 0;
  for (const w of worked) {
    duplicatesDropped += dropDuplicate.run(w.accountId, w.productId, toRunId, w.id).changes;
    carriedOver += move.run(toRunId, at, w.id).changes;
  }
  return { carriedOver, duplicatesDropped };
}

/**
 * Batches follow the rows' physical order (rowid windows), not account ids: a window of consecutive
 * rowids is a run of adjacent pages, while 1,000 accounts picked by id sit on about as many scattered
 * pages (each batch would then write half a thousand pages to the WAL for a thousand rows).
 */
const OPPORTUNITY_WINDOW = 2000;
const ACCOUNT_WINDOW = 1000;

/** The retired runs' untouched open offers in one rowid window expire. */
function expireWindow(db: Db, retired: string[], from: number, to: number, at: string): number {
  const list = retired.map(() => "?").join(", ");
  return db
    .prepare(
      `UPDATE "Opportunity" SET "status" = 'EXPIRED', "closedAt" = ?, "updatedAt" = ?, "version" = "version" + 1
       WHERE "rowid" > ? AND "rowid" <= ? AND "runId" IN (${list}) AND "status" = 'OPEN' AND NOT (${WORKED('"Opportunity"')})`,
    )
    .run(at, at, from, to, ...retired).changes;
}

/** Accounts in one rowid window take the active run's segment, CLV and P(alive) (none without metrics). */
function accountsWindow(db: Db, active: string, from: number, to: number): number {
  const sub = (col: string) => `(SELECT m."${col}" FROM "AccountMetrics" m WHERE m."runId" = ? AND m."accountId" = "Account"."id")`;
  return db
    .prepare(`UPDATE "Account" SET "segment" = ${sub("segment")}, "clv" = ${sub("clv")}, "pAlive" = ${sub("pAlive")} WHERE "rowid" > ? AND "rowid" <= ?`)
    .run(active, active, active, from, to).changes;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Settles every retired, unsettled run against the active one, in short transactions. */
export async function settleRetiredRuns(db: Db, now: () => Date): Promise<Totals & { ms: Record<string, number> }> {
  const total: Totals = { expired: 0, carriedOver: 0, duplicatesDropped: 0, accountsUpdated: 0 };
  const t0 = performance.now();
  const active = (db.prepare(`SELECT "id" FROM "ScoringRun" WHERE "active" = TRUE LIMIT 1`).get() as { id: string } | undefined)?.id;
  if (!active) return { ...total, ms: {} };
  const retired = (db.prepare(`SELECT "id" FROM "ScoringRun" WHERE "retiredAt" IS NOT NULL AND "settledAt" IS NULL AND "active" = FALSE`).all() as { id: string }[]).map((r) => r.id);
  let batches = 0;
  let lockedMs = 0;
  // One short write transaction, then a pause as long as it held the lock (1-20 ms), so writers polling
  // in their busy handler get their turn.
  const batch = async <T>(work: () => T): Promise<T> => {
    const b0 = performance.now();
    const result = db.transaction(work).immediate();
    const took = performance.now() - b0;
    lockedMs += took;
    batches++;
    await pause(Math.min(20, Math.max(1, Math.round(took))));
    return result;
  };
  for (const runId of retired) {
    // Where the run's open offers lie (one read, outside any write transaction).
    const span = db.prepare(`SELECT MIN("rowid") AS "lo", MAX("rowid") AS "hi" FROM "Opportunity" WHERE "runId" = ? AND "status" = 'OPEN'`).get(runId) as { lo: number | null; hi: number | null };
    if (span.lo === null || span.hi === null) continue;
    for (let from = span.lo - 1; from < span.hi; from += OPPORTUNITY_WINDOW) {
      total.expired += await batch(() => expireWindow(db, [runId], from, Math.min(span.hi!, from + OPPORTUNITY_WINDOW), sqliteDate(now())));
    }
  }
  // Offers worked since the switch (few): found with a read, moved in small transactions.
  if (retired.length > 0) {
    const list = retired.map(() => "?").join(", ");
    const accounts = [...new Set((db.prepare(`SELECT "accountId" FROM "Opportunity" WHERE "runId" IN (${list}) AND ${WORKED('"Opportunity"')}`).all(...retired) as { accountId: string }[]).map((r) => r.accountId))].sort();
    const capMs = capMsOf(db);
    for (let i = 0; i < accounts.length; i += 500) {
      const lo = i === 0 ? "" : accounts[i - 1];
      const hi = accounts[Math.min(accounts.length, i + 500) - 1];
      const moved = await batch(() => {
        const m = carryOver(db, retired, active, sqliteDate(now()), { lo, hi });
        if (m.carriedOver > 0) applyContactCap(db, active, now().getTime() - capMs, capMs, { lo, hi });
        return m;
      });
      total.carriedOver += moved.carriedOver;
      total.duplicatesDropped += moved.duplicatesDropped;
    }
  }
  const accounts = db.prepare(`SELECT MIN("rowid") AS "lo", MAX("rowid") AS "hi" FROM "Account"`).get() as { lo: number | null; hi: number | null };
  if (accounts.lo !== null && accounts.hi !== null) {
    for (let from = accounts.lo - 1; from < accounts.hi; from += ACCOUNT_WINDOW) {
      total.accountsUpdated += await batch(() => accountsWindow(db, active, from, Math.min(accounts.hi!, from + ACCOUNT_WINDOW)));
    }
  }
  if (retired.length > 0) {
    const list = retired.map(() => "?").join(", ");
    db.prepare(`UPDATE "ScoringRun" SET "settledAt" = ? WHERE "id" IN (${list})`).run(sqliteDate(now()), ...retired);
  }
  return { ...total, ms: { settle: Math.round(performance.now() - t0), settleLocked: Math.round(lockedMs), settleBatches: batches } };
}

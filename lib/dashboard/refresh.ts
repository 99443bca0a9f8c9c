/**
 * Rebuilds the dashboard facts from the raw rows. Day facts (orders, lines, attach, activities) are
 * recomputed for a range of business days; run facts (funnel, uplift) for the scoring runs whose
 * purchase window reaches into that range. Each fact table of a range is replaced in one transaction,
 * so a reader sees either the old or the new aggregates, never half.
 *
 * Portable SQL only: days come from the DashboardDay calendar (each local day's instants, computed
 * here with the time-zone rules), joined by range, so no date arithmetic or time-zone function runs in
 * the database; the same statements run on SQLite and PostgreSQL.
 */
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { WINDOW_DAYS } from "@/lib/scoring/compute-opportunities";
import { DEFAULT_SETTINGS, settingsSchema } from "@/lib/validations/settings";
import { addDays, calendar, dayIn } from "./calendar";
import { insertRunFunnel, insertRunUplift, readRunFunnel, readRunUplift, type FunnelPart, type UpliftPart } from "./refresh-runs";

type Tx = Prisma.TransactionClient;

export interface RefreshRange {
  /** First business day to rebuild (default: the first day with an order). */
  from?: string;
  /** Last business day to rebuild (default: the last day with data). */
  to?: string;
  /** Only these scoring runs' facts (default: every run whose window reaches into the range). */
  runs?: readonly string[];
  /** Receives each step's duration (benchmarks, --verbose). */
  onStep?: (step: string, ms: number) => void;
}

export interface RefreshSummary {
  timeZone: string;
  from: string | null;
  to: string | null;
  runs: number;
  ms: number;
}

const TX = { timeout: 600_000, maxWait: 60_000 } as const;
const CONNECT = Prisma.sql`('NOT_INTERESTED', 'INTERESTED', 'WON', 'DO_NOT_CONTACT')`;

/** The business time zone from the settings (default when absent or invalid). */
export async function businessTimeZone(db: PrismaClient | Tx): Promise<string> {
  const row = await db.setting.findUnique({ where: { key: "timeZone" }, select: { value: true } });
  const parsed = settingsSchema.shape.timeZone.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS.timeZone;
}

/** A run's window: from its as-of day, WINDOW_DAYS days (the run's parameters, else its start). */
export function runWindow(run: { parameters: unknown; startedAt: Date }, timeZone: string): { runDay: string; lastDay: string } {
  const asOf = (run.parameters as { asOf?: unknown } | null)?.asOf;
  const runDay = typeof asOf === "string" && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : dayIn(run.startedAt, timeZone);
  return { runDay, lastDay: addDays(runDay, WINDOW_DAYS - 1) };
}

/** Rebuilds the facts; call after a scoring run, after outcome logging (from a job) or on demand. */
export async function refreshDashboardFacts(db: PrismaClient, range: RefreshRange = {}): Promise<RefreshSummary> {
  const started = performance.now();
  const timeZone = await businessTimeZone(db);
  const [orders, activities, runs] = await Promise.all([
    db.order.aggregate({ _min: { orderedAt: true }, _max: { orderedAt: true } }),
    db.activity.aggregate({ _min: { createdAt: true }, _max: { createdAt: true } }),
    db.scoringRun.findMany({ where: { status: "COMPLETED" }, select: { id: true, parameters: true, startedAt: true } }),
  ]);
  const firstInstant = [orders._min.orderedAt, activities._min.createdAt].filter((d): d is Date => d !== null).sort((a, b) => +a - +b)[0];
  const lastInstant = [orders._max.orderedAt, activities._max.createdAt].filter((d): d is Date => d !== null).sort((a, b) => +b - +a)[0];
  if (!firstInstant || !lastInstant) return { timeZone, from: null, to: null, runs: 0, ms: performance.now() - started };
  const windows = runs.map((r) => ({ id: r.id, ...runWindow(r, timeZone) }));
  const from = range.from ?? dayIn(firstInstant, timeZone);
  const to = range.to ?? dayIn(lastInstant, timeZone);
  // The calendar covers the data and every run's window, so window bounds can be looked up as days.
  const calFrom = [dayIn(firstInstant, timeZone), ...windows.map((w) => w.runDay)].sort()[0];
  const calTo = [to, dayIn(lastInstant, timeZone), ...windows.map((w) => w.lastDay)].sort().at(-1)!;
  let t = performance.now();
  const step = (name: string) => {
    range.onStep?.(name, performance.now() - t);
    t = performance.now();
  };
  await writeCalendar(db, calFrom, calTo, timeZone);
  step("calendar");

  // Categories first: the order facts carry their sum over categories (the unfiltered view reads that).
  await db.$transaction(async (tx) => {
    await tx.categoryDayFact.deleteMany({ where: { day: { gte: from, lte: to } } });
    await insertCategoryDays(tx, from, to);
  }, TX);
  step("categories");
  await db.$transaction(async (tx) => {
    await tx.orderDayFact.deleteMany({ where: { day: { gte: from, lte: to } } });
    await insertOrderDays(tx, from, to);
    await addLineSums(tx, from, to);
  }, TX);
  step("orders");
  await db.$transaction(async (tx) => {
    await tx.pairRepDayFact.deleteMany({ where: { day: { gte: from, lte: to } } });
    await insertPairRepDays(tx, from, to);
  }, TX);
  step("pairs per rep");
  await db.$transaction(async (tx) => {
    await tx.pairDayFact.deleteMany({ where: { day: { gte: from, lte: to } } });
    await insertPairDays(tx, from, to);
  }, TX);
  step("pairs");
  await db.$transaction(async (tx) => {
    await rebuildActivityDays(tx, from, to);
  }, TX);
  step("activities");

  // Runs whose window touches the range; facts of runs that no longer exist (or failed) go too.
  const touched = windows.filter((w) => (range.runs ? range.runs.includes(w.id) : w.lastDay >= from));
  const ids = runs.map((r) => r.id);
  await db.$transaction(async (tx) => {
    await tx.opportunityFact.deleteMany({ where: { runId: { notIn: ids } } });
    await tx.upliftFact.deleteMany({ where: { runId: { notIn: ids } } });
    await tx.upliftOfferFact.deleteMany({ where: { runId: { notIn: ids } } });
  }, TX);
  for (const w of touched) {
    await db.$transaction(async (tx) => {
      await tx.opportunityFact.deleteMany({ where: { runId: w.id } });
      await tx.upliftFact.deleteMany({ where: { runId: w.id } });
      await tx.upliftOfferFact.deleteMany({ where: { runId: w.id } });
      await insertRunFunnel(tx, w.id, w.runDay);
      step(`funnel ${w.runDay}`);
      await insertRunUplift(tx, w.id, w.runDay, w.lastDay);
      step(`uplift ${w.runDay}`);
    }, TX);
  }
  return { timeZone, from, to, runs: touched.length, ms: performance.now() - started };
}

export interface OutcomeRefreshSummary {
  /** Transactions written, and the longest one (what a SQLite writer holds the lock for). */
  transactions: number;
  longestMs: number;
  ms: number;
  /** Each transaction's duration: activities, then the funnel and uplift parts. */
  steps: { step: string; ms: number }[];
}

/**
 * After outcomes were logged on these offers: only the facts an outcome can change, each part in its own
 * short transaction. An outcome writes an Activity (today's activity facts) and moves its offer's status
 * (its run's funnel rows of the offer's assignee and segment) and adds a contact (its run's uplift rows
 * of the account's owner and segment: contacts, contacted accounts, offer contacts). Orders are not
 * touched, so purchase facts, buyers and revenue stay as they are. Whole runs are rebuilt by the scoring
 * run (refreshAfterScoring); an owner or segment that changed since the run's facts were built is caught
 * there too.
 */
export async function refreshAfterOutcomes(db: PrismaClient, opportunityIds: readonly string[]): Promise<OutcomeRefreshSummary> {
  const started = performance.now();
  const summary: OutcomeRefreshSummary = { transactions: 0, longestMs: 0, ms: 0, steps: [] };
  const timeZone = await businessTimeZone(db);
  const today = dayIn(new Date(), timeZone);
  const opps = await db.opportunity.findMany({
    where: { id: { in: [...opportunityIds] } },
    select: { runId: true, assigneeId: true, account: { select: { ownerId: true, segment: true } }, run: { select: { parameters: true, startedAt: true } } },
  });
  if ((await db.dashboardDay.count({ where: { day: today } })) === 0) {
    // The calendar ends a day after the last run's window: extend it through today (a small table).
    const span = await db.dashboardDay.aggregate({ _min: { day: true }, _max: { day: true } });
    const first = span._min.day ? addDays(span._min.day, 1) : today;
    const last = span._max.day && addDays(span._max.day, -1) > today ? addDays(span._max.day, -1) : today;
    await writeCalendar(db, first < today ? first : today, last, timeZone);
  }
  const write = async (step: string, fn: (tx: Tx) => Promise<void>) => {
    const t = performance.now();
    await db.$transaction(fn, TX);
    const ms = performance.now() - t;
    summary.transactions++;
    summary.longestMs = Math.max(summary.longestMs, ms);
    summary.steps.push({ step, ms });
  };
  await write("activities", async (tx) => {
    await rebuildActivityDays(tx, today, today);
  });
  const funnel = new Map<string, { runId: string; runDay: string; part: FunnelPart }>();
  const uplift = new Map<string, { runId: string; runDay: string; lastDay: string; part: UpliftPart }>();
  for (const o of opps) {
    const w = runWindow(o.run, timeZone);
    const segment = o.account.segment ?? "";
    funnel.set(JSON.stringify([o.runId, o.assigneeId, segment]), { runId: o.runId, runDay: w.runDay, part: { assigneeId: o.assigneeId, segment } });
    uplift.set(JSON.stringify([o.runId, o.account.ownerId, segment]), { runId: o.runId, runDay: w.runDay, lastDay: w.lastDay, part: { ownerId: o.account.ownerId, segment } });
  }
  // Each part is computed by a read, outside any transaction (a WAL reader never blocks the writer), then
  // swapped in by a transaction that only deletes and inserts its few rows. An outcome saved in between
  // has scheduled its own refresh, which runs after this one and reads it.
  for (const f of funnel.values()) {
    const rows = await readRunFunnel(db, f.runId, f.runDay, f.part);
    await write("funnel", async (tx) => {
      await tx.opportunityFact.deleteMany({ where: { runId: f.runId, ...f.part } });
      await tx.opportunityFact.createMany({ data: rows });
    });
  }
  for (const u of uplift.values()) {
    const rows = await readRunUplift(db, u.runId, u.runDay, u.lastDay, u.part);
    await write("uplift", async (tx) => {
      await tx.upliftFact.deleteMany({ where: { runId: u.runId, ...u.part } });
      await tx.upliftOfferFact.deleteMany({ where: { runId: u.runId, ...u.part } });
      await tx.upliftOfferFact.createMany({ data: rows.offers });
      await tx.upliftFact.createMany({ data: rows.uplift });
    });
  }
  summary.ms = performance.now() - started;
  return summary;
}

async function writeCalendar(db: PrismaClient, from: string, to: string, timeZone: string): Promise<void> {
  const days = calendar(addDays(from, -1), addDays(to, 1), timeZone);
  // Unchanged (same days, same time zone) is the common case: leave it.
  const existing = await db.dashboardDay.findMany({ select: { day: true, startsAt: true } });
  const have = new Map(existing.map((d) => [d.day, d.startsAt.getTime()]));
  if (existing.length === days.length && days.every((d) => have.get(d.day) === d.startsAt.getTime())) return;
  await db.$transaction(async (tx) => {
    await tx.dashboardDay.deleteMany({});
    for (let i = 0; i < days.length; i += 500) await tx.dashboardDay.createMany({ data: days.slice(i, i + 500) });
  }, TX);
}

const team = Prisma.sql`COALESCE(a."teamId", '')`;
const segment = Prisma.sql`COALESCE(a."segment", '')`;

async function insertOrderDays(tx: Tx, from: string, to: string): Promise<void> {
  // Per (day, account) first, so buyers and distinct products are exact per day.
  await tx.$executeRaw`
    INSERT INTO "OrderDayFact" ("day", "teamId", "ownerId", "segment", "orders", "revenueCents", "buyers", "customerProducts")
    SELECT x."day", ${team}, a."ownerId", ${segment}, SUM(x."orders"), SUM(x."revenue"), COUNT(*), SUM(x."products")
    FROM (
      SELECT c."day" AS "day", o."accountId" AS "accountId", COUNT(*) AS "orders", SUM(o."totalCents") AS "revenue",
        (SELECT COUNT(DISTINCT l."productId") FROM "OrderLine" l JOIN "Order" o2 ON o2."id" = l."orderId"
          WHERE o2."accountId" = o."accountId" AND o2."orderedAt" >= c."startsAt" AND o2."orderedAt" < c."endsAt") AS "products"
      FROM "DashboardDay" c
      JOIN "Order" o ON o."orderedAt" >= c."startsAt" AND o."orderedAt" < c."endsAt"
      WHERE c."day" >= ${from} AND c."day" <= ${to}
      GROUP BY c."day", c."startsAt", c."endsAt", o."accountId"
    ) x
    JOIN "Account" a ON a."id" = x."accountId"
    GROUP BY x."day", ${team}, a."ownerId", ${segment}`;
}

/** The order facts' line sums: CategoryDayFact (just rebuilt for these days) summed over categories. */
async function addLineSums(tx: Tx, from: string, to: string): Promise<void> {
  const sum = (col: string) => Prisma.sql`(SELECT COALESCE(SUM(c.${Prisma.raw(`"${col}"`)}), 0) FROM "CategoryDayFact" c
    WHERE c."day" = "OrderDayFact"."day" AND c."ownerId" = "OrderDayFact"."ownerId" AND c."segment" = "OrderDayFact"."segment")`;
  await tx.$executeRaw`
    UPDATE "OrderDayFact" SET "lineRevenueCents" = ${sum("revenueCents")}, "crossSellRevenueCents" = ${sum("crossSellRevenueCents")},
      "crossSellQuantity" = ${sum("crossSellQuantity")}, "crossSellReturned" = ${sum("crossSellReturned")}
    WHERE "day" >= ${from} AND "day" <= ${to}`;
}

/** Activity facts of these days, and their sum over categories and pairs (ActivityRepDayFact). */
async function rebuildActivityDays(tx: Tx, from: string, to: string): Promise<void> {
  await tx.activityDayFact.deleteMany({ where: { day: { gte: from, lte: to } } });
  await tx.activityRepDayFact.deleteMany({ where: { day: { gte: from, lte: to } } });
  await insertActivityDays(tx, from, to);
  await tx.$executeRaw`
    INSERT INTO "ActivityRepDayFact" ("day", "teamId", "userId", "segment", "activities", "connects", "won", "wonAmountCents")
    SELECT "day", "teamId", "userId", "segment", SUM("activities"), SUM("connects"), SUM("won"), SUM("wonAmountCents")
    FROM "ActivityDayFact" WHERE "day" >= ${from} AND "day" <= ${to}
    GROUP BY "day", "teamId", "userId", "segment"`;
}

async function insertCategoryDays(tx: Tx, from: string, to: string): Promise<void> {
  const cross = Prisma.sql`l."opportunityId" IS NOT NULL`;
  await tx.$executeRaw`
    INSERT INTO "CategoryDayFact" ("day", "teamId", "ownerId", "segment", "category", "revenueCents", "quantity", "returnedQuantity",
      "crossSellRevenueCents", "crossSellQuantity", "crossSellReturned")
    SELECT c."day", ${team}, a."ownerId", ${segment}, p."category",
      SUM(l."quantity" * l."unitPriceCents"), SUM(l."quantity"), SUM(l."returnedQuantity"),
      SUM(CASE WHEN ${cross} THEN l."quantity" * l."unitPriceCents" ELSE 0 END),
      SUM(CASE WHEN ${cross} THEN l."quantity" ELSE 0 END),
      SUM(CASE WHEN ${cross} THEN l."returnedQuantity" ELSE 0 END)
    FROM "DashboardDay" c
    JOIN "Order" o ON o."orderedAt" >= c."startsAt" AND o."orderedAt" < c."endsAt"
    JOIN "OrderLine" l ON l."orderId" = o."id"
    JOIN "Account" a ON a."id" = o."accountId"
    JOIN "Product" p ON p."id" = l."productId"
    WHERE c."day" >= ${from} AND c."day" <= ${to}
    GROUP BY c."day", ${team}, a."ownerId", ${segment}, p."category"`;
}

async function insertPairDays(tx: Tx, from: string, to: string): Promise<void> {
  // An order has one account, so one owner and segment: the per-rep counts add up to the team's.
  await tx.$executeRaw`
    INSERT INTO "PairDayFact" ("day", "teamId", "pairId", "category", "ordersWithSource", "ordersWithBoth")
    SELECT "day", "teamId", "pairId", "category", SUM("ordersWithSource"), SUM("ordersWithBoth")
    FROM "PairRepDayFact" WHERE "day" >= ${from} AND "day" <= ${to}
    GROUP BY "day", "teamId", "pairId", "category"`;
}

async function insertPairRepDays(tx: Tx, from: string, to: string): Promise<void> {
  // Per order first (its owner, segment and pair, and whether it also holds the target), then counted.
  await tx.$executeRaw`
    INSERT INTO "PairRepDayFact" ("day", "teamId", "ownerId", "segment", "pairId", "category", "ordersWithSource", "ordersWithBoth")
    SELECT c."day", ${team}, a."ownerId", ${segment}, pp."id", tp."category", COUNT(DISTINCT o."id"),
      COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM "OrderLine" lt WHERE lt."orderId" = o."id" AND lt."productId" = pp."targetProductId") THEN o."id" END)
    FROM "DashboardDay" c
    JOIN "Order" o ON o."orderedAt" >= c."startsAt" AND o."orderedAt" < c."endsAt"
    JOIN "OrderLine" ls ON ls."orderId" = o."id"
    JOIN "ProductPair" pp ON pp."sourceProductId" = ls."productId" AND pp."active" = true
    JOIN "Product" tp ON tp."id" = pp."targetProductId"
    JOIN "Account" a ON a."id" = o."accountId"
    WHERE c."day" >= ${from} AND c."day" <= ${to}
    GROUP BY c."day", ${team}, a."ownerId", ${segment}, pp."id", tp."category"`;
}

async function insertActivityDays(tx: Tx, from: string, to: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "ActivityDayFact" ("day", "teamId", "userId", "segment", "category", "pairId", "activities", "connects", "interested", "won",
      "wonAmountCents", "durationSeconds")
    SELECT c."day", COALESCE(u."teamId", ''), act."userId", ${segment}, COALESCE(p."category", ''), COALESCE(op."pairId", ''), COUNT(*),
      SUM(CASE WHEN act."outcome" IN ${CONNECT} THEN 1 ELSE 0 END),
      SUM(CASE WHEN act."outcome" = 'INTERESTED' THEN 1 ELSE 0 END),
      SUM(CASE WHEN act."outcome" = 'WON' THEN 1 ELSE 0 END),
      SUM(COALESCE(act."wonAmountCents", 0)), SUM(COALESCE(act."durationSeconds", 0))
    FROM "DashboardDay" c
    JOIN "Activity" act ON act."createdAt" >= c."startsAt" AND act."createdAt" < c."endsAt"
    JOIN "Account" a ON a."id" = act."accountId"
    JOIN "User" u ON u."id" = act."userId"
    LEFT JOIN "Opportunity" op ON op."id" = act."opportunityId"
    LEFT JOIN "Product" p ON p."id" = op."productId"
    WHERE c."day" >= ${from} AND c."day" <= ${to}
    GROUP BY c."day", COALESCE(u."teamId", ''), act."userId", ${segment}, COALESCE(p."category", ''), COALESCE(op."pairId", '')`;
}

/**
 * After a scoring run: the new run's facts, the runs it expired offers of, and the last window's days.
 * Derived data: a failure is reported and the run stands (the next refresh catches up).
 */
export async function refreshAfterScoring(url: string, asOf: string): Promise<void> {
  const { createPrismaClient } = await import("@/lib/prisma-client");
  const db = createPrismaClient(url);
  try {
    // No facts yet, or facts built before any run had segmented the accounts (a fresh seed or import):
    // rebuilt in full once; afterwards each run refreshes its own window.
    const never = (await db.dashboardDay.count()) === 0;
    const unsegmented = (await db.upliftFact.count({ where: { segment: "" } })) > 0 && (await db.account.count({ where: { segment: { not: null } } })) > 0;
    // A fact table added by a later migration (per-rep attach, offer contacts) is filled for every day once.
    const added =
      ((await db.pairRepDayFact.count()) === 0 && (await db.pairDayFact.count()) > 0) ||
      ((await db.activityRepDayFact.count()) === 0 && (await db.activityDayFact.count()) > 0);
    // Facts bucketed in another time zone (the setting changed since): every day is rebuilt.
    const sample = await db.dashboardDay.findFirst({ orderBy: { day: "desc" }, select: { day: true, startsAt: true } });
    const zone = await businessTimeZone(db);
    const rezoned = sample !== null && calendar(sample.day, sample.day, zone).find((d) => d.day === sample.day)?.startsAt.getTime() !== sample.startsAt.getTime();
    // Orders imported since the previous run's refresh can lie on any day: every day is rebuilt.
    const previous = await db.scoringRun.findFirst({ where: { status: "COMPLETED", active: false }, orderBy: { finishedAt: "desc" }, select: { finishedAt: true } });
    const imported = (await db.importRun.count({ where: { status: "COMPLETED", dryRun: false, kind: "orders", finishedAt: { gt: previous?.finishedAt ?? new Date(0) } } })) > 0;
    await refreshDashboardFacts(db, never || unsegmented || added || rezoned || imported ? {} : { from: addDays(asOf, -WINDOW_DAYS) });
  } catch (e) {
    console.error("dashboard facts: refresh after the scoring run failed:", e);
  } finally {
    await db.$disconnect();
  }
}

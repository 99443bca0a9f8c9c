/**
 * One scoring run: segments, CLV, mined rules and next-best-product opportunities, written under a new
 * ScoringRun that becomes active only in the final transaction (see ScoringStore.activate). Until then
 * the previous run stays in force; a failure marks the run FAILED and removes its rows, and a killed
 * process leaves a RUNNING row whose heartbeat goes stale (detected by the next run, see STALE_AFTER_MS).
 */
import { dayOf, formatDay, MS_PER_DAY, requireDay } from "@/lib/analytics/dates";
import { LineTableBuilder } from "@/lib/analytics/line-table";
import { databaseProvider, sqliteFilePath } from "@/lib/db-url";
import { computeAccountClv, computeSegments, joinMetrics, CLV_OPTIONS } from "./compute-metrics";
import { createOpportunityScorer, MODEL } from "./compute-opportunities";
import { mineBasketRules, mineSequenceRules, RULE_OPTIONS } from "./compute-rules";
import { createPostgresStore } from "./postgres-store";
import { createSqliteStore } from "./sqlite-store";
import { refreshAfterScoring } from "@/lib/dashboard/refresh";
import { RepurchaseAccumulator, utcDay } from "@/lib/analytics/repurchase";
import { holdoutHash } from "./holdout";
import { runScoringWithWorkers } from "./workers";
import { channelOf, type ActivationCounts, type OpportunityRow, type ProgressEvent, type ScoringStore, type StageName } from "./types";

export interface RunScoringOptions {
  /** Database URL: file:... (SQLite) or postgresql://... (PostgreSQL). */
  url: string;
  /** Score as of this day (YYYY-MM-DD): only lines before it count. Default: the day after the latest order. */
  asOf?: string | Date;
  onProgress?: (event: ProgressEvent) => void;
  /** Test hook: throw at the start of this stage ("activate": inside the activation transaction). */
  failAt?: StageName;
  triggeredById?: string | null;
  /** Accounts scored per chunk (one write transaction each). */
  chunkSize?: number;
  /** Injectable clock and store, for tests. */
  now?: () => Date;
  store?: ScoringStore;
  /**
   * Worker processes sharing the run (workers.ts): accounts are split by a stable hash of their id, every
   * worker fits the same global statistics, so the offers are those of a one-process run. Default 1.
   */
  workers?: number;
}

/** The share of an already started run that one worker process scores (see workers.ts). */
export interface ScoringPart {
  runId: string;
  index: number;
  count: number;
}

/** What a worker process reports back: per-account counts are its own share, the others global. */
export interface PartSummary {
  runId: string;
  asOf: string;
  counts: Record<string, unknown>;
  timings: Record<string, number>;
}

/** Counts of a part that add up over the parts (the others are the same in every part). */
export const PART_COUNTS = [
  "metrics", "opportunities", "holdoutOpportunities", "accountsWithOpportunities", "holdoutAccounts", "emailOpportunities", "unreachableOffersDropped",
] as const;

/** The part (0 .. count - 1) an account belongs to: a stable hash of its id, independent of the holdout's. */
export function partOf(accountId: string, count: number): number {
  return count <= 1 ? 0 : Math.min(count - 1, Math.floor(holdoutHash(`part:${accountId}`) * count));
}

/** The as-of day of a run: the given day, else the day after the latest order line (today + 1 without any). */
export function resolveAsOfDay(asOf: string | Date | undefined, latestOrderAt: number | null): number {
  if (asOf !== undefined) return asOf instanceof Date ? dayOf(asOf.getTime()) : requireDay(asOf, "asOf");
  return latestOrderAt !== null ? dayOf(latestOrderAt) + 1 : dayOf(Date.now()) + 1;
}

/** The parameters a run records (and a worker coordinator records for all its parts). */
export function runParameters(asOf: string, settings: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { asOf, settings, model: MODEL, clv: CLV_OPTIONS, rules: RULE_OPTIONS, ...extra };
}

export interface ScoringSummary {
  runId: string;
  asOf: string;
  counts: Record<string, unknown>;
  /** Milliseconds per stage, plus total. */
  timings: Record<string, number>;
  activation: ActivationCounts;
  staleRunsFailed: string[];
}

/** Start of each stage as a fraction of the whole run (progress bar weights, roughly by time). */
const STAGE_START: Record<StageName, number> = { loading: 0, segments: 0.2, clv: 0.25, rules: 0.35, opportunities: 0.45, activate: 0.95 };

/** The store for a database URL: `file:` -> SQLite, `postgres(ql)://` -> PostgreSQL. */
export function storeForUrl(url: string, now?: () => Date, rowIdPart = ""): ScoringStore {
  if (databaseProvider(url) === "postgresql") return createPostgresStore(url, now, rowIdPart);
  return createSqliteStore(sqliteFilePath(url)!, now, rowIdPart);
}

/**
 * After a run went live (one process or a worker coordinator): record its final timings and refresh the
 * dashboard facts. A failure here is reported and never undoes the run.
 */
export async function afterActivation(store: ScoringStore, options: RunScoringOptions, runId: string, asOf: string, timings: Record<string, number>): Promise<void> {
  try {
    await store.recordTimings(runId, timings);
  } catch (e) {
    console.warn(`scoring: run ${runId} is live; its timings could not be recorded: ${(e as Error).message}`);
  }
  if (!options.store) await refreshAfterScoring(options.url, asOf);
}

/** Stores the category repurchase figures; a failure is reported and never fails the run. */
async function storeRepurchase(url: string, acc: RepurchaseAccumulator): Promise<void> {
  const { createPrismaClient } = await import("@/lib/prisma-client");
  const { storeCategoryRepurchase } = await import("@/lib/catalog/category-repurchase");
  const db = createPrismaClient(url);
  try {
    await storeCategoryRepurchase(db, acc.histograms());
  } catch (e) {
    console.warn(`scoring: the category repurchase figures could not be stored: ${(e as Error).message}`);
  } finally {
    await db.$disconnect();
  }
}

/** Customers scored between yields while a write is in flight. */
const SCORE_SLICE = 500;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runScoring(options: RunScoringOptions): Promise<ScoringSummary> {
  if ((options.workers ?? 1) > 1) return runScoringWithWorkers(options, options.workers!);
  return (await execute(options, null)) as ScoringSummary;
}

/** One worker's share of a run started by runScoringWithWorkers: scored and written, not activated. */
export async function runScoringPart(options: RunScoringOptions & { part: ScoringPart }): Promise<PartSummary> {
  return execute(options, options.part);
}

async function execute(options: RunScoringOptions, part: ScoringPart | null): Promise<ScoringSummary | PartSummary> {
  const store = options.store ?? storeForUrl(options.url, options.now, part ? `w${part.index.toString(36)}` : "");
  const inPart = (accountId: string) => part === null || partOf(accountId, part.count) === part.index;
  const started = performance.now();
  const timings: Record<string, number> = {};
  const counts: Record<string, unknown> = {};
  let runId: string | null = null;
  let stage: StageName = "loading";
  let stageStarted = performance.now();
  let lastBeat = 0;
  let writing: Promise<void> | null = null;
  // Heartbeats inside a stage are not awaited (the order-line sink is synchronous): the latest one is
  // kept, and its failure surfaces at the next stage boundary or chunk. The SQLite store writes during
  // the call; the PostgreSQL store queues them in order on its own connection.
  let beat: Promise<void> = Promise.resolve();
  let beatError: unknown = null;
  const heartbeat = (fraction: number) => {
    lastBeat = performance.now();
    // A worker's progress goes to its coordinator (onProgress), which keeps the run's heartbeat.
    if (part) return;
    beat = store.updateProgress(runId!, stage, fraction).catch((e: unknown) => {
      beatError ??= e;
    });
  };
  const settle = async () => {
    await beat;
    if (beatError) throw beatError;
  };

  const progress = (fraction: number, message?: string) => {
    if (!runId) return;
    if (performance.now() - lastBeat > 250) heartbeat(fraction);
    options.onProgress?.({ runId, stage, progress: fraction, message });
  };
  const enter = async (next: StageName) => {
    if (runId) timings[stage] = Math.round(performance.now() - stageStarted);
    stage = next;
    stageStarted = performance.now();
    await settle();
    heartbeat(STAGE_START[next]);
    await settle();
    options.onProgress?.({ runId: runId!, stage, progress: STAGE_START[next] });
    if (options.failAt === next && next !== "activate") throw new Error(`injected failure at stage ${next}`);
  };

  try {
    const inputs = await store.loadInputs();
    const asOfDay = resolveAsOfDay(options.asOf, inputs.latestOrderAt);
    const asOf = formatDay(asOfDay);
    const started_ = part ? { runId: part.runId, staleRunsFailed: [] } : await store.startRun(runParameters(asOf, inputs.settings), options.triggeredById ?? null);
    runId = started_.runId;

    await enter("loading");
    const b = new LineTableBuilder(1 << 16);
    // The admin's category page shows how often each category is bought again: measured on this pass,
    // stored once per run (by the first worker of a shared run).
    const repurchase = !options.store && (!part || part.index === 0) ? new RepurchaseAccumulator(inputs.products.map((p) => [p.id, p.category] as const)) : null;
    let read = 0;
    const lines = await store.forEachOrderLine((orderId, accountId, at, productId, quantity, returned, priceCents) => {
      b.push(orderId, accountId, at, productId, quantity, priceCents / 100);
      if (repurchase && quantity > 0) repurchase.add(accountId, productId, utcDay(at));
      // A return is a negative line of the same order: it reduces spend and is never a basket item.
      if (returned > 0) b.push(orderId, accountId, at, productId, -returned, priceCents / 100);
      if (++read % 250_000 === 0) progress(STAGE_START.loading + 0.01, `${read.toLocaleString("en-US")} lines read`);
    }, asOfDay * MS_PER_DAY);
    const table = b.build();
    Object.assign(counts, {
      accounts: inputs.accounts.length, accountsWithOrders: table.customerIds.length, orderLines: lines, orders: table.orderIds.length,
      products: inputs.products.length, doNotContactAccounts: inputs.accounts.filter((a) => a.doNotContact).length, excludedOffers: inputs.excluded.length,
    });
    await yieldToEventLoop();

    await enter("segments");
    const rfm = computeSegments(table, asOfDay);
    await yieldToEventLoop();

    await enter("clv");
    const metrics = joinMetrics(rfm, computeAccountClv(table, asOfDay));
    const metricRows = part ? metrics.rows.filter((m) => inPart(m.accountId)) : metrics.rows;
    await store.insertMetrics(runId, metricRows);
    counts.metrics = metricRows.length;
    counts.clv = metrics.clv;
    await yieldToEventLoop();

    await enter("rules");
    const basket = mineBasketRules(table);
    progress(STAGE_START.rules + 0.04);
    const sequence = mineSequenceRules(table, asOfDay, metrics.rows.length);
    // The rules are the same in every part; the first one keeps them.
    if (!part || part.index === 0) await store.insertRules(runId, [...basket, ...sequence]);
    counts.rules = { basket: basket.length, sequence: sequence.length };
    await yieldToEventLoop();

    await enter("opportunities");
    const modelStarted = performance.now();
    const scorer = createOpportunityScorer(table, inputs, { asOfDay, pAlive: metrics.pAlive, segmentOf: metrics.segmentOf, include: part ? inPart : undefined });
    // Fitting the recommender (item statistics, EASE, calibration): every worker of a shared run does it in full.
    timings.opportunitiesModel = Math.round(performance.now() - modelStarted);
    const n = scorer.customers.length;
    // Offers are worked through the channel the account consented to; an account with neither phone nor
    // email consent gets none (in either arm, so the holdout comparison stays like for like).
    const channels = new Map(inputs.accounts.map((a) => [a.id, channelOf(a)]));
    let unreachableOffers = 0;
    let emailOffers = 0;
    const chunk = options.chunkSize ?? 5000;
    let opportunities = 0;
    let holdoutOpportunities = 0;
    const holdoutAccounts = new Set<string>();
    let accountsWithOpportunities = 0;
    let writeMs = 0;
    for (let from = 0; from < n; from += chunk) {
      const to = Math.min(n, from + chunk);
      // One chunk's write may be in flight while the next is scored, so a networked store's COPY
      // overlaps the CPU work; scoring yields between slices so that write's I/O keeps moving. (The
      // SQLite store has finished writing when insertOpportunities returns.)
      const rows: OpportunityRow[] = [];
      for (let s = from; s < to; s += SCORE_SLICE) {
        for (const r of scorer.score(s, Math.min(to, s + SCORE_SLICE))) {
          const channel = channels.get(r.accountId) ?? null;
          if (channel === null) {
            unreachableOffers++;
            continue;
          }
          if (channel === "EMAIL") emailOffers++;
          rows.push({ ...r, channel });
        }
        if (writing) await yieldToEventLoop();
      }
      if (writing) await writing;
      const w = performance.now();
      writing = store.insertOpportunities(runId, rows).then(() => {
        writeMs += performance.now() - w;
      });
      // Awaited before the next write, before activation and before failRun; this only marks it handled.
      writing.catch(() => {});
      opportunities += rows.length;
      for (const r of rows) {
        if (r.rank === 1) accountsWithOpportunities++;
        if (!r.holdout) continue;
        holdoutOpportunities++;
        holdoutAccounts.add(r.accountId);
      }
      const span = STAGE_START.activate - STAGE_START.opportunities;
      progress(STAGE_START.opportunities + (span * Math.min(n, from + chunk)) / n, `${Math.min(n, from + chunk).toLocaleString("en-US")} of ${n.toLocaleString("en-US")} accounts`);
      if (beatError) throw beatError;
      await yieldToEventLoop();
    }
    if (writing) await writing;
    Object.assign(counts, {
      opportunities, holdoutOpportunities, accountsWithOpportunities, holdoutAccounts: holdoutAccounts.size, emailOpportunities: emailOffers, unreachableOffersDropped: unreachableOffers,
    });

    if (part) {
      if (repurchase) await storeRepurchase(options.url, repurchase);
      timings[stage] = Math.round(performance.now() - stageStarted);
      timings.opportunitiesWrite = Math.round(writeMs);
      timings.total = Math.round(performance.now() - started);
      return { runId, asOf, counts, timings };
    }

    await enter("activate");
    timings.opportunitiesWrite = Math.round(writeMs);
    timings.activate = 0;
    timings.total = Math.round(performance.now() - started);
    const t = performance.now();
    const activation = await store.activate(runId, { counts, timings }, options.failAt === "activate" ? () => {
      throw new Error("injected failure at stage activate");
    } : undefined);
    timings.activate = Math.round(performance.now() - t);
    timings.total = Math.round(performance.now() - started);
    await afterActivation(store, options, runId, asOf, timings);
    if (repurchase) await storeRepurchase(options.url, repurchase);
    options.onProgress?.({ runId, stage: "activate", progress: 1, message: "done" });
    return { runId, asOf, counts: { ...counts, activation }, timings, activation, staleRunsFailed: started_.staleRunsFailed };
  } catch (error) {
    // A part's rows are removed by its coordinator, which fails the whole run.
    if (runId && !part) {
      timings[stage] = Math.round(performance.now() - stageStarted);
      timings.total = Math.round(performance.now() - started);
      try {
        // Nothing may still be writing this run's rows when failRun removes them.
        await beat;
        await writing?.catch(() => {});
        await store.failRun(runId, `${stage}: ${(error as Error).message ?? String(error)}`, { counts, timings });
      } catch (cleanup) {
        // The RUNNING row will be detected as stale; report the original error.
        console.error("scoring: could not mark the run failed:", cleanup);
      }
    }
    throw error;
  } finally {
    if (!options.store) await store.close();
  }
}

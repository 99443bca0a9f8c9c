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
export function storeForUrl(url: string, now?: () => Date): ScoringStore {
  if (databaseProvider(url) === "postgresql") return createPostgresStore(url, now);
  return createSqliteStore(sqliteFilePath(url)!, now);
}

/** Customers scored between yields while a write is in flight. */
const SCORE_SLICE = 500;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runScoring(options: RunScoringOptions): Promise<ScoringSummary> {
  const store = options.store ?? storeForUrl(options.url, options.now);
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
    const asOfDay =
      options.asOf !== undefined
        ? options.asOf instanceof Date ? dayOf(options.asOf.getTime()) : requireDay(options.asOf, "asOf")
        : inputs.latestOrderAt !== null ? dayOf(inputs.latestOrderAt) + 1 : dayOf(Date.now()) + 1;
    const asOf = formatDay(asOfDay);
    const parameters = { asOf, settings: inputs.settings, model: MODEL, clv: CLV_OPTIONS, rules: RULE_OPTIONS };
    const started_ = await store.startRun(parameters, options.triggeredById ?? null);
    runId = started_.runId;

    await enter("loading");
    const b = new LineTableBuilder(1 << 16);
    let read = 0;
    const lines = await store.forEachOrderLine((orderId, accountId, at, productId, quantity, returned, priceCents) => {
      b.push(orderId, accountId, at, productId, quantity, priceCents / 100);
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
    await store.insertMetrics(runId, metrics.rows);
    counts.metrics = metrics.rows.length;
    counts.clv = metrics.clv;
    await yieldToEventLoop();

    await enter("rules");
    const basket = mineBasketRules(table);
    progress(STAGE_START.rules + 0.04);
    const sequence = mineSequenceRules(table, asOfDay, metrics.rows.length);
    await store.insertRules(runId, [...basket, ...sequence]);
    counts.rules = { basket: basket.length, sequence: sequence.length };
    await yieldToEventLoop();

    await enter("opportunities");
    const scorer = createOpportunityScorer(table, inputs, { asOfDay, pAlive: metrics.pAlive, segmentOf: metrics.segmentOf });
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
    // Live now: what follows only records and refreshes; a failure there is reported, never undoes the run.
    try {
      await store.recordTimings(runId, timings);
    } catch (e) {
      console.warn(`scoring: run ${runId} is live; its timings could not be recorded: ${(e as Error).message}`);
    }
    if (!options.store) await refreshAfterScoring(options.url, asOf);
    options.onProgress?.({ runId, stage: "activate", progress: 1, message: "done" });
    return { runId, asOf, counts: { ...counts, activation }, timings, activation, staleRunsFailed: started_.staleRunsFailed };
  } catch (error) {
    if (runId) {
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

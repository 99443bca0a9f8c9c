/**
 * Shapes shared by the scoring run and its storage seam. The run itself (run-scoring.ts) only talks to
 * a `ScoringStore`: sqlite-store.ts (better-sqlite3) and postgres-store.ts (pg) implement it.
 */
import type { Settings } from "@/lib/validations/settings";

/** Stages in the order they run; `failAt` and progress events use these names. */
export const STAGES = ["loading", "segments", "clv", "rules", "opportunities", "activate"] as const;
export type StageName = (typeof STAGES)[number];

/** A RUNNING run whose heartbeat is older than this is treated as dead (its process was killed). */
export const STALE_AFTER_MS = 2 * 60_000;

/** True when a RUNNING run has stopped sending heartbeats (for the next run and for the admin UI). */
export function isStaleRun(run: { status: string; heartbeatAt: Date }, now: Date = new Date()): boolean {
  return run.status === "RUNNING" && now.getTime() - run.heartbeatAt.getTime() >= STALE_AFTER_MS;
}

export interface ProgressEvent {
  runId: string;
  stage: StageName;
  /** Fraction of the whole run, 0..1. */
  progress: number;
  message?: string;
}

export interface ProductInput {
  id: string;
  name: string;
  category: string;
  priceCents: number;
  unitCostCents: number;
  active: boolean;
  /** The category's CategoryPolicy (DURABLE | REPLENISHED and the cycle in days); null when it has none. */
  durability?: string | null;
  replacementCycleDays?: number | null;
}

export interface PairInput {
  id: string;
  sourceProductId: string;
  targetProductId: string;
  type: string;
  windowMinDays: number;
  windowMaxDays: number;
  /** Empty: every segment. */
  eligibleSegments: string[];
  active: boolean;
  suppressed: boolean;
}

export interface AccountInput {
  id: string;
  ownerId: string;
  doNotContact: boolean;
  phoneConsent: boolean;
  emailConsent: boolean;
}

/** The channel an account's offers are worked through, from its consent; null when it may not be contacted. */
export function channelOf(a: Pick<AccountInput, "doNotContact" | "phoneConsent" | "emailConsent">): "CALL" | "EMAIL" | null {
  if (a.doNotContact) return null;
  if (a.phoneConsent) return "CALL";
  return a.emailConsent ? "EMAIL" : null;
}

/** An account-product pair the run must not offer again yet (a recent decline, or a won offer). */
export interface ExcludedOffer {
  accountId: string;
  productId: string;
}

/** Everything but the order lines, which are streamed (see ScoringStore.forEachOrderLine). */
export interface ScoringInputs {
  settings: Settings;
  products: ProductInput[];
  pairs: PairInput[];
  accounts: AccountInput[];
  excluded: ExcludedOffer[];
  /** Epoch ms of the latest order line, null when there are none. */
  latestOrderAt: number | null;
}

/** One order line as read from the database; money in cents. */
export type OrderLineSink = (
  orderId: string, accountId: string, orderedAtMs: number, productId: string,
  quantity: number, returnedQuantity: number, unitPriceCents: number,
) => void;

export interface MetricsRow {
  accountId: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: string;
  historicClv: number;
  predictedClv: number | null;
  clv: number;
  clvMethod: string;
  clvTier: string;
  pAlive: number | null;
  expectedPurchases: number | null;
}

export interface RuleRow {
  kind: "BASKET" | "SEQUENCE";
  antecedentIds: string[];
  consequentIds: string[];
  support: number;
  confidence: number;
  lift: number;
  leverage: number;
  conviction: number | null;
  count: number;
  antecedentCount: number;
  windowDays: number | null;
  medianLagDays: number | null;
}

export interface OpportunityRow {
  accountId: string;
  productId: string;
  pairId: string | null;
  assigneeId: string;
  probability: number;
  expectedValue: number;
  /** Serialised into Opportunity.reason. */
  reason: Record<string, unknown>;
  reasonText: string;
  rank: number;
  holdout: boolean;
  /** Set by the run from the account's consent (channelOf); CALL when absent. */
  channel?: "CALL" | "EMAIL";
}

export interface RunRecord {
  id: string;
  status: string;
  stage: string;
  progress: number;
  startedAt: Date;
  heartbeatAt: Date;
}

/** Outcome of activating a run, for the summary. */
export interface ActivationCounts {
  previousRunId: string | null;
  carriedOver: number;
  duplicatesDropped: number;
  expired: number;
  /** Accounts whose segment/CLV/P(alive) were written: every account on SQLite, only those whose values changed on PostgreSQL. */
  accountsUpdated: number;
  /** Milliseconds per step inside the activation transaction. */
  ms: Record<string, number>;
}

/**
 * The storage seam of a scoring run. Every method is async so a networked database can implement it;
 * the SQLite store does its work synchronously inside the call (the promise is already settled when
 * returned), so it keeps better-sqlite3's speed.
 */
export interface ScoringStore {
  /**
   * Atomically: refuse when another run is RUNNING with a fresh heartbeat (throws
   * ScoringRunRefusedError), mark stale RUNNING runs FAILED, and create the new RUNNING run.
   */
  startRun(parameters: Record<string, unknown>, triggeredById: string | null): Promise<{ runId: string; staleRunsFailed: string[] }>;
  loadInputs(): Promise<ScoringInputs>;
  /**
   * Streams the order lines (only those before `beforeMs` when given) into the sink, one call per line,
   * without holding them all (the store reads in batches); resolves to how many lines were passed.
   */
  forEachOrderLine(sink: OrderLineSink, beforeMs: number | null): Promise<number>;
  /** Stage, progress and heartbeat. */
  updateProgress(runId: string, stage: StageName, progress: number): Promise<void>;
  insertMetrics(runId: string, rows: readonly MetricsRow[]): Promise<void>;
  insertRules(runId: string, rows: readonly RuleRow[]): Promise<void>;
  insertOpportunities(runId: string, rows: readonly OpportunityRow[]): Promise<void>;
  /**
   * One transaction: carry worked offers of the active run over, expire its untouched open ones,
   * switch the active flag, copy segment/CLV/P(alive) onto the accounts and complete the run.
   * `beforeCommit` runs inside the transaction (a test hook to prove the rollback).
   */
  activate(runId: string, extra: { counts: unknown; timings: unknown }, beforeCommit?: () => void | Promise<void>): Promise<ActivationCounts>;
  /** Rewrites the run's timings after activation (the activation's own time is only known after its commit). */
  recordTimings(runId: string, timings: unknown): Promise<void>;
  /** Marks the run FAILED and removes the rows it wrote. Never touches other runs. */
  failRun(runId: string, error: string, extra: { counts: unknown; timings: unknown }): Promise<void>;
  getRun(runId: string): Promise<RunRecord | null>;
  close(): Promise<void>;
}

export class ScoringRunRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScoringRunRefusedError";
  }
}

/** Inputs and outputs of the next-best-product ranking, as plain objects for the CLI and the scoring run. */

export interface ProductMeta {
  id: string;
  /** Used in reason sentences instead of the id when given. */
  name?: string | null;
  category?: string | null;
  price?: number | null;
  unitCost?: number | null;
  /** false removes the product from recommendations. */
  active?: boolean;
  /**
   * The category is durable (bought once in years): an account that bought a product of it less than
   * replacementCycleDays ago is offered none of the category, unless a curated UPSELL pair's window has come.
   */
  durable?: boolean;
  replacementCycleDays?: number | null;
}

export interface CuratedPair {
  sourceProductId: string;
  targetProductId: string;
  type?: string;
  /** Offer the target this many days after the last source purchase (inclusive). */
  windowMinDays?: number;
  windowMaxDays?: number;
  /** A suppressed pair removes the target for every customer who owns the source. */
  suppressed?: boolean;
}

export interface Decline {
  customerId: string;
  productId: string;
  /** ISO date, Date or epoch ms of the declined offer. */
  date: string | Date | number;
}

export interface Exclusions {
  doNotContact?: readonly string[];
  declines?: readonly Decline[];
  /** Days a declined product stays excluded; default 90. */
  coolDownDays?: number;
}

export type EvidenceKind = "sequence" | "basket" | "similar" | "curated" | "popular";

export interface Reason {
  kind: EvidenceKind;
  sourceProductId: string | null;
  daysSinceSource: number | null;
  /** Share of source buyers (sequence), of source orders (basket) or P(buy) used for the pair. */
  confidence: number | null;
  lift: number | null;
  customers: number | null;
  orders: number | null;
  windowDays: number | null;
  medianLagDays: number | null;
  similarity: number | null;
  pairType: string | null;
  text: string;
}

export interface Recommendation {
  productId: string;
  /**
   * The ranking score: linearWeight x the linear model's score (scaled so the customer's best candidate
   * is 1) + (1 - linearWeight) x the noisy-OR of the evidence; a good ranking, not a probability.
   */
  score: number;
  /** Calibrated P(buy within the window), present when calibration is on (see calibration.ts). */
  probability?: number;
  pAlive: number;
  margin: number;
  /** (probability ?? score) x margin x pAlive */
  expectedValue: number;
  category: string | null;
  reason: Reason;
}

export interface CustomerRecommendations {
  customerId: string;
  recommendations: Recommendation[];
}

/** Knobs of the scoring model; defaults were chosen on the 2011-06-01 split of Online Retail. */
export interface ModelWeights {
  /** Recency decay of the source purchase, in days (weight exp(-age / tau)). */
  tauDays: number;
  /** Smallest recency weight, so old purchases still count a little. */
  minRecencyWeight: number;
  /** Pseudo-customers shrinking sequence confidence toward the base rate. */
  shrink: number;
  basketWeight: number;
  cosineWeight: number;
  /** Days of recent first purchases that form the "popular now" prior. */
  trendDays: number;
  priorWeight: number;
  /** Sources combined per candidate (strongest first) by noisy-OR. */
  maxSources: number;
  /**
   * Share of the ranking score from the recency-weighted linear item model (linear-evidence.ts); the
   * rest is the noisy-OR of the item-to-item evidence. 0 turns the linear model off.
   */
  linearWeight: number;
  /** Recency scale of the linear model's ownership weights, in days. */
  linearTauDays: number;
  /** Ridge penalty of the linear model (EASE lambda). */
  linearLambda: number;
  /** Products in the dense linear model (most-bought first) and the least buyers each must have. */
  linearMaxItems: number;
  linearMinBuyers: number;
}

export const DEFAULT_WEIGHTS: ModelWeights = {
  tauDays: 120,
  minRecencyWeight: 0.1,
  shrink: 5,
  basketWeight: 0.5,
  cosineWeight: 1,
  trendDays: 30,
  priorWeight: 1,
  maxSources: 5,
  linearWeight: 0.7,
  linearTauDays: 75,
  linearLambda: 150,
  linearMaxItems: 1500,
  linearMinBuyers: 2,
};

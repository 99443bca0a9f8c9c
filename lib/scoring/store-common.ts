/**
 * Pieces both scoring stores share: run and row ids, the column lists of the bulk writes, the
 * "being worked" rule of the carry-over, the refusal message and the settings parser. Each store keeps
 * only its own SQL dialect and value formats.
 */
import { randomBytes } from "node:crypto";
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from "@/lib/validations/settings";

/** Ids sort by creation like cuids: time prefix, then randomness; rows add a per-run counter. */
export function newRunId(): string {
  return `sr${Date.now().toString(36)}${randomBytes(5).toString("hex")}`;
}

/** Zero-padded so a run's ids ascend: the primary-key index is appended to, not split at random pages. */
/** Row ids `<run><kind>[<part>]<seq>`; `part` keeps the ids of a run's worker processes apart (see workers.ts). */
export function rowIdFactory(part = ""): (runId: string, kind: string) => string {
  let seq = 0;
  return (runId, kind) => `${runId}${kind}${part}${(seq++).toString(36).padStart(6, "0")}`;
}

/** An opportunity is being worked when a rep has touched it and it is still workable. */
export const WORKED = (o: string) =>
  `${o}."status" IN ('OPEN', 'SNOOZED') AND (${o}."attempts" > 0 OR ${o}."status" = 'SNOOZED' OR EXISTS (SELECT 1 FROM "Activity" act WHERE act."opportunityId" = ${o}."id"))`;

export const METRIC_COLUMNS = [
  "id", "runId", "accountId", "recencyDays", "frequency", "monetary", "r", "f", "m", "segment", "historicClv", "predictedClv", "clv",
  "clvMethod", "clvTier", "pAlive", "expectedPurchases", "createdAt",
] as const;
export const RULE_COLUMNS = [
  "id", "runId", "kind", "antecedentKey", "consequentKey", "antecedentIds", "consequentIds", "support", "confidence", "lift", "leverage",
  "conviction", "count", "antecedentCount", "windowDays", "medianLagDays", "status", "createdAt",
] as const;
export const OPPORTUNITY_COLUMNS = [
  "id", "runId", "accountId", "productId", "pairId", "assigneeId", "status", "probability", "expectedValue", "reason", "reasonText", "rank",
  "priority", "holdout", "attempts", "version", "createdAt", "updatedAt", "channel",
] as const;

export const ruleKey = (ids: readonly string[]) => [...ids].sort().join("|");

export function describeRunning(r: { startedAt: Date; stage: string; progress: number; id: string }): string {
  const at = r.startedAt.toISOString().slice(0, 19).replace("T", " ");
  return `a scoring run started at ${at} UTC is still running (stage ${r.stage}, ${Math.round(r.progress * 100)}%; run ${r.id})`;
}

export function staleRunError(r: { heartbeatAt: Date; stage: string }): string {
  return `stale: no heartbeat since ${r.heartbeatAt.toISOString()} (stage ${r.stage}); the process was probably killed`;
}

/** Stored settings (JSON text per key) over the defaults; a value that no longer validates falls back (as lib/data/settings does). */
/** Products with their category's durability policy (when the category has one); portable SQL. */
export const PRODUCTS_SQL = `SELECT p."id", p."name", p."category", p."priceCents", p."unitCostCents", p."active", c."durability", c."replacementCycleDays"
  FROM "Product" p LEFT JOIN "CategoryPolicy" c ON c."category" = p."category"`;

export function settingsFromRows(rows: readonly { key: string; value: string }[]): Settings {
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (!(row.key in DEFAULT_SETTINGS)) continue;
    let value: unknown;
    try {
      value = JSON.parse(row.value);
    } catch {
      continue;
    }
    const parsed = settingsSchema.shape[row.key as keyof Settings].safeParse(value);
    if (parsed.success) merged[row.key] = parsed.data;
  }
  return merged as Settings;
}

/** The contact cap in days from the stored setting's JSON text (7 when unset). */
export function contactCapDays(value: string | undefined): number {
  return Number(value !== undefined ? JSON.parse(value) : 7) || 0;
}

export function parseJsonArray(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== "string" || value === "") return [];
  try {
    const v = JSON.parse(value);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** A pair's saved state as kept in its version history, and the per-field difference of two states. */
export type PairSnapshot = {
  sourceProductId: string;
  targetProductId: string;
  type: string;
  bundleDiscountPct: number | null;
  windowMinDays: number;
  windowMaxDays: number;
  eligibleSegments: string[];
  talkingPoints: string;
  objectionHandling: string;
  active: boolean;
};

export const SNAPSHOT_FIELDS = [
  "sourceProductId",
  "targetProductId",
  "type",
  "bundleDiscountPct",
  "windowMinDays",
  "windowMaxDays",
  "eligibleSegments",
  "talkingPoints",
  "objectionHandling",
  "active",
] as const satisfies readonly (keyof PairSnapshot)[];

export const FIELD_LABELS: Record<keyof PairSnapshot, string> = {
  sourceProductId: "Source",
  targetProductId: "Target",
  type: "Type",
  bundleDiscountPct: "Bundle discount %",
  windowMinDays: "Window from (days)",
  windowMaxDays: "Window to (days)",
  eligibleSegments: "Segments",
  talkingPoints: "Talking points",
  objectionHandling: "Objection handling",
  active: "Active",
};

export type FieldChange = { field: keyof PairSnapshot; before: unknown; after: unknown };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields whose value differs; `before` null (a creation) lists every field. Segments compare as sets. */
export function diffSnapshots(before: PairSnapshot | null, after: PairSnapshot): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of SNAPSHOT_FIELDS) {
    const a = before ? before[field] : null;
    const b = after[field];
    const equal = field === "eligibleSegments" && before ? same([...before.eligibleSegments].sort(), [...after.eligibleSegments].sort()) : before !== null && same(a, b);
    if (!equal) changes.push({ field, before: a, after: b });
  }
  return changes;
}

/** Reads a stored snapshot (JSON) back, tolerating fields written by older versions. */
export function parseSnapshot(value: unknown): PairSnapshot | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  return {
    sourceProductId: String(v.sourceProductId ?? ""),
    targetProductId: String(v.targetProductId ?? ""),
    type: String(v.type ?? "CROSS_SELL"),
    bundleDiscountPct: typeof v.bundleDiscountPct === "number" ? v.bundleDiscountPct : null,
    windowMinDays: Number(v.windowMinDays ?? 0),
    windowMaxDays: Number(v.windowMaxDays ?? 0),
    eligibleSegments: Array.isArray(v.eligibleSegments) ? v.eligibleSegments.map(String) : [],
    talkingPoints: String(v.talkingPoints ?? ""),
    objectionHandling: String(v.objectionHandling ?? ""),
    active: v.active !== false,
  };
}

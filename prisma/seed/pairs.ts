// The curated pair catalog, derived from the same complement rules the order generator uses.
import type { Catalog } from "./catalog";
import { resolveComplement } from "./complements";
import type { ComplementRule } from "./rules";
import type { ProductPairRow } from "./types";

// A few pairs are switched off or suppressed so the admin screens have every state to show.
const INACTIVE = new Set(["laptop-office#1", "monitor-keyboard#1", "smart-home-expand#1"]);
const SUPPRESSED = new Set(["phone-warranty#1", "headphones-upgrade#1"]);

export function buildPairs(catalog: Catalog, rules: readonly ComplementRule[], adminId: string, createdAt: Date): ProductPairRow[] {
  const pairs: ProductPairRow[] = [];
  const used = new Set<string>();
  for (const rule of rules) {
    const sources = (catalog.byCategory.get(rule.from) ?? [])
      .filter((p) => p.row.active)
      .sort((a, b) => b.weight - a.weight || a.index - b.index);
    let made = 0;
    for (const source of sources) {
      if (made >= rule.curated) break;
      const resolved = resolveComplement(catalog, rule, source);
      if (!resolved) continue;
      const key = `${source.row.id}>${resolved.preferred.row.id}`;
      if (used.has(key)) continue;
      used.add(key);
      const tag = `${rule.key}#${made}`;
      made++;
      pairs.push({
        id: `pair_${String(pairs.length + 1).padStart(3, "0")}`,
        sourceProductId: source.row.id,
        targetProductId: resolved.preferred.row.id,
        type: rule.type,
        bundleDiscountPct: rule.type === "BUNDLE" ? (rule.bundleDiscountPct ?? 10) : null,
        talkingPoints: rule.talkingPoints,
        objectionHandling: rule.objectionHandling,
        windowMinDays: rule.minDays,
        windowMaxDays: rule.maxDays,
        eligibleSegments: rule.eligibleSegments ?? [],
        origin: "MANUAL",
        minedRuleId: null,
        active: !INACTIVE.has(tag),
        suppressed: SUPPRESSED.has(tag),
        version: 1,
        updatedById: adminId,
        createdAt,
        updatedAt: createdAt,
      });
    }
  }
  return pairs;
}

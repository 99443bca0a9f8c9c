// Resolves each complement rule to concrete products: for every source product, the matching
// target (similar tier, or an explicit match) plus a popularity-weighted fallback over the category.
import type { Catalog, CatalogProduct } from "./catalog";
import { WeightedPicker } from "./random";
import type { ComplementRule } from "./rules";

export interface ResolvedComplement {
  rule: ComplementRule;
  ruleIndex: number;
  preferred: CatalogProduct;
  fallback: WeightedPicker<CatalogProduct>;
}

function candidatesFor(catalog: Catalog, rule: ComplementRule, source: CatalogProduct): CatalogProduct[] {
  const all = catalog.byCategory.get(rule.to);
  if (!all) throw new Error(`Complement rule ${rule.key} targets unknown category ${rule.to}`);
  return all.filter(
    (p) => p.row.active && p !== source && (rule.targetFilter === undefined || p.row.name.includes(rule.targetFilter)),
  );
}

export function resolveComplement(catalog: Catalog, rule: ComplementRule, source: CatalogProduct): Omit<ResolvedComplement, "ruleIndex"> | null {
  if (source.categoryKey !== rule.from) return null;
  if (rule.maxSourceTier !== undefined && source.tier > rule.maxSourceTier) return null;
  const candidates = candidatesFor(catalog, rule, source);
  if (candidates.length === 0) return null;
  let preferred: CatalogProduct | undefined;
  if (rule.targetMap) {
    const name = rule.targetMap[source.row.name];
    preferred = name === undefined ? undefined : candidates.find((p) => p.row.name === name);
  } else {
    const base = Math.round(source.tier * (candidates.length - 1)) + (rule.tierOffset ?? 0);
    preferred = candidates[Math.min(candidates.length - 1, Math.max(0, base))];
  }
  if (!preferred) return null;
  // An upsell must actually be an upgrade.
  if (rule.type === "UPSELL" && preferred.row.priceCents <= source.row.priceCents) return null;
  const fallback = new WeightedPicker(
    candidates,
    candidates.map((p) => p.weight),
  );
  return { rule, preferred, fallback };
}

/** For each product index, the rules it triggers (resolved once, used in the per-order hot loop). */
export function resolveAll(catalog: Catalog, rules: readonly ComplementRule[]): ResolvedComplement[][] {
  return catalog.products.map((source) => {
    const list: ResolvedComplement[] = [];
    rules.forEach((rule, ruleIndex) => {
      const resolved = resolveComplement(catalog, rule, source);
      if (resolved) list.push({ ...resolved, ruleIndex });
    });
    return list;
  });
}

/**
 * Catalog checks of a product pair, as pure functions over the facts the data layer looked up, so the
 * same rules run in the form (the field-level ones), in the server action and in tests. Each problem
 * is keyed by the form field it belongs on.
 */
import { TEMPLATE_PLACEHOLDERS, unknownPlaceholders } from "@/lib/templates";

export type PairFields = {
  sourceProductId: string;
  targetProductId: string;
  type: "CROSS_SELL" | "ACCESSORY" | "UPSELL" | "BUNDLE";
  bundleDiscountPct: number | null;
  windowMinDays: number;
  windowMaxDays: number;
  eligibleSegments: string[];
  talkingPoints: string;
  objectionHandling: string;
};

export type FieldProblems = Partial<Record<keyof PairFields, string>>;

/** The message for a template that uses placeholders nobody fills: names them and lists the allowed ones. */
export function placeholderProblem(template: string): string | null {
  const unknown = unknownPlaceholders(template);
  if (unknown.length === 0) return null;
  const named = unknown.map((u) => `{{${u}}}`).join(", ");
  return `Unknown placeholder${unknown.length > 1 ? "s" : ""} ${named}. Allowed: ${TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}`;
}

/** Checks that need nothing but the fields themselves (also run in the browser through the zod schema). */
export function fieldChecks(p: PairFields): FieldProblems {
  const problems: FieldProblems = {};
  if (p.sourceProductId && p.sourceProductId === p.targetProductId) problems.targetProductId = "A product cannot be paired with itself: pick a different target";
  if (p.windowMinDays > p.windowMaxDays) problems.windowMaxDays = `The window ends before it starts: ${p.windowMinDays} days is after ${p.windowMaxDays} days`;
  if (p.type === "BUNDLE" && !(p.bundleDiscountPct != null && p.bundleDiscountPct > 0)) problems.bundleDiscountPct = "A bundle needs a discount above 0%";
  const talking = placeholderProblem(p.talkingPoints);
  if (talking) problems.talkingPoints = talking;
  const objection = placeholderProblem(p.objectionHandling);
  if (objection) problems.objectionHandling = objection;
  return problems;
}

/** What the database says about the pair's neighbourhood. */
export type CatalogFacts = {
  source: { name: string; active: boolean } | null;
  target: { name: string; active: boolean } | null;
  /** Another pair with the same source and target (not the one being edited). */
  duplicate: { id: string } | null;
  /** An active upsell target -> source (the reverse direction), which with this upsell makes a cycle. */
  reverseUpsell: { id: string } | null;
};

/**
 * Every check of a save. `activating` is false when the pair is saved inactive: an inactive pair may
 * point at an inactive product (that is how a retired product's pairs stay on record).
 */
export function catalogChecks(p: PairFields, facts: CatalogFacts, activating = true): FieldProblems {
  const problems = fieldChecks(p);
  if (!facts.source) problems.sourceProductId ??= "No such product";
  else if (activating && !facts.source.active) problems.sourceProductId ??= `${facts.source.name} is inactive: reactivate it first or pick another product`;
  if (!facts.target) problems.targetProductId ??= "No such product";
  else if (activating && !facts.target.active) problems.targetProductId ??= `${facts.target.name} is inactive: reactivate it first or pick another product`;
  if (facts.duplicate) problems.targetProductId ??= "This source and target are already paired: edit that pair instead";
  if (p.type === "UPSELL" && facts.reverseUpsell && activating) {
    problems.type ??= `An upsell ${facts.target?.name ?? "target"} -> ${facts.source?.name ?? "source"} exists already: two upsells in opposite directions make a cycle`;
  }
  return problems;
}

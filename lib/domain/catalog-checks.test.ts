import { describe, expect, it } from "vitest";
import { catalogChecks, fieldChecks, placeholderProblem, type CatalogFacts, type PairFields } from "@/lib/domain/catalog-checks";

const base: PairFields = {
  sourceProductId: "prd_a",
  targetProductId: "prd_b",
  type: "CROSS_SELL",
  bundleDiscountPct: null,
  windowMinDays: 7,
  windowMaxDays: 60,
  eligibleSegments: [],
  talkingPoints: "{{account.name}} bought {{source.product}}",
  objectionHandling: "{{target.product}} costs {{price}}",
};
const facts: CatalogFacts = { source: { name: "A", active: true }, target: { name: "B", active: true }, duplicate: null, reverseUpsell: null };

describe("fieldChecks", () => {
  it("accepts a well-formed pair", () => {
    expect(fieldChecks(base)).toEqual({});
    expect(catalogChecks(base, facts)).toEqual({});
  });

  it("refuses a product paired with itself on the target field", () => {
    expect(fieldChecks({ ...base, targetProductId: "prd_a" }).targetProductId).toMatch(/itself/);
  });

  it("refuses a window whose minimum is after its maximum, and allows equal ends", () => {
    expect(fieldChecks({ ...base, windowMinDays: 61, windowMaxDays: 60 }).windowMaxDays).toMatch(/61 days is after 60 days/);
    expect(fieldChecks({ ...base, windowMinDays: 60, windowMaxDays: 60 })).toEqual({});
  });

  it("refuses a bundle without a discount, or with 0%", () => {
    expect(fieldChecks({ ...base, type: "BUNDLE", bundleDiscountPct: null }).bundleDiscountPct).toMatch(/discount/);
    expect(fieldChecks({ ...base, type: "BUNDLE", bundleDiscountPct: 0 }).bundleDiscountPct).toMatch(/discount/);
    expect(fieldChecks({ ...base, type: "BUNDLE", bundleDiscountPct: 10 })).toEqual({});
  });

  it("names unknown placeholders and lists the allowed ones", () => {
    const msg = placeholderProblem("Hi {{account.nmae}} and {{ foo }}, {{account.name}}");
    expect(msg).toContain("{{account.nmae}}, {{foo}}");
    expect(msg).toContain("Allowed: {{account.name}}, {{contact.name}}");
    expect(placeholderProblem("Hi {{account.name}}")).toBeNull();
    expect(fieldChecks({ ...base, objectionHandling: "{{price_now}}" }).objectionHandling).toMatch(/Unknown placeholder \{\{price_now\}\}\./);
  });
});

describe("catalogChecks", () => {
  it("refuses inactive or missing products when the pair is active, not when it is saved inactive", () => {
    const inactive = { ...facts, source: { name: "Old camera", active: false } };
    expect(catalogChecks(base, inactive).sourceProductId).toBe("Old camera is inactive: reactivate it first or pick another product");
    expect(catalogChecks(base, inactive, false)).toEqual({});
    expect(catalogChecks(base, { ...facts, target: null }).targetProductId).toBe("No such product");
  });

  it("refuses a duplicate source and target", () => {
    expect(catalogChecks(base, { ...facts, duplicate: { id: "pair_1" } }).targetProductId).toMatch(/already paired/);
  });

  it("refuses an upsell whose reverse upsell exists (A -> B -> A), but not another type", () => {
    const cyc = { ...facts, reverseUpsell: { id: "pair_9" } };
    expect(catalogChecks({ ...base, type: "UPSELL" }, cyc).type).toBe("An upsell B -> A exists already: two upsells in opposite directions make a cycle");
    expect(catalogChecks(base, cyc)).toEqual({});
  });
});

import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/errors";
import { createPairSchema, pairListSchema, updatePairSchema } from "@/lib/validations/pairs";
import { bulkRulesSchema, rejectRuleSchema } from "@/lib/validations/rules";
import { updateProductSchema } from "@/lib/validations/products";

const pair = {
  sourceProductId: "prd_0001", targetProductId: "prd_0002", type: "CROSS_SELL", bundleDiscountPct: null, windowMinDays: 0, windowMaxDays: 30,
  eligibleSegments: [], talkingPoints: "{{account.name}}", objectionHandling: "{{price}}", active: true,
};
const errors = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => (r.success ? {} : fieldErrorsOf(r.error!.issues as never));

describe("pair schemas (shared by the form and the actions)", () => {
  it("accepts a valid pair and puts each field check on its field", () => {
    expect(createPairSchema.safeParse(pair).success).toBe(true);
    expect(errors(createPairSchema.safeParse({ ...pair, targetProductId: "prd_0001" }))).toEqual({ targetProductId: expect.stringMatching(/itself/) });
    expect(errors(createPairSchema.safeParse({ ...pair, windowMinDays: 31 }))).toEqual({ windowMaxDays: expect.stringMatching(/31 days is after 30 days/) });
    expect(errors(createPairSchema.safeParse({ ...pair, type: "BUNDLE" }))).toEqual({ bundleDiscountPct: "A bundle needs a discount above 0%" });
    expect(errors(updatePairSchema.safeParse({ ...pair, id: "pair_001", version: 2, objectionHandling: "{{nope}}" }))).toEqual({ objectionHandling: expect.stringMatching(/^Unknown placeholder \{\{nope\}\}/) });
  });

  it("names malformed fields", () => {
    expect(Object.keys(errors(createPairSchema.safeParse({ ...pair, windowMinDays: 1.5, eligibleSegments: ["VIP"], type: "GIFT" })))).toEqual(["type", "windowMinDays", "eligibleSegments.0"]);
  });

  it("falls back to defaults for junk in the list's query string", () => {
    expect(pairListSchema.parse({ page: "-3", sort: "drop table", type: "X", active: "maybe", q: "  cam " })).toMatchObject({ page: 1, sort: "source", type: undefined, active: undefined, q: "cam" });
  });
});

describe("rule and product schemas", () => {
  it("needs a reason to reject and at least one rule in bulk", () => {
    expect(errors(rejectRuleSchema.safeParse({ ruleId: "r1", reason: " " }))).toEqual({ reason: "Say why (at least 3 characters)" });
    expect(errors(bulkRulesSchema.safeParse({ decision: "approve", ruleIds: [], type: "CROSS_SELL" }))).toEqual({ ruleIds: "Select at least one rule" });
  });

  it("refuses a unit cost above the price on the cost field", () => {
    const p = { id: "prd_1", version: 1, price: 10, unitCost: 12, category: "Lenses", regulated: false, active: true };
    expect(errors(updateProductSchema.safeParse(p))).toEqual({ unitCost: "Unit cost is above the price: the margin would be negative" });
    expect(updateProductSchema.safeParse({ ...p, unitCost: 10 }).success).toBe(true);
  });
});

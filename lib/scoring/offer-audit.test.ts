import { describe, expect, it } from "vitest";
import { durableSubstitutes, repurchaseRates, type CategoryInfo } from "./offer-audit";

const cats = new Map<string, CategoryInfo>([
  ["tv1", { category: "TVs", durable: true }],
  ["tv2", { category: "TVs", durable: true }],
  ["bar", { category: "Soundbars", durable: true }],
  ["ink", { category: "Ink", durable: false }],
]);

describe("durableSubstitutes", () => {
  it("counts offers of a durable category the account bought within the lookback (hand-counted)", () => {
    const purchases = [
      { accountId: "a", productId: "tv1", day: 900 }, // 100 days before as-of 1000
      { accountId: "b", productId: "tv1", day: 700 }, // 300 days before: outside 180
      { accountId: "c", productId: "ink", day: 990 },
      { accountId: "d", productId: "tv1", day: 1000 }, // on the as-of day: not before it
    ];
    const offers = [
      { accountId: "a", productId: "tv2" }, // substitute
      { accountId: "a", productId: "bar" }, // complement
      { accountId: "b", productId: "tv2" },
      { accountId: "c", productId: "ink" }, // replenished
      { accountId: "d", productId: "tv2" },
    ];
    const r = durableSubstitutes(offers, purchases, cats, 1000);
    expect(r).toEqual({ offers: 5, substitutes: 1, share: 0.2, byCategory: { TVs: 1 } });
  });
});

describe("repurchaseRates", () => {
  it("is buyers with the category on two or more days over buyers", () => {
    const purchases = [
      { accountId: "a", productId: "ink", day: 1 },
      { accountId: "a", productId: "ink", day: 40 },
      { accountId: "b", productId: "ink", day: 5 },
      { accountId: "b", productId: "ink", day: 5 }, // same day: one purchase day
      { accountId: "a", productId: "tv1", day: 3 },
      { accountId: "a", productId: "tv2", day: 3 },
    ];
    const r = repurchaseRates(purchases, cats);
    expect(r.find((x) => x.category === "Ink")).toEqual({ category: "Ink", durable: false, buyers: 2, repeatBuyers: 1, rate: 0.5 });
    expect(r.find((x) => x.category === "TVs")).toEqual({ category: "TVs", durable: true, buyers: 1, repeatBuyers: 0, rate: 0 });
    expect(r.find((x) => x.category === "Soundbars")!.buyers).toBe(0);
  });
});

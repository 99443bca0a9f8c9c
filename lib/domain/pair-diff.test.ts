import { describe, expect, it } from "vitest";
import { diffSnapshots, parseSnapshot, type PairSnapshot } from "@/lib/domain/pair-diff";

const a: PairSnapshot = {
  sourceProductId: "p1", targetProductId: "p2", type: "CROSS_SELL", bundleDiscountPct: null, windowMinDays: 0, windowMaxDays: 30,
  eligibleSegments: ["Loyal", "Champions"], talkingPoints: "t", objectionHandling: "o", active: true,
};

describe("diffSnapshots", () => {
  it("lists only changed fields with both values", () => {
    expect(diffSnapshots(a, { ...a, windowMaxDays: 45, talkingPoints: "t2" })).toEqual([
      { field: "windowMaxDays", before: 30, after: 45 },
      { field: "talkingPoints", before: "t", after: "t2" },
    ]);
  });

  it("treats segments as a set and a creation as a change of every field", () => {
    expect(diffSnapshots(a, { ...a, eligibleSegments: ["Champions", "Loyal"] })).toEqual([]);
    expect(diffSnapshots(null, a)).toHaveLength(10);
  });

  it("parses a stored snapshot and rejects a non-object", () => {
    expect(parseSnapshot(JSON.parse(JSON.stringify(a)))).toEqual(a);
    expect(parseSnapshot(null)).toBeNull();
  });
});

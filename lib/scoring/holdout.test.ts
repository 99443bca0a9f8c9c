import { describe, expect, it } from "vitest";
import { holdoutHash, inHoldout } from "./holdout";

describe("holdout hash", () => {
  it("is stable and in [0, 1)", () => {
    expect(holdoutHash("acc_0000123")).toBe(holdoutHash("acc_0000123"));
    for (const id of ["", "a", "acc_0000001", "ckz9x0abc000001"]) {
      expect(holdoutHash(id)).toBeGreaterThanOrEqual(0);
      expect(holdoutHash(id)).toBeLessThan(1);
    }
  });

  it("puts close to the share of sequential ids in the holdout, and a larger share only adds accounts", () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `acc_${String(i).padStart(7, "0")}`);
    for (const share of [0.05, 0.1, 0.3]) {
      const held = ids.filter((id) => inHoldout(id, share)).length / ids.length;
      // Binomial sd at n = 20,000 is at most 0.0033; 0.012 is over 3.5 sd.
      expect(Math.abs(held - share)).toBeLessThan(0.012);
    }
    for (const id of ids.filter((x) => inHoldout(x, 0.1))) expect(inHoldout(id, 0.2)).toBe(true);
    expect(ids.filter((id) => inHoldout(id, 0)).length).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { spdInverse } from "./dense-linear";

describe("spdInverse", () => {
  it("inverts a 2 x 2 by the textbook formula", () => {
    // [[3, 1], [1, 2]]^-1 = 1/5 [[2, -1], [-1, 3]]
    const inv = spdInverse(Float64Array.from([3, 1, 1, 2]), 2);
    [0.4, -0.2, -0.2, 0.6].forEach((v, i) => expect(inv[i]).toBeCloseTo(v, 14));
  });

  it("matches numpy.linalg.inv on a 4 x 4", () => {
    const a = Float64Array.from([4, 2, 1, 0, 2, 5, 2, 1, 1, 2, 6, 3, 0, 1, 3, 7]);
    const inv = spdInverse(a, 4);
    // numpy 2.4: np.linalg.inv(A)
    const want = [
      0.317777777778, -0.122222222222, -0.026666666667, 0.028888888889,
      -0.122222222222, 0.277777777778, -0.066666666667, -0.011111111111,
      -0.026666666667, -0.066666666667, 0.24, -0.093333333333,
      0.028888888889, -0.011111111111, -0.093333333333, 0.184444444444,
    ];
    want.forEach((v, i) => expect(inv[i]).toBeCloseTo(v, 11));
  });

  it("gives A x A^-1 = I on sizes that exercise the four-row blocks and their remainders", () => {
    for (const n of [5, 9, 30, 31]) {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = ((i * 7 + j * 13) % 17) / 17;
      for (let i = 0; i < n; i++) a[i * n + i] += n;
      const copy = a.slice();
      const inv = spdInverse(a, n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += copy[i * n + k] * inv[k * n + j];
          expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
        }
      }
    }
  });

  it("refuses a matrix that is not positive definite", () => {
    expect(() => spdInverse(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/not positive definite/);
  });
});

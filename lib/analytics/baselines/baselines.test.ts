import { describe, expect, it } from "vitest";
import { buildHistory, type CustomerHistory } from "../customer-history";
import { lineTableFromOrderLines, type OrderLine } from "../line-table";
import { easeFromGram, easeScores, fitEase } from "./ease";
import { fitItemKnn, sparseScores } from "./item-knn";
import { gramMatrix, topItemsByBuyers } from "./item-subset";
import { fitRp3beta } from "./rp3beta";
import { rankWithGrid } from "./tuned";

/** Customers as rows of a 0/1 matrix over products "i0".."i3" (one order each, same day). */
function history(rows: number[][]): CustomerHistory {
  const lines: OrderLine[] = [];
  rows.forEach((r, u) => r.forEach((x, i) => x && lines.push({ orderId: `o${u}`, customerId: `u${u}`, date: "2024-01-01", productId: `i${i}`, quantity: 1, unitPrice: 1 })));
  // Intern the products in a fixed order first, so product index = column.
  const t = lineTableFromOrderLines([
    ...[0, 1, 2, 3].map((i) => ({ orderId: "seed", customerId: null, date: "2024-01-01", productId: `i${i}`, quantity: 1, unitPrice: 1 })),
    ...lines,
  ]);
  return buildHistory(t, 20_000);
}

/** Weight from item a to item b of a sparse or dense model, by product index. */
const col = (h: CustomerHistory, id: string) => h.productIds.indexOf(id);

describe("EASE^R closed form", () => {
  it("is b / (G_ii + lambda) on a block-diagonal 4 x 4 Gram matrix (hand-computed)", () => {
    // Items 0, 1 co-bought by u0; 2, 3 by u2 and u3; G = [[2,1,0,0],[1,1,0,0],[0,0,2,2],[0,0,2,3]].
    const h = history([[1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1], [0, 0, 0, 1]]);
    const m = fitEase(h, { lambda: 1 });
    const { pos, n } = m.subset;
    const b = (x: number, y: number) => m.weights[pos[col(h, `i${x}`)] * n + pos[col(h, `i${y}`)]];
    // For a 2 x 2 block [[a, g], [g, d]] the inverse is proportional to [[d, -g], [-g, a]], so
    // B_01 = -P_01 / P_11 = g / a: 1 / (2 + 1), B_10 = 1 / (1 + 1), B_23 = 2 / (2 + 1), B_32 = 2 / (3 + 1).
    expect(b(0, 1)).toBeCloseTo(1 / 3, 14);
    expect(b(1, 0)).toBeCloseTo(1 / 2, 14);
    expect(b(2, 3)).toBeCloseTo(2 / 3, 14);
    expect(b(3, 2)).toBeCloseTo(1 / 2, 14);
    expect(Math.abs(b(0, 2))).toBe(0);
    expect(b(0, 0)).toBe(0);
    // u1 owns item 0 only: its score for item 1 is B_01.
    const out = new Float64Array(n);
    easeScores(m, h, h.customerIds.indexOf("u1"), out);
    expect(out[pos[col(h, "i1")]]).toBeCloseTo(1 / 3, 14);
  });

  it("matches numpy on a dense 4 x 4 Gram matrix", () => {
    // numpy: G = X.T @ X; P = inv(G + 2 I); B = -P / diag(P); fill_diagonal(B, 0)
    const g = Float64Array.from([4, 2, 2, 1, 2, 3, 2, 2, 2, 2, 4, 2, 1, 2, 2, 3]);
    const b = easeFromGram(g, 4, 2);
    const want = [
      0, 0.231884057971, 0.220183486239, -0.015625,
      0.313725490196, 0, 0.201834862385, 0.3125,
      0.235294117647, 0.159420289855, 0, 0.234375,
      -0.019607843137, 0.289855072464, 0.275229357798, 0,
    ];
    want.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 11));
  });

  it("builds the same Gram matrix from purchases", () => {
    const h = history([[1, 1, 0, 1], [1, 0, 1, 0], [0, 1, 1, 1], [1, 1, 1, 0], [0, 0, 1, 1], [1, 0, 0, 0]]);
    const s = topItemsByBuyers(h, 10);
    const g = gramMatrix(h, s);
    const want = [[4, 2, 2, 1], [2, 3, 2, 2], [2, 2, 4, 2], [1, 2, 2, 3]];
    for (let x = 0; x < 4; x++) for (let y = 0; y < 4; y++) expect(g[s.pos[col(h, `i${x}`)] * s.n + s.pos[col(h, `i${y}`)]]).toBe(want[x][y]);
  });
});

describe("ItemKNN and RP3beta", () => {
  const h = history([[1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 1], [0, 0, 1, 1], [0, 0, 0, 1]]);
  const weightOf = (m: ReturnType<typeof fitItemKnn>, x: number, y: number) => {
    const i = m.subset.pos[col(h, `i${x}`)];
    const j = m.subset.pos[col(h, `i${y}`)];
    for (let e = m.start[i]; e < m.start[i + 1]; e++) if (m.target[e] === j) return m.weight[e];
    return 0;
  };

  it("ItemKNN: co-buyers / (sqrt(|U_i| |U_j|) + shrink), hand-computed", () => {
    const m = fitItemKnn(h, { shrink: 1, neighbors: 10 });
    expect(weightOf(m, 0, 1)).toBeCloseTo(1 / (Math.sqrt(2 * 1) + 1), 14);
    expect(weightOf(m, 2, 3)).toBeCloseTo(2 / (Math.sqrt(2 * 3) + 1), 14);
    expect(weightOf(m, 3, 2)).toBeCloseTo(2 / (Math.sqrt(2 * 3) + 1), 14);
    expect(weightOf(m, 0, 2)).toBe(0);
    const out = new Float64Array(m.subset.n);
    sparseScores(m, h, h.customerIds.indexOf("u4"), out); // owns item 3
    expect(out[m.subset.pos[col(h, "i2")]]).toBeCloseTo(2 / (Math.sqrt(6) + 1), 14);
  });

  it("ItemKNN keeps the k most similar sources of every target", () => {
    const h2 = history([[1, 1, 1, 1], [1, 1, 0, 0], [1, 1, 0, 0], [0, 1, 1, 0]]);
    const m = fitItemKnn(h2, { shrink: 0, neighbors: 1 });
    // Target i1: sources i0 (3 co-buyers), i2 (2), i3 (1); only i0 stays.
    const j = m.subset.pos[col(h2, "i1")];
    const sources: string[] = [];
    for (let i = 0; i < m.subset.n; i++) for (let e = m.start[i]; e < m.start[i + 1]; e++) if (m.target[e] === j) sources.push(h2.productIds[m.subset.items[i]]);
    expect(sources).toEqual(["i0"]);
  });

  it("RP3beta: |U_i|^-alpha sum_u |I_u|^-alpha / |U_j|^beta, hand-computed", () => {
    const m = fitRp3beta(h, { alpha: 1, beta: 0.5, neighbors: 10 });
    // i0 -> i1: buyers of i0 = 2, via u0 (2 products), i1 has 1 buyer.
    expect(weightOf(m, 0, 1)).toBeCloseTo((1 / 2) * (1 / 2) / 1, 14);
    expect(weightOf(m, 1, 0)).toBeCloseTo(1 * (1 / 2) / Math.sqrt(2), 14);
    // i2 -> i3: via u2 and u3 (2 products each), i2 has 2 buyers, i3 has 3.
    expect(weightOf(m, 2, 3)).toBeCloseTo((1 / 2) * (1 / 2 + 1 / 2) / Math.sqrt(3), 14);
    expect(weightOf(m, 3, 2)).toBeCloseTo((1 / 3) * 1 / Math.sqrt(2), 14);
  });

  it("ranks unowned items by score for every grid point", () => {
    const [ease] = rankWithGrid("ease", h, [h.customerIds.indexOf("u1")], 1, [{ lambda: 1 }]);
    expect(h.productIds[ease[0][0]]).toBe("i1");
    const [knn] = rankWithGrid("itemknn", h, [h.customerIds.indexOf("u4")], 1, [{ shrink: 1, neighbors: 10 }]);
    expect(h.productIds[knn[0][0]]).toBe("i2");
  });
});

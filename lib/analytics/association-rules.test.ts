import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { basketsFromLists } from "./baskets";
import { mineFrequentItemsets } from "./frequent-itemsets";
import { mineRules, type Rule } from "./association-rules";

const DATA = path.resolve(__dirname, "../../../shared/datasets");

function mlxtendBaskets() {
  // one_hot.csv is the 5 x 11 0/1 matrix of mlxtend's tests.
  const [header, ...rows] = readFileSync(path.join(DATA, "mlxtend-example/one_hot.csv"), "utf8").trim().split("\n");
  const names = header.split(",");
  return basketsFromLists(rows.map((r) => r.split(",").flatMap((v, i) => (v.trim() === "1" ? [names[i]] : []))));
}

type Row = [string[], string[], number, number, number, number, number, number, number | null];
function table(rules: Rule[]): Row[] {
  return rules
    .map(
      (r): Row => [r.antecedent, r.consequent, r.antecedentSupport, r.consequentSupport, r.support, r.confidence, r.lift, r.leverage, r.conviction],
    )
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
function expectTable(actual: Row[], expected: Row[]) {
  expect(actual.length).toBe(expected.length);
  const sorted = [...expected].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  actual.forEach((row, i) => {
    const e = sorted[i];
    expect(row[0]).toEqual(e[0]);
    expect(row[1]).toEqual(e[1]);
    for (let k = 2; k < 8; k++) expect(row[k] as number).toBeCloseTo(e[k] as number, 10);
    if (e[8] === null) expect(row[8]).toBeNull();
    else expect(row[8] as number).toBeCloseTo(e[8], 10);
  });
}

const E = "Eggs";
const KB = "Kidney Beans";
const O = "Onion";
// mlxtend test_association_rules.py (min support 0.6, confidence >= 0.8): antecedent, consequent,
// antecedent support, consequent support, support, confidence, lift; leverage and conviction by definition.
const NINE: Row[] = [
  [[O], [KB], 0.6, 1.0, 0.6, 1.0, 1.0, 0, null],
  [["Milk"], [KB], 0.6, 1.0, 0.6, 1.0, 1.0, 0, null],
  [[E, O], [KB], 0.6, 1.0, 0.6, 1.0, 1.0, 0, null],
  [[KB, O], [E], 0.6, 0.8, 0.6, 1.0, 1.25, 0.12, null],
  [[O], [E, KB], 0.6, 0.8, 0.6, 1.0, 1.25, 0.12, null],
  [[E], [KB], 0.8, 1.0, 0.8, 1.0, 1.0, 0, null],
  [[KB], [E], 1.0, 0.8, 0.8, 0.8, 1.0, 0, 1.0],
  [["Yogurt"], [KB], 0.6, 1.0, 0.6, 1.0, 1.0, 0, null],
  [[O], [E], 0.6, 0.8, 0.6, 1.0, 1.25, 0.12, null],
];
const TWELVE: Row[] = [
  ...NINE,
  [[E], [O], 0.8, 0.6, 0.6, 0.75, 1.25, 0.12, 1.6],
  [[E], [KB, O], 0.8, 0.6, 0.6, 0.75, 1.25, 0.12, 1.6],
  [[E, KB], [O], 0.8, 0.6, 0.6, 0.75, 1.25, 0.12, 1.6],
];

describe("frequent itemsets", () => {
  it("matches mlxtend's itemsets at min support 0.5", () => {
    const b = mlxtendBaskets();
    const f = mineFrequentItemsets(b, { minSupport: 0.5 });
    const got = f.itemsets
      .map((s) => [Array.from(s, (i) => b.itemIds[i]).sort().join("+"), f.counts.get(Array.from(s).join(","))! / 5] as const)
      .sort();
    expect(got).toEqual(
      [
        ["Eggs", 0.8],
        ["Kidney Beans", 1.0],
        ["Milk", 0.6],
        ["Onion", 0.6],
        ["Yogurt", 0.6],
        ["Eggs+Kidney Beans", 0.8],
        ["Eggs+Onion", 0.6],
        ["Kidney Beans+Milk", 0.6],
        ["Kidney Beans+Onion", 0.6],
        ["Kidney Beans+Yogurt", 0.6],
        ["Eggs+Kidney Beans+Onion", 0.6],
      ].sort(),
    );
  });

  it("respects max length", () => {
    const f = mineFrequentItemsets(mlxtendBaskets(), { minSupport: 0.5, maxLength: 1 });
    expect(f.itemsets.every((s) => s.length === 1)).toBe(true);
    expect(f.itemsets).toHaveLength(5);
  });
});

describe("association rules", () => {
  it("reproduces mlxtend's 9-rule table (support 0.6, confidence 0.8)", () => {
    expectTable(table(mineRules(mlxtendBaskets(), { minSupport: 0.6, minConfidence: 0.8 })), NINE);
  });

  it("reproduces mlxtend's 12-rule table (support 0.6, confidence 0.7)", () => {
    const rules = mineRules(mlxtendBaskets(), { minSupport: 0.6, minConfidence: 0.7 });
    expectTable(table(rules), TWELVE);
    expect(rules.find((r) => r.antecedent.join() === E && r.consequent.join() === O)!.count).toBe(3);
  });

  it("single consequent keeps only one-item consequents", () => {
    const rules = mineRules(mlxtendBaskets(), { minSupport: 0.6, minConfidence: 0.7, singleConsequent: true });
    expect(rules).toHaveLength(10);
    expect(rules.every((r) => r.consequent.length === 1)).toBe(true);
  });

  it("reproduces arules on Groceries: 463 rules and the top rule by lift", () => {
    const text = readFileSync(path.join(DATA, "groceries/groceries.csv"), "utf8");
    const lists = text.split("\n").filter((l) => l.length > 0).map((l) => l.replace(/\r$/, "").split(","));
    expect(lists).toHaveLength(9835);
    const rules = mineRules(basketsFromLists(lists), { minSupport: 0.006, minConfidence: 0.25, singleConsequent: true });
    expect(rules).toHaveLength(463);
    const bySize = [2, 3, 4].map((n) => rules.filter((r) => r.antecedent.length + 1 === n).length);
    expect(bySize).toEqual([150, 297, 16]);
    const top = rules[0];
    expect(top.antecedent).toEqual(["herbs"]);
    expect(top.consequent).toEqual(["root vegetables"]);
    expect(top.support).toBeCloseTo(0.00701576, 8);
    expect(top.confidence).toBeCloseTo(0.43125, 8);
    expect(top.lift).toBeCloseTo(3.956477, 6);
    expect(top.count).toBe(69);
  });
});

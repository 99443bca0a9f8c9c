import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli";

const ROOT = path.resolve(__dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "analytics-cli-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const HEADER = "order_id,customer_id,order_date,product_id,quantity,unit_price";

function spawnCli(args: string[]) {
  const tsx = path.join(ROOT, "node_modules/.bin/tsx");
  return spawnSync(tsx, [path.join(ROOT, "scripts/analytics.ts"), ...args], { cwd: ROOT, encoding: "utf8" });
}

describe("analytics CLI (spawned)", () => {
  it("exits 2 with line and column on stderr and nothing on stdout for a bad date", () => {
    const bad = file("bad.csv", `${HEADER}\n1,a,2024-01-01,p,1,2\n2,a,yesterday,p,1,2\n`);
    const res = spawnCli(["segment", "--input", bad, "--as-of", "2024-02-01"]);
    expect(res.status).toBe(2);
    expect(res.stdout).toBe("");
    expect(res.stderr).toMatch(/line 3, column order_date/);
  });

  it("prints JSON with numbers as numbers", () => {
    const ok = file("ok.csv", `${HEADER}\n1,a,2024-01-01,p,1,2\n1,a,2024-01-01,q,1,2\n2,b,2024-01-05,p,1,2\n`);
    const res = spawnCli(["rules", "--input", ok, "--min-support", "0.5"]);
    expect(res.status).toBe(0);
    const rules = JSON.parse(res.stdout);
    expect(rules).toContainEqual({
      antecedent: ["q"], consequent: ["p"], antecedentSupport: 0.5, consequentSupport: 1, support: 0.5,
      confidence: 1, lift: 1, leverage: 0, conviction: null, count: 1,
    });
  });
});

describe("analytics CLI (in-process)", () => {
  it("exits 2 for a missing file, an empty file, a missing column and a bad number", async () => {
    const cases: [string[], RegExp][] = [
      [["rules", "--input", path.join(dir, "nope.csv"), "--min-support", "0.1"], /no such file/],
      [["rules", "--input", file("empty.csv", ""), "--min-support", "0.1"], /line 1.*empty file/],
      [["rules", "--input", file("nocol.csv", "order_id,customer_id,order_date,quantity,unit_price\n"), "--min-support", "0.1"], /line 1, column product_id/],
      [["clv", "--input", file("num.csv", `${HEADER}\n1,a,2024-01-01,p,1,2\n2,a,2024-01-02,p,1,1e\n`), "--calibration-end", "2024-02-01"], /line 3, column unit_price/],
      [["segment", "--input", file("ok2.csv", `${HEADER}\n`)], /--as-of is required/],
    ];
    for (const [args, msg] of cases) {
      const res = await runCli(args);
      expect(res.exitCode).toBe(2);
      expect(res.stdout).toBe("");
      expect(res.stderr).toMatch(msg);
    }
  });

  it("has --help for every command", async () => {
    for (const cmd of ["rules", "sequences", "segment", "clv", "recommend", "backtest"]) {
      const res = await runCli([cmd, "--help"]);
      expect(res.exitCode).toBe(0);
      expect(res.stdout).toContain(`analytics -- ${cmd}`);
      expect(res.stdout).toContain("--input");
    }
  });

  it("runs segment, clv, sequences, recommend and backtest end to end", async () => {
    const rows = [HEADER];
    // 40 customers buy a then b two weeks later; half also buy c.
    for (let i = 0; i < 40; i++) {
      rows.push(`o${i}a,c${i},2024-01-${String(1 + (i % 20)).padStart(2, "0")},a,1,10`);
      rows.push(`o${i}b,c${i},2024-02-${String(1 + (i % 20)).padStart(2, "0")},b,1,5`);
      if (i % 2) rows.push(`o${i}c,c${i},2024-03-${String(1 + (i % 20)).padStart(2, "0")},c,2,3`);
    }
    const f = file("seq.csv", rows.join("\n") + "\n");
    const seg = JSON.parse((await runCli(["segment", "--input", f, "--as-of", "2024-04-01"])).stdout);
    expect(seg).toHaveLength(40);
    const clv = JSON.parse((await runCli(["clv", "--input", f, "--calibration-end", "2024-03-31"])).stdout);
    expect(clv.customers).toHaveLength(40);
    const seq = JSON.parse((await runCli(["sequences", "--input", f, "--window-days", "60", "--min-customers", "5"])).stdout);
    const ab = seq.find((s: { antecedent: string; consequent: string }) => s.antecedent === "a" && s.consequent === "b");
    expect(ab).toMatchObject({ customers: 40, confidence: 1 });
    expect(ab.medianLagDays).toBe(31);
    const rec = JSON.parse((await runCli(["recommend", "--input", f, "--as-of", "2024-01-25", "--top", "1", "--calibration", "on"])).stdout);
    expect(rec[0].recommendations[0].productId).toBe("b");
    const p = rec[0].recommendations[0].probability;
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
    const off = JSON.parse((await runCli(["recommend", "--input", f, "--as-of", "2024-01-25", "--top", "1", "--calibration", "off"])).stdout);
    expect(off[0].recommendations[0].probability).toBeUndefined();
    // Ranked by P(buy) (the default), calibration would not change the order, so it is off unless asked for.
    const byDefault = JSON.parse((await runCli(["recommend", "--input", f, "--as-of", "2024-01-25", "--top", "1"])).stdout);
    expect(byDefault[0].recommendations[0].probability).toBeUndefined();
    expect(off[0].recommendations[0].score).toBe(rec[0].recommendations[0].score);
    expect((await runCli(["recommend", "--input", f, "--as-of", "2024-01-25", "--calibration", "maybe"])).exitCode).toBe(2);
    const bt = JSON.parse((await runCli(["backtest", "--input", f, "--split", "2024-01-25", "--horizon-days", "60", "--top", "1"])).stdout);
    expect(bt.customersEvaluated).toBeGreaterThan(0);
    expect(bt.model.hitRate).toBe(1);
    expect(bt.calibration.brierCalibrated).toBeGreaterThanOrEqual(0);
    expect(bt.calibration.reliability.length).toBeGreaterThan(0);
  });
});

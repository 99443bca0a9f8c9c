import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli";

const ROOT = path.resolve(__dirname, "../..");

describe("analytics uplift (spawned as npm run --silent analytics)", () => {
  it("prints the statsmodels/scipy reference figures for 130/1200 vs 9/140 as JSON", () => {
    const res = spawnSync("npm", ["run", "--silent", "analytics", "--", "uplift", "--treated", "130/1200", "--holdout", "9/140", "--holdout-share", "0.1"], {
      cwd: ROOT, encoding: "utf8",
    });
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(Object.keys(out).sort()).toEqual(["ciHigh", "ciLow", "diff", "holdout", "mde", "pValue", "relativeLift", "srm", "treated", "z"]);
    expect(out.treated).toEqual({ conversions: 130, n: 1200, rate: 130 / 1200 });
    expect(out.holdout.n).toBe(140);
    expect(out.diff).toBeCloseTo(0.044048, 6);
    expect(out.z).toBeCloseTo(1.617523, 6);
    expect(out.pValue).toBeCloseTo(0.105765, 6);
    expect(out.ciLow).toBeCloseTo(-0.011773, 6);
    expect(out.ciHigh).toBeCloseTo(0.079563, 6);
    expect(out.srm.chi2).toBeCloseTo(0.298507, 6);
    expect(out.srm.pValue).toBeCloseTo(0.58482, 6);
  });

  it("exits 2 with a clear message for an empty group", () => {
    const res = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "scripts/analytics.ts"), "uplift", "--treated", "5/100", "--holdout", "0/0"], {
      cwd: ROOT, encoding: "utf8",
    });
    expect(res.status).toBe(2);
    expect(res.stdout).toBe("");
    expect(res.stderr).toMatch(/--holdout: the group is empty \(n = 0\)/);
  });
});

describe("analytics uplift (in-process)", () => {
  it("412/9000 vs 31/1000 with the default share and confidence", async () => {
    const res = await runCli(["uplift", "--treated", "412/9000", "--holdout", "31/1000"]);
    expect(res.exitCode).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.pValue).toBeCloseTo(0.031193, 6);
    expect(out.ciLow).toBeCloseTo(0.001457, 6);
    expect(out.ciHigh).toBeCloseTo(0.024915, 6);
    expect(out.srm.chi2).toBe(0);
  });

  it("a 99% interval is wider than the 95% one", async () => {
    const a = JSON.parse((await runCli(["uplift", "--treated", "412/9000", "--holdout", "31/1000"])).stdout);
    const b = JSON.parse((await runCli(["uplift", "--treated", "412/9000", "--holdout", "31/1000", "--confidence", "0.99"])).stdout);
    expect(b.ciLow).toBeLessThan(a.ciLow);
    expect(b.ciHigh).toBeGreaterThan(a.ciHigh);
    expect(b.pValue).toBe(a.pValue);
  });

  it("zero conversions in both groups: null test, no crash", async () => {
    const out = JSON.parse((await runCli(["uplift", "--treated", "0/900", "--holdout", "0/100"])).stdout);
    expect(out.diff).toBe(0);
    expect(out.z).toBeNull();
    expect(out.pValue).toBeNull();
  });

  it("exits 2 naming the option for malformed input", async () => {
    const cases: [string[], RegExp][] = [
      [["uplift", "--treated", "0/0", "--holdout", "3/10"], /--treated: the group is empty/],
      [["uplift", "--treated", "12", "--holdout", "3/10"], /--treated: expected conversions\/n/],
      [["uplift", "--treated", "12/10", "--holdout", "3/10"], /--treated: conversions \(12\) exceed n \(10\)/],
      [["uplift", "--treated", "1/10", "--holdout", "3/10", "--holdout-share", "1.5"], /--holdout-share: expected a number between 0 and 1/],
      [["uplift", "--treated", "1/10", "--holdout", "3/10", "--confidence", "95"], /--confidence/],
      [["uplift", "--treated", "1/10"], /--holdout is required/],
    ];
    for (const [args, msg] of cases) {
      const res = await runCli(args);
      expect(res.exitCode).toBe(2);
      expect(res.stdout).toBe("");
      expect(res.stderr).toMatch(msg);
    }
  });
});

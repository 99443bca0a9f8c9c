/**
 * Analytics speed benchmark: medians of several end-to-end runs (parse + compute) for rules and
 * recommend on Online Retail 2010-2011 and clv on CDNOW. `npm run bench:analytics`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { mineRules } from "@/lib/analytics/association-rules";
import { basketsFromLines } from "@/lib/analytics/baskets";
import { computeClv } from "@/lib/analytics/clv";
import { readOrderLinesFile } from "@/lib/analytics/csv-input";
import { requireDay } from "@/lib/analytics/dates";
import { recommend } from "@/lib/analytics/recommend";

const DATA = path.resolve(__dirname, "../../../shared/datasets");
const RETAIL = path.join(DATA, "online-retail-2010-2011/online_retail_2010_2011_qtypos.csv.gz");

/** CDNOW_sample.txt as an order-line CSV, so the clv run includes CSV parsing like the CLI. */
function cdnowCsv(): string {
  const rows = ["order_id,customer_id,order_date,product_id,quantity,unit_price"];
  readFileSync(path.join(DATA, "cdnow/CDNOW_sample.txt"), "utf8").split("\n").forEach((line, i) => {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) return;
    rows.push(`${i},${Number(f[1])},${f[2].slice(0, 4)}-${f[2].slice(4, 6)}-${f[2].slice(6, 8)},cd,1,${f[4]}`);
  });
  const file = path.join(mkdtempSync(path.join(tmpdir(), "bench-analytics-")), "cdnow.csv");
  writeFileSync(file, rows.join("\n") + "\n");
  return file;
}

interface Timing {
  medianMs: number;
  /** Median CPU time of the process (user + system, all threads) per run: steadier than wall time
   * when the machine is shared. */
  cpuMs: number;
  targetMs: number;
}

async function medians(reps: number, fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: mid(wall), cpu: mid(cpu) };
}

/** `only` (e.g. "rules") runs the benchmarks whose name starts with it. */
export async function main(reps = 5, only?: string): Promise<Record<string, Timing>> {
  const cdnow = cdnowCsv();
  const results: Record<string, Timing> = {};
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${availableParallelism()} cores; medians of ${reps} runs after a warm-up`);
  const run = async (name: string, targetMs: number, fn: () => Promise<unknown>) => {
    if (only && !name.startsWith(only)) return;
    await fn(); // warm-up (JIT, file cache)
    const m = await medians(reps, fn);
    results[name] = { medianMs: Math.round(m.wall), cpuMs: Math.round(m.cpu), targetMs };
    console.log(
      `${name.padEnd(48)} median ${String(results[name].medianMs).padStart(6)} ms  (cpu ${String(results[name].cpuMs).padStart(6)} ms; target <= ${targetMs} ms)`,
    );
  };
  try {
    await run("rules: Online Retail, support 0.01, max length 3", 1000, async () =>
      mineRules(basketsFromLines(await readOrderLinesFile(RETAIL)), { minSupport: 0.01, maxLength: 3 }),
    );
    await run("clv: CDNOW sample (2,357 customers)", 500, async () =>
      computeClv(await readOrderLinesFile(cdnow), { calibrationEndDay: requireDay("1997-09-30", "d"), period: "week", horizon: 52 }),
    );
    await run("recommend: Online Retail, all customers, top 5", 5000, async () =>
      recommend(await readOrderLinesFile(RETAIL), { asOfDay: requireDay("2011-12-10", "d"), top: 5 }),
    );
  } finally {
    rmSync(path.dirname(cdnow), { recursive: true, force: true });
  }
  return results;
}

if (require.main === module) {
  main(5, process.argv[2]).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}

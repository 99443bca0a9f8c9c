// Import benchmark: the UCI Online Retail II export (525,461 lines) into an empty database (migrated,
// demo users only) and then again (a re-import that must change nothing), each run in its own process
// as `npm run import` runs it. Prints medians of BENCH_IMPORT_RUNS (default 3) and the peak RSS.
// Targets: <= 60 s and <= 1 GB each. SQLite always; PostgreSQL too when BENCH_IMPORT_POSTGRES_URL names
// a database to reset (e.g. postgresql://postgres@127.0.0.1:5433/import_bench).
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "../../lib/prisma-client";
import { addDemoPeople } from "../../lib/import/demo-people";
import { migrateDatabase, resetDatabase, ROOT } from "../lib-env";
import { redactUrl } from "../score";

const FILE = process.env.BENCH_IMPORT_FILE ?? path.resolve(ROOT, "../shared/datasets/online-retail-ii-2009-2010/online_retail_ii_2009_2010.csv.gz");
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);

interface Timing {
  wallS: number;
  importS: number;
  rssMb: number;
  cpuS: number;
  summary: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function runImport(url: string): Timing {
  const t = performance.now();
  const r = spawnSync(process.execPath, ["--max-old-space-size=640", "--import", "tsx", "scripts/import.ts", "orders", FILE], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8", maxBuffer: 1 << 26,
  });
  const wallS = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`import exited ${r.status}: ${r.stdout}\n${r.stderr}`);
  const importS = Number(/\(([\d.]+) s\)/.exec(r.stdout)?.[1] ?? NaN);
  const rssMb = Number(/peak RSS: (\d+) MB/.exec(r.stdout)?.[1] ?? NaN);
  const cpuS = Number(/CPU ([\d.]+) s/.exec(r.stdout)?.[1] ?? NaN);
  const summary = r.stdout.split("\n").filter((l) => /^\s+(products|accounts|orders|order lines|cancellations)\s/.test(l) || /committed|nothing to change|timings/.test(l)).join("\n");
  return { wallS, importS, rssMb, cpuS, summary };
}

async function emptyDatabase(url: string): Promise<void> {
  await resetDatabase(url);
  await migrateDatabase(url);
  const db = createPrismaClient(url);
  try {
    await addDemoPeople(db);
  } finally {
    await db.$disconnect();
  }
}

async function bench(url: string): Promise<void> {
  console.log(`\n-- ${redactUrl(url)} --`);
  const first: Timing[] = [];
  const again: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    await emptyDatabase(url);
    first.push(runImport(url));
    again.push(runImport(url));
    console.log(`run ${i + 1}: import ${first[i].importS.toFixed(1)} s (${first[i].wallS.toFixed(1)} s with start-up, ${first[i].rssMb} MB), re-import ${again[i].importS.toFixed(1)} s (${again[i].wallS.toFixed(1)} s, ${again[i].rssMb} MB)`);
  }
  console.log(first[0].summary);
  console.log(again[0].summary);
  const line = (label: string, xs: Timing[]) =>
    `${label.padEnd(28)} median ${median(xs.map((x) => x.importS)).toFixed(1)} s (with process start ${median(xs.map((x) => x.wallS)).toFixed(1)} s; CPU ${median(xs.map((x) => x.cpuS)).toFixed(1)} s), peak RSS max ${Math.max(...xs.map((x) => x.rssMb))} MB   (targets <= 60 s, <= 1024 MB)`;
  console.log(line("import into empty database", first));
  console.log(line("re-import (no changes)", again));
}

export async function main(): Promise<void> {
  // CPU time next to wall time: on a shared machine the wall clock mostly measures the neighbours.
  console.log(`\n== Import benchmark: ${path.basename(FILE)}, ${RUNS} run(s) each; load average ${os.loadavg()[0].toFixed(1)} ==`);
  await bench(process.env.BENCH_IMPORT_SQLITE_URL ?? "file:./data/bench-import.db");
  if (process.env.BENCH_IMPORT_POSTGRES_URL) await bench(process.env.BENCH_IMPORT_POSTGRES_URL);
  else console.log("(PostgreSQL: set BENCH_IMPORT_POSTGRES_URL to a database the benchmark may reset)");
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

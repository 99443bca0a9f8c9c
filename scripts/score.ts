// `npm run score [-- --as-of YYYY-MM-DD]`: one scoring run against DATABASE_URL (default
// file:./data/crm.db; postgresql://... for PostgreSQL). Prints stage progress and a summary; exit 1 when
// another run is still running.
import { resourceUsage } from "node:process";
import { databaseUrl } from "../lib/db-url";
import { runScoring, type ScoringSummary } from "../lib/scoring/run-scoring";
import { ScoringRunRefusedError, type ProgressEvent } from "../lib/scoring/types";
import { MAX_WORKERS } from "../lib/scoring/workers";

const USAGE =
  "Usage: npm run score -- [--as-of YYYY-MM-DD] [--workers N]\n" +
  "  --as-of    scores as of the given day (only orders before it count); default: the day after the latest order\n" +
  `  --workers  shares the run between N worker processes (1-${MAX_WORKERS}; default 1), split by a stable hash of the account id`;

function parseArgs(argv: string[]): { asOf?: string; workers?: number } {
  const out: { asOf?: string; workers?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--as-of") {
      const v = argv[++i];
      if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new Error("--as-of needs a date YYYY-MM-DD");
      out.asOf = v;
    } else if (arg.startsWith("--as-of=")) out.asOf = arg.slice("--as-of=".length);
    else if (arg === "--workers" || arg.startsWith("--workers=")) {
      const v = arg === "--workers" ? argv[++i] : arg.slice("--workers=".length);
      const n = Number(v);
      if (!/^\d+$/.test(v ?? "") || n < 1 || n > MAX_WORKERS) throw new Error(`--workers needs a whole number from 1 to ${MAX_WORKERS}`);
      out.workers = n;
    }
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return out;
}

/** The URL without its user and password, for logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//");
}

/** Peak resident set size in MB (resourceUsage reports kilobytes on Linux). */
export function peakRssMb(): number {
  return Math.max(resourceUsage().maxRSS / 1024, process.memoryUsage().rss / 1048576);
}

/** Prints one line per stage and at most one progress line per second within it. */
export function progressPrinter(): (e: ProgressEvent) => void {
  let stage = "";
  let last = 0;
  return (e) => {
    const now = performance.now();
    if (e.stage === stage && now - last < 1000 && e.message !== "done") return;
    stage = e.stage;
    last = now;
    console.log(`  [${String(Math.round(e.progress * 100)).padStart(3)}%] ${e.stage}${e.message ? `: ${e.message}` : ""}`);
  };
}

export function printSummary(s: ScoringSummary): void {
  const c = s.counts as Record<string, unknown>;
  const fmt = (v: unknown) => (typeof v === "number" ? v.toLocaleString("en-US") : JSON.stringify(v));
  console.log(`\nscoring run ${s.runId} completed (as of ${s.asOf})`);
  for (const [k, v] of Object.entries(c)) console.log(`  ${k.padEnd(26)} ${fmt(v)}`);
  console.log("timings:");
  for (const [k, v] of Object.entries(s.timings)) console.log(`  ${k.padEnd(26)} ${(v / 1000).toFixed(2)} s`);
  console.log(`peak RSS: ${peakRssMb().toFixed(0)} MB`);
}

async function main(): Promise<void> {
  let args: { asOf?: string; workers?: number };
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const url = databaseUrl();
  console.log(`scoring ${redactUrl(url)}${args.asOf ? ` as of ${args.asOf}` : ""}${args.workers && args.workers > 1 ? ` with ${args.workers} workers` : ""}`);
  try {
    printSummary(await runScoring({ url, asOf: args.asOf, workers: args.workers, onProgress: progressPrinter() }));
  } catch (e) {
    if (e instanceof ScoringRunRefusedError) {
      console.error(`refused: ${e.message}`);
      process.exit(1);
    }
    console.error(`scoring failed: ${(e as Error).stack ?? e}`);
    process.exit(1);
  }
}

if (/scripts[\\/]score\.[cm]?[jt]s$/.test(process.argv[1] ?? "")) void main();

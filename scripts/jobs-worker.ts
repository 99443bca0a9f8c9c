// `npm run jobs:worker [-- --concurrency N] [--once]`: a worker process that runs queued jobs (scoring
// runs) against DATABASE_URL. Run one per machine or several: each job runs once, a dead worker's job is
// failed by the next sweep, and progress is in the Job table for every app instance to read.
// `npm run jobs:worker -- --enqueue scoring [--as-of YYYY-MM-DD]` queues a scoring run; `--list` prints recent jobs.
import { databaseProvider, databaseUrl } from "../lib/db-url";
import { createPrismaClient } from "../lib/prisma-client";
import { jobHandlers } from "../lib/jobs/kinds";
import { createJobQueue } from "../lib/jobs/queue";
import { SCORING_KIND, SCORING_SINGLETON_KEY, scoringPayloadSchema } from "../lib/jobs/scoring-job";
import { JobConflictError, type JobView } from "../lib/jobs/types";
import { runWorker } from "../lib/jobs/worker";

const USAGE = `Usage: npm run jobs:worker -- [--concurrency N] [--once]
       npm run jobs:worker -- --enqueue scoring [--as-of YYYY-MM-DD]
       npm run jobs:worker -- --list
  --concurrency N  jobs run at the same time by this process (default 1)
  --once           exit when nothing is queued instead of polling`;

type Args = { concurrency: number; once: boolean; enqueue?: string; asOf?: string; list: boolean };

function parseArgs(argv: string[]): Args {
  const out: Args = { concurrency: 1, once: false, list: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === "--concurrency") {
      out.concurrency = Number(value());
      if (!Number.isInteger(out.concurrency) || out.concurrency < 1) throw new Error("--concurrency needs a whole number >= 1");
    } else if (arg === "--once") out.once = true;
    else if (arg === "--list") out.list = true;
    else if (arg === "--enqueue") out.enqueue = value();
    else if (arg === "--as-of") out.asOf = value();
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (out.enqueue !== undefined && out.enqueue !== SCORING_KIND) throw new Error(`--enqueue: unknown job kind ${out.enqueue} (known: ${SCORING_KIND})`);
  return out;
}

const describe = (j: JobView) =>
  `${j.id}  ${j.kind.padEnd(8)} ${(j.stale ? "RUNNING (stale)" : j.status).padEnd(16)} ${j.progress ? `${j.progress.stage} ${j.progress.percent}%` : ""}${j.error ? `  error: ${j.error}` : ""}`;

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const url = databaseUrl();
  const db = createPrismaClient(url);
  const provider = databaseProvider(url);

  if (args.list || args.enqueue) {
    const queue = createJobQueue(db, { provider });
    try {
      if (args.enqueue) {
        const payload = scoringPayloadSchema.parse({ asOf: args.asOf });
        const id = await queue.enqueue(SCORING_KIND, payload, { singletonKey: SCORING_SINGLETON_KEY });
        console.log(`queued scoring job ${id}`);
      } else for (const j of await queue.listJobs({ limit: 20 })) console.log(describe(j));
    } catch (e) {
      if (e instanceof JobConflictError) {
        console.error(`refused: ${e.message}`);
        process.exitCode = 1;
      } else throw e;
    } finally {
      await db.$disconnect();
    }
    return;
  }

  const worker = runWorker({
    db, provider, handlers: jobHandlers(url), concurrency: args.concurrency, stopWhenIdle: args.once,
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  console.log(`worker ${worker.workerId} on ${provider} (${Object.keys(jobHandlers(url)).join(", ")}; concurrency ${args.concurrency})`);
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) {
      // The job's heartbeat stops; the next sweep marks it failed and its scoring run never goes live.
      console.error(`${signal} again: exiting now`);
      process.exit(130);
    }
    console.log(`${signal}: finishing the running job(s), then exiting (again to exit at once)`);
    void worker.stop();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  await worker.finished;
  await db.$disconnect();
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});

/**
 * A worker: `concurrency` loops that sweep dead workers' jobs, claim the next job of their kinds and run
 * its handler, heartbeating on a timer and with every progress write. Run by `npm run jobs:worker`; any
 * number of worker processes may share a database.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createJobQueue, type JobQueue, type JobQueueOptions } from "./queue";
import { JobCancelledError, JobLostError, type JobContext, type JobHandler, type JobProgress, type JobView, type JsonObject } from "./types";

export interface WorkerOptions extends JobQueueOptions {
  db: PrismaClient;
  handlers: Record<string, JobHandler>;
  /** Kinds this worker takes (default: every kind it has a handler for). */
  kinds?: string[];
  /** Jobs run at the same time by this worker. Default 1. */
  concurrency?: number;
  /** Wait between polls when nothing is queued. Default 1 s. */
  pollMs?: number;
  /** Heartbeat timer. Default 10 s (well inside the 2-minute stale threshold). */
  heartbeatMs?: number;
  /** Progress writes at most this often within a stage. Default 1 s. */
  progressMs?: number;
  workerId?: string;
  /** Tests and `--once`: each loop ends when it finds nothing to claim. */
  stopWhenIdle?: boolean;
  log?: (line: string, job?: JobView) => void;
}

export interface WorkerHandle {
  workerId: string;
  queue: JobQueue;
  /** Stops claiming; resolves when the running jobs have ended. */
  stop(): Promise<void>;
  /** Resolves when every loop has ended (after stop(), or when idle with stopWhenIdle). */
  finished: Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function runWorker(options: WorkerOptions): WorkerHandle {
  const queue = createJobQueue(options.db, options);
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const kinds = options.kinds ?? Object.keys(options.handlers);
  const missing = kinds.filter((k) => !options.handlers[k]);
  if (missing.length) throw new Error(`no handler for job kind(s) ${missing.join(", ")}`);
  const pollMs = options.pollMs ?? 1000;
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const progressMs = options.progressMs ?? 1000;
  const log = options.log ?? (() => {});
  let stopping = false;
  const sleepers = new Set<() => void>();
  let lastSweep = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        sleepers.delete(done);
        resolve();
      }
      sleepers.add(done);
    });

  async function execute(job: JobView): Promise<void> {
    const controller = new AbortController();
    let lost = false;
    let latest: JobProgress | null = job.progress;
    let result: JsonObject = { ...(job.result ?? {}) };
    let dirty = false;
    let lastWrite = 0;
    let flushTimer: ReturnType<typeof setTimeout> | null = null;
    // One write at a time per job, in order: progress, result values and heartbeats never overtake each other.
    let chain: Promise<void> = Promise.resolve();
    const write = (withResult: boolean, checkCancel = false) => {
      chain = chain.then(async () => {
        if (lost) return;
        const progress = dirty && latest ? latest : undefined;
        dirty = false;
        lastWrite = performance.now();
        try {
          const r = await queue.heartbeat(job.id, workerId, { progress, result: withResult ? result : undefined, checkCancel });
          if (r === "lost") {
            lost = true;
            controller.abort(new JobLostError(`job ${job.id} is no longer held by worker ${workerId} (declared stale?)`));
          } else if (r === "cancel" && !controller.signal.aborted) controller.abort(new JobCancelledError("cancelled while running"));
        } catch (e) {
          // A failed heartbeat is retried by the next one; the stale threshold allows for many.
          log(`heartbeat of job ${job.id} failed: ${message(e)}`, job);
        }
      });
      return chain;
    };
    const timer = setInterval(() => void write(false, true), heartbeatMs);
    const ctx: JobContext = {
      job: { id: job.id, kind: job.kind, payload: job.payload, attempts: job.attempts },
      signal: controller.signal,
      progress(p) {
        const stageChanged = latest?.stage !== p.stage;
        latest = p;
        dirty = true;
        if (flushTimer) return;
        const wait = stageChanged ? 0 : Math.max(0, progressMs - (performance.now() - lastWrite));
        flushTimer = setTimeout(() => {
          flushTimer = null;
          void write(false);
        }, wait);
      },
      setResult(values) {
        result = { ...result, ...values };
        return write(true);
      },
      heartbeat: () => write(false, true),
    };
    const settle = async () => {
      clearInterval(timer);
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = null;
      await chain;
    };

    log(`job ${job.id} (${job.kind}) started, attempt ${job.attempts}`, job);
    try {
      const returned = await options.handlers[job.kind](ctx);
      await settle();
      if (lost) return log(`job ${job.id} finished after it was declared stale: result discarded`, job);
      const ok = await queue.complete(job.id, workerId, { ...result, ...(returned ?? {}) }, latest ?? undefined);
      log(ok ? `job ${job.id} completed` : `job ${job.id} completed after it was taken from this worker: result discarded`, job);
    } catch (e) {
      await settle();
      if (lost) return log(`job ${job.id} stopped: ${message(e)}`, job);
      const cancelled = controller.signal.reason instanceof JobCancelledError;
      const outcome = await queue.fail(job.id, workerId, message(e), { cancelled, progress: dirty && latest ? latest : undefined });
      log(`job ${job.id} ${outcome}: ${message(e)}`, job);
    }
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      try {
        if (performance.now() - lastSweep >= pollMs) {
          lastSweep = performance.now();
          for (const j of await queue.sweepStale()) log(`job ${j.id} (${j.kind}) of a dead worker: ${j.status}`, j);
        }
        const job = await queue.claim(kinds, workerId);
        if (job) {
          await execute(job);
          continue;
        }
        if (options.stopWhenIdle) return;
      } catch (e) {
        // The database was unreachable or busy: try again after the poll interval.
        log(`worker ${workerId}: ${message(e)}`);
      }
      if (!stopping) await sleep(pollMs);
    }
  }

  const finished = Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, loop)).then(() => {});
  return {
    workerId,
    queue,
    finished,
    async stop() {
      stopping = true;
      for (const wake of [...sleepers]) wake();
      await finished;
    },
  };
}

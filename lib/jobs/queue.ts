/**
 * The Job table as a queue, on either database: reads through Prisma, writes as single statements
 * (sql.ts explains why), the claim per database (claim.ts). Every state change is a guarded update
 * (`WHERE status = ... [AND workerId = ...]`), so a transition happens once even when instances race:
 * a second enqueue of a singleton key hits the unique `activeKey`, a worker whose job was declared stale
 * finds its heartbeat and completion refused, a sweeper and a finishing worker cannot both win.
 */
import { databaseProvider, type DatabaseProvider } from "@/lib/db-url";
import { isUniqueViolation } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { claimNextJob } from "./claim";
import { json, sqlFor } from "./sql";
import { STALE_HOOKS } from "./kinds";
import {
  DEFAULT_STALE_AFTER_MS, JobConflictError, type EnqueueOptions, type JobProgress, type JobStatus, type JobView, type JsonObject, type StaleHook,
} from "./types";

export interface JobQueueOptions {
  /** Which database `db` talks to (default: the one DATABASE_URL names). */
  provider?: DatabaseProvider;
  /** Injectable clock (tests). */
  now?: () => Date;
  staleAfterMs?: number;
  /** Per kind: reconciles what a dead worker's job left (default: lib/jobs/kinds.ts). */
  staleHooks?: Partial<Record<string, StaleHook>>;
}

const ERROR_MAX = 2000;
const clip = (s: string) => (s.length > ERROR_MAX ? `${s.slice(0, ERROR_MAX - 1)}…` : s);

export type JobQueue = ReturnType<typeof createJobQueue>;
type JobRow = NonNullable<Awaited<ReturnType<PrismaClient["job"]["findUnique"]>>>;

export function createJobQueue(db: PrismaClient, options: JobQueueOptions = {}) {
  const provider = options.provider ?? databaseProvider();
  const now = options.now ?? (() => new Date());
  // The same on every instance (they all sweep): set JOBS_STALE_AFTER_MS deployment-wide when a job's
  // longest stretch without a heartbeat (a long synchronous stage) can exceed the default.
  const staleAfterMs = options.staleAfterMs ?? (Number(process.env.JOBS_STALE_AFTER_MS) || DEFAULT_STALE_AFTER_MS);
  const hooks = options.staleHooks ?? STALE_HOOKS;

  const view = (r: JobRow): JobView => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    payload: r.payload,
    singletonKey: r.singletonKey,
    progress: (r.progress as JobProgress | null) ?? null,
    result: (r.result as JsonObject | null) ?? null,
    error: r.error,
    attempts: r.attempts,
    maxAttempts: r.maxAttempts,
    workerId: r.workerId,
    cancelRequested: r.cancelRequested,
    createdById: r.createdById,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    heartbeatAt: r.heartbeatAt,
    finishedAt: r.finishedAt,
    stale: r.status === "RUNNING" && r.heartbeatAt !== null && now().getTime() - r.heartbeatAt.getTime() > staleAfterMs,
  });

  const sql = sqlFor(db, provider);
  const get = async (id: string) => {
    const r = await db.job.findUnique({ where: { id } });
    return r ? view(r) : null;
  };

  const queue = {
    provider,
    staleAfterMs,
    now,

    /** Adds a job; returns its id. Throws JobConflictError when `singletonKey` already has a queued or running job. */
    async enqueue(kind: string, payload: JsonObject, opts: EnqueueOptions = {}): Promise<string> {
      const key = opts.singletonKey ?? null;
      for (let attempt = 0; ; attempt++) {
        try {
          // One INSERT: the unique activeKey decides between two instances enqueueing at once.
          const job = await db.job.create({
            data: {
              kind, payload: payload as Prisma.InputJsonValue, singletonKey: key, activeKey: key, maxAttempts: opts.maxAttempts ?? 1,
              createdById: opts.createdById ?? null, createdAt: now(),
            },
            select: { id: true },
          });
          return job.id;
        } catch (e) {
          if (!key || !isUniqueViolation(e)) throw e;
          const holder = await db.job.findUnique({ where: { activeKey: key } });
          if (holder && !view(holder).stale) throw new JobConflictError(key, holder.id);
          // The holder ended meanwhile, or its worker died: sweep it and try again.
          if (attempt >= 2) throw new JobConflictError(key, holder?.id ?? "unknown");
          if (holder) await queue.sweepStale();
        }
      }
    },

    getJob: get,

    /** Newest first. */
    async listJobs(filter: { kind?: string; status?: JobStatus[]; limit?: number } = {}): Promise<JobView[]> {
      const rows = await db.job.findMany({
        where: { ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.status ? { status: { in: filter.status } } : {}) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: Math.min(Math.max(filter.limit ?? 20, 1), 200),
      });
      return rows.map(view);
    },

    /** A queued job is cancelled at once; a running one is asked to stop (its handler sees ctx.signal abort). Null when missing. */
    async cancel(id: string): Promise<JobView | null> {
      const at = now();
      const queued = await sql.exec`UPDATE "Job" SET "status" = 'CANCELLED', "activeKey" = NULL, "finishedAt" = ${at}, "heartbeatAt" = ${at},
        "error" = 'cancelled before it started', "cancelRequested" = TRUE WHERE "id" = ${id} AND "status" = 'QUEUED'`;
      if (queued === 0) await sql.exec`UPDATE "Job" SET "cancelRequested" = TRUE WHERE "id" = ${id} AND "status" = 'RUNNING'`;
      return get(id);
    },

    // ---- worker side ----

    async claim(kinds: readonly string[], workerId: string): Promise<JobView | null> {
      const id = await claimNextJob(sql, provider, kinds, workerId, now());
      return id ? get(id) : null;
    },

    /**
     * Heartbeat (with progress and result values when given). "lost": the job is no longer this
     * worker's (declared stale, or gone); "cancel": someone asked it to stop.
     */
    async heartbeat(id: string, workerId: string, update: { progress?: JobProgress; result?: JsonObject; checkCancel?: boolean } = {}): Promise<"ok" | "cancel" | "lost"> {
      const rows = await sql.rows<{ cancelRequested: boolean | number }>`UPDATE "Job" SET "heartbeatAt" = ${now()},
        "progress" = COALESCE(${json(update.progress)}, "progress"), "result" = COALESCE(${json(update.result)}, "result")
        WHERE "id" = ${id} AND "workerId" = ${workerId} AND "status" = 'RUNNING' RETURNING "cancelRequested"`;
      if (rows.length === 0) return "lost";
      return update.checkCancel && Boolean(rows[0].cancelRequested) ? "cancel" : "ok";
    },

    /** False when the job was no longer this worker's (the result is then discarded). */
    async complete(id: string, workerId: string, result: JsonObject, progress?: JobProgress): Promise<boolean> {
      const at = now();
      const n = await sql.exec`UPDATE "Job" SET "status" = 'COMPLETED', "activeKey" = NULL, "finishedAt" = ${at}, "heartbeatAt" = ${at}, "error" = NULL,
        "result" = ${json(result)}, "progress" = COALESCE(${json(progress)}, "progress")
        WHERE "id" = ${id} AND "workerId" = ${workerId} AND "status" = 'RUNNING'`;
      return n === 1;
    },

    /** Ends the job FAILED (or CANCELLED), or queues it again while attempts remain. */
    async fail(id: string, workerId: string, error: string, opts: { cancelled?: boolean; progress?: JobProgress } = {}): Promise<"failed" | "cancelled" | "requeued" | "lost"> {
      const at = now();
      const job = await db.job.findUnique({ where: { id }, select: { attempts: true, maxAttempts: true } });
      const retry = !opts.cancelled && job !== null && job.attempts < job.maxAttempts;
      const message = clip(error);
      const progress = json(opts.progress);
      const n = retry
        ? await sql.exec`UPDATE "Job" SET "status" = 'QUEUED', "workerId" = NULL, "heartbeatAt" = NULL, "startedAt" = NULL, "error" = ${message},
            "progress" = COALESCE(${progress}, "progress") WHERE "id" = ${id} AND "workerId" = ${workerId} AND "status" = 'RUNNING'`
        : opts.cancelled
          ? await sql.exec`UPDATE "Job" SET "status" = 'CANCELLED', "activeKey" = NULL, "finishedAt" = ${at}, "heartbeatAt" = ${at}, "error" = ${message},
              "progress" = COALESCE(${progress}, "progress") WHERE "id" = ${id} AND "workerId" = ${workerId} AND "status" = 'RUNNING'`
          : await sql.exec`UPDATE "Job" SET "status" = 'FAILED', "activeKey" = NULL, "finishedAt" = ${at}, "heartbeatAt" = ${at}, "error" = ${message},
              "progress" = COALESCE(${progress}, "progress") WHERE "id" = ${id} AND "workerId" = ${workerId} AND "status" = 'RUNNING'`;
      if (n === 0) return "lost";
      return retry ? "requeued" : opts.cancelled ? "cancelled" : "failed";
    },

    /**
     * Fails (or re-queues) RUNNING jobs whose heartbeat is older than the stale threshold, then runs their
     * kind's stale hook. Any instance may call it; each job is swept once. Returns the swept jobs.
     */
    async sweepStale(): Promise<JobView[]> {
      const at = now();
      const cutoff = new Date(at.getTime() - staleAfterMs);
      const stale = await db.job.findMany({ where: { status: "RUNNING", heartbeatAt: { lt: cutoff } }, take: 100 });
      const swept: JobView[] = [];
      for (const job of stale) {
        const error = `stale: no heartbeat from worker ${job.workerId ?? "?"} since ${job.heartbeatAt!.toISOString()} (more than ${Math.round(staleAfterMs / 1000)} s); its process probably died`;
        const retry = job.attempts < job.maxAttempts;
        // Guarded by the same staleness: a heartbeat that arrived meanwhile keeps the job alive.
        const n = retry
          ? await sql.exec`UPDATE "Job" SET "status" = 'QUEUED', "workerId" = NULL, "heartbeatAt" = NULL, "startedAt" = NULL, "error" = ${error}
              WHERE "id" = ${job.id} AND "status" = 'RUNNING' AND "heartbeatAt" < ${cutoff}`
          : await sql.exec`UPDATE "Job" SET "status" = 'FAILED', "activeKey" = NULL, "finishedAt" = ${at}, "error" = ${error}
              WHERE "id" = ${job.id} AND "status" = 'RUNNING' AND "heartbeatAt" < ${cutoff}`;
        if (n === 0) continue;
        const hook = hooks[job.kind];
        if (!retry && hook) {
          try {
            const outcome = await hook((await get(job.id))!, { db, sql, now: at, error });
            if (outcome && "completed" in outcome) {
              const result = json({ ...((job.result as JsonObject | null) ?? {}), ...outcome.completed });
              await sql.exec`UPDATE "Job" SET "status" = 'COMPLETED', "error" = NULL, "result" = ${result} WHERE "id" = ${job.id} AND "status" = 'FAILED'`;
            }
          } catch (e) {
            console.error(`jobs: stale hook of ${job.kind} job ${job.id} failed`, e);
          }
        }
        swept.push((await get(job.id))!);
      }
      return swept;
    },
  };
  return queue;
}

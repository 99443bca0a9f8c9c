// Integration: the job queue and worker on a real database (SQLite by default; PostgreSQL with
// TEST_DATABASE=postgresql), with several clients standing in for several app instances and workers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { createPrismaClient } from "@/lib/prisma-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createJobQueue } from "./queue";
import { runWorker } from "./worker";
import { JobConflictError, type JobHandler } from "./types";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
const clients: PrismaClient[] = [];

/** Another connection (pool) to the same database: another app instance or worker process. */
const instance = () => {
  const c = createPrismaClient(t.url);
  clients.push(c);
  return c;
};
const queueOf = (db: PrismaClient, now?: () => Date) => createJobQueue(db, { provider: t.provider, now });
const until = async (check: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};
const latch = () => {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
};

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 20 });
});

afterAll(async () => {
  for (const c of clients) await c.$disconnect();
  await t?.cleanup();
});

describe("claiming", () => {
  it("gives each job to exactly one worker when several workers poll at once", async () => {
    const kind = "exclusive";
    const producer = queueOf(instance());
    const ids = [];
    for (let i = 0; i < 40; i++) ids.push(await producer.enqueue(kind, { i }));
    const runs: { id: string; worker: string }[] = [];
    const workers = Array.from({ length: 4 }, (_, w) => {
      const handler: JobHandler = async (ctx) => {
        runs.push({ id: ctx.job.id, worker: `w${w}` });
        await new Promise((r) => setTimeout(r, 2));
        return { by: `w${w}` };
      };
      return runWorker({ db: instance(), provider: t.provider, handlers: { [kind]: handler }, concurrency: 3, stopWhenIdle: true, pollMs: 5, workerId: `w${w}` });
    });
    await Promise.all(workers.map((w) => w.finished));

    expect(runs.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(new Set(runs.map((r) => r.worker)).size).toBeGreaterThan(1);
    const jobs = await t.db.job.findMany({ where: { kind } });
    expect(jobs).toHaveLength(40);
    for (const j of jobs) {
      expect(j.status).toBe("COMPLETED");
      expect(j.attempts).toBe(1);
      // The worker that ran the handler is the one that completed it.
      expect((j.result as { by: string }).by).toBe(runs.find((r) => r.id === j.id)!.worker);
    }
  });
});

describe("singleton jobs", () => {
  it("refuses a second job of the key from another instance while one is queued or running, then allows the next", async () => {
    const a = queueOf(instance());
    const b = queueOf(instance());
    const tries = await Promise.allSettled([a.enqueue("single", {}, { singletonKey: "single" }), b.enqueue("single", {}, { singletonKey: "single" })]);
    const ok = tries.filter((x) => x.status === "fulfilled") as PromiseFulfilledResult<string>[];
    const refused = tries.filter((x) => x.status === "rejected") as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].reason).toBeInstanceOf(JobConflictError);
    expect((refused[0].reason as JobConflictError).existingJobId).toBe(ok[0].value);

    const gate = latch();
    const started = latch();
    const worker = runWorker({
      db: instance(), provider: t.provider, stopWhenIdle: true, pollMs: 5,
      handlers: { single: async () => { started.open(); await gate.opened; } },
    });
    await started.opened;
    // Running now: still refused.
    await expect(b.enqueue("single", {}, { singletonKey: "single" })).rejects.toThrow(/already queued or running/);
    gate.open();
    await worker.finished;
    expect((await a.getJob(ok[0].value))?.status).toBe("COMPLETED");
    const next = await b.enqueue("single", {}, { singletonKey: "single" });
    expect(next).not.toBe(ok[0].value);
    expect(await a.cancel(next)).toMatchObject({ status: "CANCELLED" });
  });
});

describe("dead workers", () => {
  it("fails a job whose heartbeat stopped, with a clear error, and the dead worker cannot complete it afterwards", async () => {
    let clock = new Date("2026-12-02T10:00:00Z");
    const now = () => clock;
    const dead = queueOf(instance(), now);
    const id = await dead.enqueue("fragile", { n: 1 }, { singletonKey: "fragile" });
    const claimed = await dead.claim(["fragile"], "dead-worker");
    expect(claimed).toMatchObject({ id, status: "RUNNING", workerId: "dead-worker", attempts: 1 });
    expect(await dead.heartbeat(id, "dead-worker", { progress: { stage: "half", percent: 50 } })).toBe("ok");

    // One second short of the threshold: alive.
    clock = new Date(clock.getTime() + dead.staleAfterMs - 1000);
    const sweeper = runWorker({ db: instance(), provider: t.provider, now, handlers: { fragile: async () => ({}) }, stopWhenIdle: true, pollMs: 0 });
    await sweeper.finished;
    expect(await dead.getJob(id)).toMatchObject({ status: "RUNNING", stale: false });

    clock = new Date(clock.getTime() + 2000);
    expect(await dead.getJob(id)).toMatchObject({ status: "RUNNING", stale: true });
    const ran: string[] = [];
    const next = runWorker({ db: instance(), provider: t.provider, now, handlers: { fragile: async (ctx) => void ran.push(ctx.job.id) }, stopWhenIdle: true, pollMs: 0 });
    await next.finished;
    const failed = await dead.getJob(id);
    expect(failed).toMatchObject({ status: "FAILED", stale: false, progress: { stage: "half", percent: 50 } });
    expect(failed?.error).toMatch(/^stale: no heartbeat from worker dead-worker since 2026-12-02T10:00:00\.000Z \(more than 120 s\); its process probably died$/);
    expect(ran).toEqual([]);

    // The "dead" worker wakes up: everything it tries is refused, nothing is overwritten.
    expect(await dead.heartbeat(id, "dead-worker")).toBe("lost");
    expect(await dead.complete(id, "dead-worker", { late: true })).toBe(false);
    expect(await dead.getJob(id)).toMatchObject({ status: "FAILED", result: null });
    // Its singleton key is free again.
    const again = await dead.enqueue("fragile", {}, { singletonKey: "fragile" });
    await dead.cancel(again);
  });

  it("frees a singleton key held by a dead worker's job when the next job is enqueued", async () => {
    let clock = new Date("2026-12-02T12:00:00Z");
    const q = queueOf(instance(), () => clock);
    const first = await q.enqueue("held", {}, { singletonKey: "held" });
    await q.claim(["held"], "gone");
    await expect(q.enqueue("held", {}, { singletonKey: "held" })).rejects.toBeInstanceOf(JobConflictError);
    clock = new Date(clock.getTime() + q.staleAfterMs + 1);
    const second = await queueOf(instance(), () => clock).enqueue("held", {}, { singletonKey: "held" });
    expect(second).not.toBe(first);
    expect((await q.getJob(first))?.status).toBe("FAILED");
    await q.cancel(second);
  });

  it("queues a dead worker's job again while it has attempts left", async () => {
    let clock = new Date("2026-12-02T14:00:00Z");
    const q = queueOf(instance(), () => clock);
    const id = await q.enqueue("retry", {}, { maxAttempts: 2 });
    await q.claim(["retry"], "gone");
    clock = new Date(clock.getTime() + q.staleAfterMs + 1);
    const w = runWorker({ db: instance(), provider: t.provider, now: () => clock, handlers: { retry: async (ctx) => ({ attempt: ctx.job.attempts }) }, stopWhenIdle: true, pollMs: 0 });
    await w.finished;
    expect(await q.getJob(id)).toMatchObject({ status: "COMPLETED", attempts: 2, result: { attempt: 2 } });
  });
});

describe("progress and results", () => {
  it("are readable from another instance while the job runs", async () => {
    const gate = latch();
    const reader = queueOf(instance());
    const id = await reader.enqueue("report", {});
    const worker = runWorker({
      db: instance(), provider: t.provider, stopWhenIdle: true, pollMs: 5, progressMs: 10,
      handlers: {
        report: async (ctx) => {
          await ctx.setResult({ createdId: "thing-1" });
          ctx.progress({ stage: "loading", percent: 10 });
          ctx.progress({ stage: "crunching", percent: 42.5, counts: { accounts: 120, lines: 900 }, message: "120 of 300 accounts" });
          await gate.opened;
          ctx.progress({ stage: "crunching", percent: 99 });
          return { total: 300 };
        },
      },
    });
    await until(async () => (await reader.getJob(id))?.progress?.stage === "crunching");
    const running = await reader.getJob(id);
    expect(running).toMatchObject({
      status: "RUNNING", workerId: worker.workerId,
      progress: { stage: "crunching", percent: 42.5, counts: { accounts: 120, lines: 900 }, message: "120 of 300 accounts" },
      result: { createdId: "thing-1" },
    });
    expect(running?.heartbeatAt).toBeInstanceOf(Date);
    expect((await reader.listJobs({ kind: "report", status: ["RUNNING"] })).map((j) => j.id)).toEqual([id]);
    gate.open();
    await worker.finished;
    expect(await reader.getJob(id)).toMatchObject({ status: "COMPLETED", progress: { stage: "crunching", percent: 99 }, result: { createdId: "thing-1", total: 300 } });
  });
});

describe("failures and cancellation", () => {
  it("a handler that throws ends FAILED with its message and leaves no result", async () => {
    const q = queueOf(instance());
    const id = await q.enqueue("broken", {}, { singletonKey: "broken" });
    let wrote = false;
    const w = runWorker({
      db: instance(), provider: t.provider, stopWhenIdle: true, pollMs: 0,
      handlers: {
        broken: async (ctx) => {
          ctx.progress({ stage: "writing", percent: 30 });
          await t.db.setting.upsert({ where: { key: "jobTestMarker" }, create: { key: "jobTestMarker", value: 1 }, update: {} }).then(() => (wrote = true));
          // Undo own partial effect before failing, as a handler must (the scoring run does it in failRun).
          await t.db.setting.delete({ where: { key: "jobTestMarker" } });
          throw new Error("the source file has 3 bad rows");
        },
      },
    });
    await w.finished;
    expect(wrote).toBe(true);
    expect(await q.getJob(id)).toMatchObject({ status: "FAILED", error: "the source file has 3 bad rows", result: null, attempts: 1, progress: { stage: "writing", percent: 30 } });
    expect(await t.db.setting.findUnique({ where: { key: "jobTestMarker" } })).toBeNull();
    expect((await t.db.job.findUnique({ where: { id } }))?.activeKey).toBeNull();
  });

  it("cancels a queued job at once and asks a running one to stop through its signal", async () => {
    const q = queueOf(instance());
    const queued = await q.enqueue("slow", { which: "queued" });
    expect(await q.cancel(queued)).toMatchObject({ status: "CANCELLED", error: "cancelled before it started" });

    const running = await q.enqueue("slow", { which: "running" });
    const started = latch();
    const w = runWorker({
      db: instance(), provider: t.provider, stopWhenIdle: true, pollMs: 0, heartbeatMs: 20,
      handlers: {
        slow: async (ctx) => {
          started.open();
          await new Promise<void>((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason)));
        },
      },
    });
    await started.opened;
    expect(await q.cancel(running)).toMatchObject({ status: "RUNNING", cancelRequested: true });
    await w.finished;
    expect(await q.getJob(running)).toMatchObject({ status: "CANCELLED", error: "cancelled while running" });
    expect(await q.cancel("no-such-job")).toBeNull();
  });
});

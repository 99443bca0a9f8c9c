// Integration: the scoring run as a job, on a seeded database (SQLite by default; PostgreSQL with
// TEST_DATABASE=postgresql): the job and its ScoringRun always end consistent, and a failed or dead run
// never goes live.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { createPrismaClient } from "@/lib/prisma-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createJobQueue } from "./queue";
import { createScoringHandler, SCORING_KIND, SCORING_SINGLETON_KEY } from "./scoring-job";
import { runWorker } from "./worker";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
const clients: PrismaClient[] = [];
const instance = () => {
  const c = createPrismaClient(t.url);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 150, seed: 5 });
  const { runScoring } = await import("@/lib/scoring/run-scoring");
  await runScoring({ url: t.url });
});

afterAll(async () => {
  for (const c of clients) await c.$disconnect();
  await t?.cleanup();
});

const activeRun = async () => (await t.db.scoringRun.findFirstOrThrow({ where: { active: true }, select: { id: true } })).id;
const rowsOf = async (runId: string) => ({
  opportunities: await t.db.opportunity.count({ where: { runId } }),
  metrics: await t.db.accountMetrics.count({ where: { runId } }),
  rules: await t.db.minedRule.count({ where: { runId } }),
});
const work = (options: { now?: () => Date; failAt?: "opportunities" } = {}) =>
  runWorker({
    db: instance(), provider: t.provider, now: options.now, stopWhenIdle: true, pollMs: 0, progressMs: 0,
    handlers: { [SCORING_KIND]: createScoringHandler({ url: t.url, failAt: options.failAt }) },
  }).finished;

describe("scoring jobs", () => {
  it("run the scoring run: the run goes live and the job records its id, counts and progress", async () => {
    const admin = t.actor("admin@example.com");
    const q = createJobQueue(instance(), { provider: t.provider });
    const before = await activeRun();
    const id = await q.enqueue(SCORING_KIND, { triggeredById: admin.id }, { singletonKey: SCORING_SINGLETON_KEY, createdById: admin.id });
    await expect(createJobQueue(instance(), { provider: t.provider }).enqueue(SCORING_KIND, {}, { singletonKey: SCORING_SINGLETON_KEY })).rejects.toThrow(
      /"scoring" job is already queued or running/,
    );
    await work();

    const job = (await q.getJob(id))!;
    const runId = await activeRun();
    expect(runId).not.toBe(before);
    expect(job).toMatchObject({ status: "COMPLETED", error: null, attempts: 1, result: { scoringRunId: runId }, progress: { stage: "done", percent: 100 } });
    const run = await t.db.scoringRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "COMPLETED", triggeredById: admin.id });
    expect(job.progress?.counts?.metrics).toBe(await t.db.accountMetrics.count({ where: { runId } }));
    expect(job.progress?.counts?.accounts).toBe(150);
    expect((job.result as { counts: { opportunities: number } }).counts.opportunities).toBe(job.progress?.counts?.opportunities);
  });

  it("that fail end FAILED with the run's message, the run FAILED without rows, the previous run still live", async () => {
    const q = createJobQueue(instance(), { provider: t.provider });
    const live = await activeRun();
    const liveRows = await rowsOf(live);
    const id = await q.enqueue(SCORING_KIND, {}, { singletonKey: SCORING_SINGLETON_KEY });
    await work({ failAt: "opportunities" });

    const job = (await q.getJob(id))!;
    expect(job).toMatchObject({ status: "FAILED", error: "injected failure at stage opportunities" });
    const runId = job.result?.scoringRunId as string;
    expect(runId).toEqual(expect.any(String));
    expect(await t.db.scoringRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true, active: true } })).toEqual({ status: "FAILED", active: false });
    expect(await rowsOf(runId)).toEqual({ opportunities: 0, metrics: 0, rules: 0 });
    expect(await activeRun()).toBe(live);
    expect(await rowsOf(live)).toEqual(liveRows);
    expect((await t.db.job.findUniqueOrThrow({ where: { id } })).activeKey).toBeNull();
  });

  it("whose worker died are failed with their scoring run, whose partial rows go; the next scoring job runs", async () => {
    const live = await activeRun();
    const liveRows = await rowsOf(live);
    let clock = new Date(Date.now() - 10 * 60_000);
    const now = () => clock;
    const dead = createJobQueue(instance(), { provider: t.provider, now });
    const id = await dead.enqueue(SCORING_KIND, {}, { singletonKey: SCORING_SINGLETON_KEY });
    await dead.claim([SCORING_KIND], "killed-worker");
    // What a run killed in its opportunities stage leaves: a RUNNING run with some of its rows.
    const run = await t.db.scoringRun.create({ data: { status: "RUNNING", stage: "opportunities", progress: 0.6, parameters: {}, startedAt: clock, heartbeatAt: clock } });
    const metrics = await t.db.accountMetrics.findMany({ where: { runId: live }, take: 5 });
    await t.db.accountMetrics.createMany({ data: metrics.map((m) => ({ ...m, id: `${run.id}-${m.id}`, runId: run.id })) });
    const opportunities = await t.db.opportunity.findMany({ where: { runId: live }, take: 5 });
    await t.db.opportunity.createMany({ data: opportunities.map((o) => ({ ...o, id: `${run.id}-${o.id}`, reason: o.reason ?? {}, runId: run.id })) });
    expect(await dead.heartbeat(id, "killed-worker", { result: { scoringRunId: run.id }, progress: { stage: "opportunities", percent: 60 } })).toBe("ok");

    clock = new Date(Date.now());
    await work({ now });

    const job = (await dead.getJob(id))!;
    expect(job.status).toBe("FAILED");
    expect(job.error).toMatch(/^stale: no heartbeat from worker killed-worker since .* its process probably died$/);
    const failedRun = await t.db.scoringRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(failedRun).toMatchObject({ status: "FAILED", active: false });
    expect(failedRun.error).toContain(`job ${id}: stale: no heartbeat`);
    expect(await rowsOf(run.id)).toEqual({ opportunities: 0, metrics: 0, rules: 0 });
    expect(await activeRun()).toBe(live);
    expect(await rowsOf(live)).toEqual(liveRows);

    // The key is free and the scoring run's own check finds nothing running: the next job goes through.
    const next = await createJobQueue(instance(), { provider: t.provider }).enqueue(SCORING_KIND, {}, { singletonKey: SCORING_SINGLETON_KEY });
    await work();
    expect(await dead.getJob(next)).toMatchObject({ status: "COMPLETED", result: { scoringRunId: await activeRun() } });
  });

  it("cancelled while running stop at the next stage: job CANCELLED, its run FAILED without rows", async () => {
    const { runScoring } = await import("@/lib/scoring/run-scoring");
    const q = createJobQueue(instance(), { provider: t.provider });
    const live = await activeRun();
    const id = await q.enqueue(SCORING_KIND, {}, { singletonKey: SCORING_SINGLETON_KEY });
    const handler = createScoringHandler({
      url: t.url,
      // Cancel once the job is running, and give the worker's heartbeat time to see it before the run starts.
      runScoring: async (options) => {
        await q.cancel(id);
        await new Promise((r) => setTimeout(r, 500));
        return runScoring(options);
      },
    });
    await runWorker({ db: instance(), provider: t.provider, stopWhenIdle: true, pollMs: 0, heartbeatMs: 10, handlers: { [SCORING_KIND]: handler } }).finished;
    const job = (await q.getJob(id))!;
    expect(job).toMatchObject({ status: "CANCELLED", error: "cancelled while running", cancelRequested: true });
    const runId = job.result?.scoringRunId as string;
    expect(await t.db.scoringRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true, error: true } })).toEqual({ status: "FAILED", error: "loading: cancelled while running" });
    expect(await rowsOf(runId)).toEqual({ opportunities: 0, metrics: 0, rules: 0 });
    expect(await activeRun()).toBe(live);
  });

  it("whose worker died after activation end COMPLETED, consistent with their run", async () => {
    let clock = new Date(Date.now() - 10 * 60_000);
    const q = createJobQueue(instance(), { provider: t.provider, now: () => clock });
    const live = await activeRun();
    const id = await q.enqueue(SCORING_KIND, {}, { singletonKey: SCORING_SINGLETON_KEY });
    await q.claim([SCORING_KIND], "killed-after-commit");
    await q.heartbeat(id, "killed-after-commit", { result: { scoringRunId: live } });
    clock = new Date();
    const swept = await q.sweepStale();
    expect(swept.map((j) => [j.id, j.status])).toEqual([[id, "COMPLETED"]]);
    expect(await q.getJob(id)).toMatchObject({ status: "COMPLETED", error: null, result: { scoringRunId: live } });
    expect(await activeRun()).toBe(live);
    expect((await t.db.scoringRun.findUniqueOrThrow({ where: { id: live } })).status).toBe("COMPLETED");
  });
});

// Integration: starting a scoring run from the admin page queues one durable job and refuses a second
// while it is queued or running; the page's history marks a run whose heartbeat stopped as stale.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";

let db: PrismaClient;
let cleanup: () => Promise<void>;
let actor: (email: string) => Actor;
let runs: typeof import("@/lib/data/scoring-runs");

beforeAll(async () => {
  // The test runs the job itself; no worker process is started.
  process.env.JOBS_WORKER = "external";
  ({ db, cleanup, actor } = await createTestDatabase({ accounts: 30, seed: 9 }));
  runs = await import("@/lib/data/scoring-runs");
});

afterAll(async () => {
  delete process.env.JOBS_WORKER;
  await cleanup?.();
});

describe("startScoringRun", () => {
  it("queues one job, refuses a second with what is under way, and the page shows it as current", async () => {
    const admin = actor("admin@example.com");
    const job = await runs.startScoringRun(admin);
    expect(job).toMatchObject({ kind: "scoring", status: "QUEUED", createdById: admin.id });
    await expect(runs.startScoringRun(admin)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/^A scoring run is already queued since \d\d:\d\d:\d\d UTC\. Wait for it to finish\.$/) });
    expect(await db.job.count({ where: { kind: "scoring" } })).toBe(1);
    const page = await runs.getScoringPage(admin);
    expect(page).toMatchObject({ current: { id: job.id, status: "QUEUED" }, runsInApp: false });
    expect(await db.auditLog.count({ where: { action: "scoring.start", entityId: job.id } })).toBe(1);
  });

  it("lists runs newest first with timings and counts, and marks a run without heartbeat as stale", async () => {
    const admin = actor("admin@example.com");
    const old = new Date(Date.now() - 10 * 60_000);
    const dead = await db.scoringRun.create({ data: { status: "RUNNING", stage: "rules", progress: 0.4, parameters: { asOf: "2026-01-01" }, startedAt: old, heartbeatAt: old } });
    const live = await db.scoringRun.create({ data: { status: "RUNNING", stage: "opportunities", progress: 0.7, parameters: {}, startedAt: new Date(), heartbeatAt: new Date() } });
    const finished = await db.scoringRun.create({
      data: { status: "FAILED", stage: "rules", progress: 0.5, parameters: {}, error: "rules: out of memory", timings: { load: 1200, rules: 800 }, counts: { accounts: 30 }, startedAt: new Date(Date.now() - 5000), finishedAt: new Date(Date.now() - 3000) },
    });
    const { runs: rows } = await runs.getScoringPage(admin);
    expect(rows[0]).toMatchObject({ id: live.id, stale: false, percent: 70, stage: "opportunities" });
    expect(rows.find((r) => r.id === dead.id)).toMatchObject({ stale: true, status: "RUNNING", parameters: { asOf: "2026-01-01" } });
    expect(rows.find((r) => r.id === finished.id)).toMatchObject({ stale: false, error: "rules: out of memory", timings: { load: 1200, rules: 800 }, counts: { accounts: 30 }, durationMs: 2000 });
  });

  it("is not found for managers and reps", async () => {
    for (const who of ["nina.manager@example.com", "ava@example.com"]) {
      await expect(runs.startScoringRun(actor(who))).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(runs.getScoringPage(actor(who))).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});

// Integration: starting and watching scoring jobs through the data layer the admin screens will use.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import type { Actor } from "@/lib/auth/actor";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let jobs: typeof import("@/lib/data/jobs");
let admin: Actor, nina: Actor, ava: Actor;

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 20 });
  jobs = await import("@/lib/data/jobs");
  admin = t.actor("admin@example.com");
  nina = t.actor("nina.manager@example.com");
  ava = t.actor("ava@example.com");
});
afterAll(async () => t?.cleanup());

describe("scoring jobs in the data layer", () => {
  it("start once: a repeated start returns the job under way; status and list read it; cancel ends it", async () => {
    const first = await jobs.startScoringJob(admin, { asOf: "2026-11-01" });
    expect(first).toMatchObject({ created: true, job: { kind: "scoring", status: "QUEUED", asOf: "2026-11-01", createdById: admin.id, progress: null, stale: false } });
    const again = await jobs.startScoringJob(admin, {});
    expect(again).toMatchObject({ created: false, job: { id: first.job.id } });
    expect(await t.db.job.count()).toBe(1);
    expect(await jobs.getJobStatus(admin, first.job.id)).toMatchObject({ id: first.job.id, status: "QUEUED" });
    expect((await jobs.listScoringJobs(admin)).map((j) => j.id)).toEqual([first.job.id]);
    const audited = await t.db.auditLog.findFirst({ where: { action: "scoring.start", entityId: first.job.id } });
    expect(audited?.userId).toBe(admin.id);

    expect(await jobs.cancelJob(admin, first.job.id)).toMatchObject({ status: "CANCELLED" });
    const next = await jobs.startScoringJob(admin);
    expect(next.created).toBe(true);
    expect(next.job.id).not.toBe(first.job.id);
    await jobs.cancelJob(admin, next.job.id);
  });

  it("refuses bad input by field", async () => {
    await expect(jobs.startScoringJob(admin, { asOf: "1 Nov" })).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { asOf: expect.any(String) } });
    await expect(jobs.startScoringJob(admin, { asOf: "2026-11-01", extra: 1 })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("is not found without the scoring:run permission, and for unknown jobs", async () => {
    const { job } = await jobs.startScoringJob(admin);
    for (const who of [nina, ava]) {
      await expect(jobs.startScoringJob(who)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(jobs.getJobStatus(who, job.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(jobs.listScoringJobs(who)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(jobs.cancelJob(who, job.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await jobs.getJobStatus(admin, job.id)).status).toBe("QUEUED");
    await expect(jobs.getJobStatus(admin, "no-such-job")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await t.db.job.create({ data: { kind: "internal", payload: {} } });
    await expect(jobs.getJobStatus(admin, other.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await jobs.cancelJob(admin, job.id);
  });
});

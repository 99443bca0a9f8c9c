// Integration: the import as a job (the admin screen's path) on a seeded database (SQLite by default;
// PostgreSQL with TEST_DATABASE=postgresql): progress, result and error report; cancellation before
// anything is written; the run's history row in every case.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { createJobQueue } from "@/lib/jobs/queue";
import { runWorker } from "@/lib/jobs/worker";
import { createImportHandler, IMPORT_JOB_KIND, IMPORT_SINGLETON_KEY, type ImportPayload } from "./import-job";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "import-job-"));
const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 20, seed: 6 });
});

afterAll(async () => {
  await t?.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function enqueue(file: string, extra: Partial<ImportPayload> = {}) {
  const admin = t.actor("admin@example.com");
  const run = await t.db.importRun.create({ data: { kind: "orders", fileName: path.basename(file), status: "QUEUED", source: "ui", userId: admin.id } });
  const payload: ImportPayload = {
    runId: run.id, kind: "orders", file, fileName: path.basename(file), mapping: {}, dryRun: false, skipInvalid: false, userId: admin.id,
    reportFile: path.join(tmp, `${run.id}.csv`), ...extra,
  };
  const q = createJobQueue(t.db);
  const jobId = await q.enqueue(IMPORT_JOB_KIND, payload, { singletonKey: IMPORT_SINGLETON_KEY, createdById: admin.id });
  return { q, jobId, runId: run.id, payload };
}

describe("import job", () => {
  it("runs the import, ends with its progress at 100% and leaves the summary, the history row, the audit entry and the error report", async () => {
    const { q, jobId, runId, payload } = await enqueue(fixture("bad-orders.csv"), { skipInvalid: true });
    const worker = runWorker({ db: t.db, handlers: { [IMPORT_JOB_KIND]: createImportHandler({ url: t.url }) }, stopWhenIdle: true, progressMs: 0, log: () => {} });
    await worker.finished;
    const job = (await q.getJob(jobId))!;
    expect(job.status).toBe("COMPLETED");
    expect(job.progress).toMatchObject({ stage: "done", percent: 100 });
    expect(job.result).toMatchObject({ runId, status: "COMPLETED", wrote: true, errorCount: 3 });
    expect((job.result!.counts as { orders: unknown }).orders).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(fs.readFileSync(payload.reportFile, "utf8")).toContain("3,quantity,two,error");
    const run = await t.db.importRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "COMPLETED", source: "ui", activeKey: null, errorReport: path.resolve(payload.reportFile) });
    expect(run.durationMs).toBeGreaterThan(0);
    const audit = await t.db.auditLog.findFirst({ where: { entityType: "ImportRun", entityId: runId } });
    expect(audit).toMatchObject({ action: "import.run" });
  });

  it("a cancelled import ends CANCELLED and writes nothing", async () => {
    const before = await t.db.order.count();
    const { q, jobId, runId } = await enqueue(fixture("orders.csv"));
    const worker = runWorker({
      db: t.db,
      handlers: {
        [IMPORT_JOB_KIND]: async (ctx) => {
          // Cancel as the admin screen does, then let the import see it at its first stage boundary.
          await q.cancel(jobId);
          await ctx.heartbeat();
          return createImportHandler({ url: t.url })(ctx);
        },
      },
      stopWhenIdle: true,
      log: () => {},
    });
    await worker.finished;
    expect((await q.getJob(jobId))!.status).toBe("CANCELLED");
    expect(await t.db.order.count()).toBe(before);
    expect(await t.db.importRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "CANCELLED", activeKey: null });
  });
});

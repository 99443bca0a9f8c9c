/**
 * The import as a job of kind "import" (admin screen imports): the job queue gives progress readable
 * from any instance and cancellation; the import keeps its own guarantees (lock, one transaction). The
 * ImportRun row is created when the job is queued, so the history shows it from the start.
 */
import path from "node:path";
import { z } from "zod";
import type { JobHandler, StaleHook } from "@/lib/jobs/types";
import { IMPORT_KINDS } from "./columns";

export const IMPORT_JOB_KIND = "import";
export const IMPORT_SINGLETON_KEY = "import";
/** Row issues kept in the job's result for the screen; the full list is in the error report file. */
export const RESULT_ISSUES = 200;

export const importPayloadSchema = z.object({
  runId: z.string().min(1),
  kind: z.enum(IMPORT_KINDS),
  file: z.string().min(1),
  fileName: z.string().min(1),
  mapping: z.record(z.string(), z.string()).default({}),
  dryRun: z.boolean(),
  skipInvalid: z.boolean(),
  team: z.string().optional(),
  userId: z.string().nullable(),
  reportFile: z.string().min(1),
});
export type ImportPayload = z.infer<typeof importPayloadSchema>;

const STAGE_SHARE = { read: [0, 70], load: [70, 80], plan: [80, 85], write: [85, 99], done: [100, 100] } as const;

export function createImportHandler(options: { url: string }): JobHandler {
  return async (ctx) => {
    const p = importPayloadSchema.parse(ctx.job.payload);
    // Loaded when an import job runs, not when a queue is built (the app only enqueues and reads).
    const [{ runImport }, { writeErrorReport }, { appendAudit }, { createPrismaClient }] = await Promise.all([
      import("./run-import"), import("./report"), import("@/lib/audit/chain"), import("@/lib/prisma-client"),
    ]);
    const db = createPrismaClient(options.url);
    try {
      const result = await runImport(options.url, {
        kind: p.kind, file: p.file, fileName: p.fileName, mapping: p.mapping, dryRun: p.dryRun, skipInvalid: p.skipInvalid, team: p.team, source: "ui",
        userId: p.userId, runId: p.runId, signal: ctx.signal,
        onProgress: (e) => {
          const [from, to] = STAGE_SHARE[e.stage];
          const counts: Record<string, number> = { linesRead: e.linesRead };
          if (e.ratePerSecond) counts.linesPerSecond = Math.round(e.ratePerSecond);
          if (e.etaSeconds != null) counts.etaSeconds = Math.round(e.etaSeconds);
          ctx.progress({ stage: e.stage, percent: Math.round(from + (to - from) * e.fraction), counts, ...(e.message ? { message: e.message } : {}) });
        },
        audit: async (entry) => {
          await db.$transaction((tx) => appendAudit(tx, { ...entry, details: entry.details as never, ip: null, userAgent: "import job" }));
        },
      });
      await writeErrorReport(p.reportFile, result.issues);
      await db.importRun.update({ where: { id: p.runId }, data: { errorReport: path.resolve(p.reportFile) } });
      return {
        runId: result.runId, status: result.status, dryRun: result.dryRun, wrote: result.wrote, changed: result.changed,
        counts: result.counts as unknown as Record<string, unknown>, notes: result.notes, durationMs: Math.round(result.durationMs),
        issueCount: result.issues.length, errorCount: result.issues.filter((i) => i.kind === "error").length,
        issues: result.issues.slice(0, RESULT_ISSUES) as unknown as Record<string, unknown>[],
      };
    } finally {
      await db.$disconnect();
    }
  };
}

/** A dead worker's import wrote nothing (its transaction never committed): end its run and free the lock. */
export const reconcileStaleImportJob: StaleHook = async (job, { sql, now, error }) => {
  const runId = (job.payload as { runId?: unknown } | null)?.runId;
  if (typeof runId !== "string") return;
  await sql.exec`UPDATE "ImportRun" SET "status" = 'FAILED', "activeKey" = NULL, "error" = ${`job ${job.id}: ${error}`.slice(0, 2000)}, "finishedAt" = ${now}
    WHERE "id" = ${runId} AND "status" IN ('QUEUED', 'RUNNING')`;
};

import "server-only";
import { existsSync } from "node:fs";
import { z } from "zod";
import { audit } from "@/lib/audit/log";
import { authorize, outOfScope } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { runQueuedJobsInApp, jobsRunInApp } from "@/lib/data/scoring-runs-runner";
import { AppError, invalidInput } from "@/lib/errors";
import { FIELDS, mapColumns, type ImportKind } from "@/lib/import/columns";
import { readCsvFile } from "@/lib/import/csv-stream";
import { IMPORT_JOB_KIND, IMPORT_SINGLETON_KEY, type ImportPayload } from "@/lib/import/import-job";
import { appendChunk, ChunkError, createUploadFile, readUploadMeta, receivedBytes, reportPath, uploadPath, UPLOAD_LIMIT_BYTES, CHUNK_BYTES } from "@/lib/import/uploads";
import { createJobQueue } from "@/lib/jobs/queue";
import { JobConflictError, type JobProgress, type JobStatus } from "@/lib/jobs/types";
import { importPreviewSchema, importStartSchema, importUploadSchema } from "@/lib/validations/imports";
import type { Actor } from "@/lib/auth/actor";

// The admin import screen's data functions: uploads, preview and mapping, jobs, history, error reports.

export type ImportJobDto = {
  id: string;
  status: JobStatus;
  progress: JobProgress | null;
  error: string | null;
  cancelRequested: boolean;
  result: Record<string, unknown> | null;
  runId: string | null;
  dryRun: boolean;
};

export type ImportRunRow = {
  id: string;
  kind: string;
  fileName: string;
  status: string;
  dryRun: boolean;
  source: string;
  user: string | null;
  counts: Record<string, unknown> | null;
  error: string | null;
  startedAt: string;
  durationMs: number | null;
  hasReport: boolean;
};

const queue = () => createJobQueue(db);
const ensure = (actor: Actor) => authorize(actor, "data:import", "Import");

export async function createUpload(actor: Actor, input: unknown) {
  await ensure(actor);
  const parsed = importUploadSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const meta = await createUploadFile(parsed.data.fileName, parsed.data.size, actor.id);
  return { uploadId: meta.id, chunkBytes: CHUNK_BYTES, limitBytes: UPLOAD_LIMIT_BYTES };
}

async function ownUpload(actor: Actor, id: string) {
  const meta = await readUploadMeta(id);
  if (!meta || meta.userId !== actor.id) throw await outOfScope(actor, "Upload", id);
  return meta;
}

export async function receiveChunk(actor: Actor, id: string, offsetText: string | null, body: ReadableStream<Uint8Array> | null) {
  await ensure(actor);
  const meta = await ownUpload(actor, id);
  const offset = Number(offsetText);
  if (!Number.isSafeInteger(offset) || offset < 0) throw new AppError("INVALID_INPUT", "offset must be a byte position", { offset: "a byte position" });
  try {
    return { received: await appendChunk(meta, offset, body), size: meta.size };
  } catch (e) {
    if (!(e instanceof ChunkError)) throw e;
    if (e.reason === "too-large") throw new AppError("PAYLOAD_TOO_LARGE", e.message);
    throw new AppError("CONFLICT", e.message);
  }
}

/** The file's header and first rows, and the columns matched to each field by header name. */
export async function previewUpload(actor: Actor, id: string, input: unknown) {
  await ensure(actor);
  const meta = await ownUpload(actor, id);
  const parsed = importPreviewSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const kind: ImportKind = parsed.data.kind;
  const have = await receivedBytes(id);
  if (have !== meta.size) throw new AppError("CONFLICT", `the upload is incomplete (${have} of ${meta.size} bytes)`);
  let header: string[] = [];
  const rows: string[][] = [];
  try {
    await readCsvFile(uploadPath(id), { onHeader: (h) => (header = h), onRow: (r) => void rows.push(r), shouldStop: () => rows.length >= 5 });
  } catch (e) {
    throw new AppError("INVALID_INPUT", (e as Error).message, { file: (e as Error).message });
  }
  const columns = mapColumns(kind, header);
  const mapping = Object.fromEntries(FIELDS[kind].map((f) => [f.field, columns.positions[f.field] === undefined ? "" : header[columns.positions[f.field]]]));
  const teams = (await db.team.findMany({ select: { name: true }, orderBy: { name: "asc" } })).map((t) => t.name);
  return { uploadId: id, fileName: meta.fileName, size: meta.size, kind, header, rows, mapping, fields: FIELDS[kind], teams };
}

const toJob = (j: NonNullable<Awaited<ReturnType<ReturnType<typeof queue>["getJob"]>>>): ImportJobDto => {
  const payload = (j.payload ?? {}) as Partial<ImportPayload>;
  return {
    id: j.id, status: j.status, progress: j.progress, error: j.error, cancelRequested: j.cancelRequested, result: j.result,
    runId: typeof payload.runId === "string" ? payload.runId : null, dryRun: payload.dryRun === true,
  };
};

export async function startImport(actor: Actor, input: unknown): Promise<ImportJobDto> {
  await ensure(actor);
  const parsed = importStartSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const { uploadId, kind, mapping, dryRun, skipInvalid, team } = parsed.data;
  const meta = await ownUpload(actor, uploadId);
  const mapped = mapColumns(kind, (await previewUpload(actor, uploadId, { kind })).header, mapping);
  if (mapped.missing.length > 0) throw new AppError("INVALID_INPUT", `map the required column(s): ${mapped.missing.join(", ")}`, Object.fromEntries(mapped.missing.map((f) => [`mapping.${f}`, "required"])));
  const run = await db.importRun.create({ data: { kind, fileName: meta.fileName, status: "QUEUED", dryRun, source: "ui", userId: actor.id }, select: { id: true } });
  const payload: ImportPayload = {
    runId: run.id, kind, file: uploadPath(uploadId), fileName: meta.fileName, mapping, dryRun, skipInvalid, team: team || undefined, userId: actor.id, reportFile: reportPath(run.id),
  };
  const q = queue();
  let jobId: string;
  try {
    jobId = await q.enqueue(IMPORT_JOB_KIND, payload, { singletonKey: IMPORT_SINGLETON_KEY, createdById: actor.id });
  } catch (e) {
    await db.importRun.update({ where: { id: run.id }, data: { status: "CANCELLED", error: "another import was queued or running", finishedAt: new Date() } });
    if (e instanceof JobConflictError) throw new AppError("CONFLICT", "Another import is queued or running; wait for it to finish.");
    throw e;
  }
  await audit({ userId: actor.id, action: dryRun ? "import.dry_run_start" : "import.start", entityType: "ImportRun", entityId: run.id, details: { kind, file: meta.fileName, skipInvalid, team: team ?? null, jobId } });
  if (jobsRunInApp()) runQueuedJobsInApp();
  return toJob((await q.getJob(jobId))!);
}

async function importJob(actor: Actor, jobId: string) {
  const job = await queue().getJob(jobId);
  if (!job || job.kind !== IMPORT_JOB_KIND) throw await outOfScope(actor, "Job", jobId);
  return job;
}

export async function getImportJob(actor: Actor, jobId: string): Promise<ImportJobDto> {
  await ensure(actor);
  return toJob(await importJob(actor, jobId));
}

export async function cancelImport(actor: Actor, jobId: string): Promise<ImportJobDto> {
  await ensure(actor);
  const before = await importJob(actor, jobId);
  const after = (await queue().cancel(jobId))!;
  const dto = toJob(after);
  if (after.status === "CANCELLED" && before.status === "QUEUED" && dto.runId) {
    await db.importRun.updateMany({ where: { id: dto.runId, status: "QUEUED" }, data: { status: "CANCELLED", finishedAt: new Date(), error: "cancelled before it started" } });
  }
  await audit({ userId: actor.id, action: "import.cancel", entityType: "ImportRun", entityId: dto.runId, details: { jobId, status: before.status } });
  return dto;
}

export async function listImportRuns(actor: Actor, limit = 25): Promise<{ runs: ImportRunRow[]; current: ImportJobDto | null }> {
  await ensure(actor);
  const rows = await db.importRun.findMany({ orderBy: { startedAt: "desc" }, take: limit });
  const users = new Map((await db.user.findMany({ where: { id: { in: rows.map((r) => r.userId).filter((x): x is string => !!x) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const jobs = await queue().listJobs({ kind: IMPORT_JOB_KIND, status: ["QUEUED", "RUNNING"], limit: 1 });
  return {
    runs: rows.map((r) => ({
      id: r.id, kind: r.kind, fileName: r.fileName, status: r.status, dryRun: r.dryRun, source: r.source, user: r.userId ? (users.get(r.userId) ?? null) : null,
      counts: (r.counts as Record<string, unknown> | null) ?? null, error: r.error, startedAt: r.startedAt.toISOString(), durationMs: r.durationMs,
      hasReport: !!r.errorReport && existsSync(r.errorReport),
    })),
    current: jobs[0] ? toJob(jobs[0]) : null,
  };
}

/** The error report file of a run, for download. */
export async function importReportFile(actor: Actor, runId: string): Promise<{ path: string; fileName: string }> {
  await ensure(actor);
  const run = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).safeParse(runId).success ? await db.importRun.findUnique({ where: { id: runId } }) : null;
  if (!run || !run.errorReport || !existsSync(run.errorReport)) throw await outOfScope(actor, "ImportRun", runId);
  await audit({ userId: actor.id, action: "import.report_download", entityType: "ImportRun", entityId: runId, details: { file: run.fileName } });
  return { path: run.errorReport, fileName: `${run.fileName.replace(/\.(csv|gz|txt)+$/i, "").replace(/[^A-Za-z0-9._-]/g, "_")}-errors.csv` };
}

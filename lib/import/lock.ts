/**
 * One import at a time: an ImportRun row holds the unique activeKey "import" while it runs. A holder
 * whose heartbeat is older than STALE_MS, or whose process on this host has exited, is taken over (an
 * import killed part-way wrote nothing: its transaction never committed).
 */
import os from "node:os";
import type { ImportDriver } from "./driver";
import { readMs } from "./driver";

export const LOCK_KEY = "import";
export const STALE_MS = 60_000;
export const HEARTBEAT_MS = 5_000;

export class ImportBusyError extends Error {
  constructor(readonly runId: string, detail: string) {
    super(`another import is running (${detail}); try again when it has finished`);
    this.name = "ImportBusyError";
  }
}

const holderId = () => `${os.hostname()}:${process.pid}`;

function alive(holder: string | null): boolean | null {
  if (!holder) return null;
  const [host, pid] = holder.split(":");
  if (host !== os.hostname() || !pid) return null;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM";
  }
}

const isUnique = (e: unknown) => {
  const code = (e as { code?: string }).code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505" || /UNIQUE constraint failed/i.test(String((e as Error)?.message));
};

/** Starts a run (taking the lock), or takes over the lock for a run created earlier (runId). */
export async function acquireImportLock(
  d: ImportDriver,
  run: { id: string; kind: string; fileName: string; dryRun: boolean; source: string; userId: string | null; existing: boolean },
  now: () => number = Date.now,
): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      if (run.existing) {
        const n = await d.run(`UPDATE "ImportRun" SET "activeKey" = ?, "holder" = ?, "heartbeatAt" = ?, "status" = 'RUNNING' WHERE "id" = ?`, [
          LOCK_KEY, holderId(), tsParam(d, now()), run.id,
        ]);
        if (n !== 1) throw new Error(`import run ${run.id} not found`);
      } else {
        await d.run(
          `INSERT INTO "ImportRun" ("id", "kind", "fileName", "status", "dryRun", "source", "userId", "activeKey", "holder", "heartbeatAt", "startedAt") VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?, ?)`,
          [run.id, run.kind, run.fileName, run.dryRun, run.source, run.userId, LOCK_KEY, holderId(), tsParam(d, now()), tsParam(d, now())],
        );
      }
      return;
    } catch (e) {
      if (!isUnique(e)) throw e;
      const [holder] = await d.all<{ id: string; holder: string | null; heartbeatAt: unknown; fileName: string }>(
        `SELECT "id", "holder", "heartbeatAt", "fileName" FROM "ImportRun" WHERE "activeKey" = ?`,
        [LOCK_KEY],
      );
      if (!holder) continue;
      const age = now() - readMs(holder.heartbeatAt);
      const living = alive(holder.holder);
      if (living === true || (living === null && age < STALE_MS)) throw new ImportBusyError(holder.id, `${holder.fileName}, run ${holder.id}`);
      await d.run(`UPDATE "ImportRun" SET "activeKey" = NULL, "status" = 'FAILED', "error" = ?, "finishedAt" = ? WHERE "id" = ? AND "activeKey" = ?`, [
        `the importing process (${holder.holder ?? "?"}) stopped without finishing; nothing it read was written`, tsParam(d, now()), holder.id, LOCK_KEY,
      ]);
    }
  }
  throw new ImportBusyError("?", "the lock could not be taken");
}

export async function heartbeatImport(d: ImportDriver, runId: string, counts: unknown, now = Date.now()): Promise<void> {
  await d.run(`UPDATE "ImportRun" SET "heartbeatAt" = ?, "counts" = ? WHERE "id" = ? AND "activeKey" = ?`, [tsParam(d, now), jsonParam(d, counts), runId, LOCK_KEY]);
}

export async function releaseImportLock(
  d: ImportDriver,
  runId: string,
  outcome: { status: string; counts: unknown; error: string | null; durationMs: number; errorReport?: string | null },
  now = Date.now(),
): Promise<void> {
  await d.run(
    `UPDATE "ImportRun" SET "activeKey" = NULL, "status" = ?, "counts" = ?, "error" = ?, "finishedAt" = ?, "durationMs" = ?, "errorReport" = COALESCE(?, "errorReport") WHERE "id" = ?`,
    [outcome.status, jsonParam(d, outcome.counts), outcome.error, tsParam(d, now), Math.round(outcome.durationMs), outcome.errorReport ?? null, runId],
  );
}

/** Timestamps as parameters: Prisma's ISO text on SQLite, UTC timestamp text on PostgreSQL. */
export function tsParam(d: ImportDriver, ms: number): string {
  const iso = new Date(ms).toISOString();
  return d.provider === "sqlite" ? iso.replace("Z", "+00:00") : iso.slice(0, 23);
}

export function jsonParam(d: ImportDriver, v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

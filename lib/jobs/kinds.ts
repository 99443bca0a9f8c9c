/**
 * The job kinds the app knows. Stale hooks only need the database, so every queue (app instances and
 * workers alike) reconciles a dead worker's job the same way; handlers run only in worker processes.
 */
import { createImportHandler, IMPORT_JOB_KIND, reconcileStaleImportJob } from "@/lib/import/import-job";
import { createScoringHandler, reconcileStaleScoringJob, SCORING_KIND } from "./scoring-job";
import type { JobHandler, StaleHook } from "./types";

export const STALE_HOOKS: Partial<Record<string, StaleHook>> = {
  [SCORING_KIND]: reconcileStaleScoringJob,
  [IMPORT_JOB_KIND]: reconcileStaleImportJob,
};

/** The handlers of a worker process against the database at `url`. */
export function jobHandlers(url: string): Record<string, JobHandler> {
  return { [SCORING_KIND]: createScoringHandler({ url }), [IMPORT_JOB_KIND]: createImportHandler({ url }) };
}

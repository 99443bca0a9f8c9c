"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { cancelJob } from "@/lib/data/jobs";
import { startScoringRun } from "@/lib/data/scoring-runs";
import { idSchema } from "@/lib/validations/text";

/** Queues a scoring run; refused (CONFLICT, with what is running) while one is queued or running. */
export const startScoringRunAction = defineAction({ input: z.object({}).strict(), permission: "scoring:run" }, async (_input, actor) => {
  const job = await startScoringJobDto(actor);
  revalidatePath("/admin/scoring");
  return job;
});

/** A queued run is cancelled at once; a running one stops at its next stage (not once it activates). */
export const cancelScoringRunAction = defineAction({ input: z.object({ jobId: idSchema }), permission: "scoring:run" }, async (input, actor) => {
  const job = await cancelJob(actor, input.jobId);
  revalidatePath("/admin/scoring");
  return { id: job.id, status: job.status, cancelRequested: job.cancelRequested };
});

async function startScoringJobDto(actor: Parameters<typeof startScoringRun>[0]) {
  const job = await startScoringRun(actor);
  return { id: job.id, status: job.status };
}

"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { logOutcome, snoozeOpportunity } from "@/lib/data/outcomes";
import { nextInQueue } from "@/lib/data/queue";
import { outcomeSchema, snoozeSchema } from "@/lib/validations/outcomes";
import { reassignSchema } from "@/lib/validations/reassign";
import { idSchema } from "@/lib/validations/text";
import { QUEUE_CHANNELS } from "@/lib/validations/queue";
import { reassign } from "@/lib/data/account-work";

// The rep whose queue a manager is working through, and the list (calls or emails), so "next" stays in that queue.
const queueContext = z.object({ rep: idSchema.optional(), list: z.enum(QUEUE_CHANNELS).optional() });

export const logOutcomeAction = defineAction(
  { input: z.intersection(outcomeSchema, queueContext), permission: "opportunities:work" },
  async ({ rep, list, ...data }, actor) => {
    const result = await logOutcome(actor, data);
    const nextId = await nextInQueue(actor, { rep, channel: list, exclude: [data.opportunityId] });
    revalidatePath("/queue");
    return { ...result, nextId };
  },
);

export const snoozeAction = defineAction(
  { input: z.intersection(snoozeSchema, queueContext), permission: "opportunities:work" },
  async ({ rep, list, ...data }, actor) => {
    const result = await snoozeOpportunity(actor, data);
    const nextId = await nextInQueue(actor, { rep, channel: list, exclude: [data.opportunityId] });
    revalidatePath("/queue");
    return { ...result, nextId };
  },
);

export const reassignAction = defineAction({ input: reassignSchema, permission: "opportunities:reassign" }, async (input, actor) => {
  const result = await reassign(actor, input);
  revalidatePath("/accounts");
  revalidatePath("/queue");
  return result;
});

"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { logOutcome, snoozeOpportunity } from "@/lib/data/outcomes";
import { nextInQueue } from "@/lib/data/queue";
import { outcomeSchema, snoozeSchema } from "@/lib/validations/outcomes";
import { reassignSchema } from "@/lib/validations/reassign";
import { reassign } from "@/lib/data/account-work";

const context = z.string().max(64).optional();

const logOutcome_ = defineAction(
  { input: z.object({ data: outcomeSchema, rep: context }), permission: "opportunities:work" },
  async ({ data, rep }, actor) => {
    const result = await logOutcome(actor, data);
    const nextId = await nextInQueue(actor, { rep, exclude: [data.opportunityId] });
    revalidatePath("/queue");
    return { ...result, nextId };
  },
);

const snooze_ = defineAction(
  { input: z.object({ data: snoozeSchema, rep: context }), permission: "opportunities:work" },
  async ({ data, rep }, actor) => {
    const result = await snoozeOpportunity(actor, data);
    const nextId = await nextInQueue(actor, { rep, exclude: [data.opportunityId] });
    revalidatePath("/queue");
    return { ...result, nextId };
  },
);

export async function logOutcomeAction(raw: unknown) {
  return logOutcome_(raw);
}

export async function snoozeAction(raw: unknown) {
  return snooze_(raw);
}

const reassign_ = defineAction({ input: reassignSchema, permission: "opportunities:reassign" }, async (input, actor) => {
  const result = await reassign(actor, input);
  revalidatePath("/accounts");
  revalidatePath("/queue");
  return result;
});

export async function reassignAction(raw: unknown) {
  return reassign_(raw);
}

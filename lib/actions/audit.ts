"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { runAuditCheck } from "@/lib/data/audit-verify";

/** Runs the tamper-evidence check over the whole audit chain and records its result. */
export const verifyAuditChainAction = defineAction({ input: z.object({}).strict(), permission: "audit:read" }, async (_input, actor) => {
  const check = await runAuditCheck(actor);
  revalidatePath("/admin/audit");
  return check;
});

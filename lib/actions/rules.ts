"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { approveRule, decideRules, rejectRule } from "@/lib/data/rules-write";
import { approveRuleSchema, bulkRulesSchema, rejectRuleSchema } from "@/lib/validations/rules";

function refresh() {
  revalidatePath("/admin/rules");
  revalidatePath("/admin/pairs");
}

/** Turns a mined rule into a catalog pair (origin mined, with a snapshot of the rule's statistics). */
export const approveRuleAction = defineAction({ input: approveRuleSchema, permission: "rules:review" }, async (input, actor) => {
  const result = await approveRule(actor, input);
  refresh();
  return result;
});

/** Rejects a rule with a reason: out of later runs' review list and out of recommendations. */
export const rejectRuleAction = defineAction({ input: rejectRuleSchema, permission: "rules:review" }, async (input, actor) => {
  const result = await rejectRule(actor, input);
  refresh();
  return result;
});

export const decideRulesAction = defineAction({ input: bulkRulesSchema, permission: "rules:review" }, async (input, actor) => {
  const result = await decideRules(actor, input);
  refresh();
  return result;
});

import { z } from "zod";
import { PAIR_TYPES } from "@/lib/validations/pairs";
import { idSchema, text } from "@/lib/validations/text";

export const RULE_SORTS = ["lift", "confidence", "support", "leverage", "conviction", "count"] as const;

export const ruleListSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  sort: z.enum(RULE_SORTS).catch("lift"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  kind: z.enum(["BASKET", "SEQUENCE"]).optional().catch(undefined),
  status: z.enum(["PENDING", "ACCEPTED", "REJECTED"]).optional().catch(undefined),
  minLift: z.coerce.number().min(0).max(1000).optional().catch(undefined),
  q: text().trim().max(100).optional().transform((v) => (v ? v : undefined)).catch(undefined),
});

const templateText = text().trim().max(4000, "must be at most 4000 characters");

export const approveRuleSchema = z.object({
  ruleId: idSchema,
  type: z.enum(PAIR_TYPES, { error: "Choose a type" }),
  bundleDiscountPct: z.number().gt(0, "must be above 0%").max(90, "must be at most 90%").nullable(),
  talkingPoints: templateText.optional(),
  objectionHandling: templateText.optional(),
});

export const rejectRuleSchema = z.object({
  ruleId: idSchema,
  reason: text().trim().min(3, "Say why (at least 3 characters)").max(500, "must be at most 500 characters"),
});

export const bulkRulesSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("approve"), ruleIds: z.array(idSchema).min(1, "Select at least one rule").max(200, "at most 200 rules at once"), type: z.enum(PAIR_TYPES) }),
  z.object({
    decision: z.literal("reject"),
    ruleIds: z.array(idSchema).min(1, "Select at least one rule").max(200, "at most 200 rules at once"),
    reason: text().trim().min(3, "Say why (at least 3 characters)").max(500, "must be at most 500 characters"),
  }),
]);

export type RuleListParams = z.infer<typeof ruleListSchema>;
export type ApproveRuleInput = z.infer<typeof approveRuleSchema>;
export type RejectRuleInput = z.infer<typeof rejectRuleSchema>;
export type BulkRulesInput = z.infer<typeof bulkRulesSchema>;

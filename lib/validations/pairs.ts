import { z } from "zod";
import { fieldChecks } from "@/lib/domain/catalog-checks";
import { idSchema, text } from "@/lib/validations/text";

export const PAIR_TYPES = ["CROSS_SELL", "ACCESSORY", "UPSELL", "BUNDLE"] as const;
export const PAIR_TYPE_LABELS: Record<(typeof PAIR_TYPES)[number], string> = { CROSS_SELL: "Cross-sell", ACCESSORY: "Accessory", UPSELL: "Upsell", BUNDLE: "Bundle" };
export const SEGMENTS = ["Champions", "Loyal", "Potential", "New", "At risk", "Hibernating", "Lost"] as const;
export const PAIR_SORTS = ["source", "target", "type", "updated", "version"] as const;

const template = (what: string) => text().trim().min(1, `Write the ${what}`).max(4000, "must be at most 4000 characters");
const days = z.number({ error: "Enter a whole number of days" }).int("Enter a whole number of days").min(0, "must be 0 or more").max(3650, "must be at most 3650 days");

/** The editable fields of a pair, as the form holds them. */
export const pairFieldsObject = z.object({
  sourceProductId: idSchema,
  targetProductId: idSchema,
  type: z.enum(PAIR_TYPES, { error: "Choose a type" }),
  bundleDiscountPct: z.number({ error: "Enter a percentage" }).gt(0, "must be above 0%").max(90, "must be at most 90%").nullable(),
  windowMinDays: days,
  windowMaxDays: days,
  eligibleSegments: z.array(z.enum(SEGMENTS, { error: "Unknown segment" })).max(SEGMENTS.length),
  talkingPoints: template("talking points"),
  objectionHandling: template("objection handling"),
});

/** The catalog checks that need no database, as field errors (the server adds the others). */
function withFieldChecks<T extends z.ZodType<z.output<typeof pairFieldsObject>>>(schema: T) {
  return schema.superRefine((v, ctx) => {
    for (const [path, message] of Object.entries(fieldChecks(v))) ctx.addIssue({ code: "custom", path: [path], message });
  });
}

export const pairFieldsSchema = withFieldChecks(pairFieldsObject);
export const createPairSchema = withFieldChecks(pairFieldsObject.extend({ active: z.boolean() }));
export const updatePairSchema = withFieldChecks(pairFieldsObject.extend({ id: idSchema, version: z.number().int().min(1) }));
export const setPairActiveSchema = z.object({ id: idSchema, version: z.number().int().min(1), active: z.boolean() });
export const restorePairSchema = z.object({ id: idSchema, version: z.number().int().min(1), restoreVersion: z.number().int().min(1) });
export const templatePreviewSchema = z.object({
  accountId: idSchema,
  sourceProductId: idSchema.optional(),
  targetProductId: idSchema.optional(),
  bundleDiscountPct: z.number().nullable().optional(),
  talkingPoints: text().max(4000, "must be at most 4000 characters"),
  objectionHandling: text().max(4000, "must be at most 4000 characters"),
});
export const pairImpactSchema = pairFieldsObject.pick({ sourceProductId: true, targetProductId: true, windowMinDays: true, windowMaxDays: true, eligibleSegments: true }).extend({
  id: idSchema.optional(),
});

const optionalText = text().trim().max(100).optional().transform((v) => (v ? v : undefined));

/** Query string of the pair list; junk falls back to defaults. */
export const pairListSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pageSize: z.coerce.number().refine((n) => [25, 50, 100].includes(n)).catch(25),
  sort: z.enum(PAIR_SORTS).catch("source"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  q: optionalText.catch(undefined),
  type: z.enum(PAIR_TYPES).optional().catch(undefined),
  active: z.enum(["active", "inactive"]).optional().catch(undefined),
  origin: z.enum(["MANUAL", "MINED"]).optional().catch(undefined),
  sourceCategory: optionalText.catch(undefined),
  targetCategory: optionalText.catch(undefined),
});

export type PairFieldsInput = z.infer<typeof pairFieldsObject>;
export type CreatePairInput = z.infer<typeof createPairSchema>;
export type UpdatePairInput = z.infer<typeof updatePairSchema>;
export type PairListParams = z.infer<typeof pairListSchema>;
export type PairImpactInput = z.infer<typeof pairImpactSchema>;
export type TemplatePreviewInput = z.infer<typeof templatePreviewSchema>;

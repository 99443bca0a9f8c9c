import { z } from "zod";
import { text } from "@/lib/validations/text";

export const DURABILITIES = ["DURABLE", "REPLENISHED"] as const;

/**
 * A category's durability and replacement cycle. `version` is the policy row's version, 0 for a
 * category that has none yet (the first save creates it). A durable category needs a cycle: the engine
 * holds a durable back only within its cycle, so a durable without one would change nothing.
 */
export const updateCategoryPolicySchema = z
  .object({
    category: text().trim().min(1, "Enter a category").max(100, "must be at most 100 characters"),
    version: z.number().int().min(0),
    durability: z.enum(DURABILITIES, { error: "Choose durable or replenished" }),
    replacementCycleDays: z
      .number({ error: "Enter a whole number of days" })
      .int("Enter a whole number of days")
      .min(1, "must be at least 1 day")
      .max(3650, "must be at most 3,650 days (10 years)")
      .nullable(),
  })
  .refine((v) => v.durability !== "DURABLE" || v.replacementCycleDays !== null, {
    path: ["replacementCycleDays"],
    message: "A durable category needs a replacement cycle: without one the engine does not hold it back",
  });

export type UpdateCategoryPolicyInput = z.infer<typeof updateCategoryPolicySchema>;

import { z } from "zod";
import { settingsSchema, type Settings } from "@/lib/validations/settings";

type Shape = typeof settingsSchema.shape;
type Unwrapped = { [K in keyof Shape]: z.ZodOptional<ReturnType<Shape[K]["unwrap"]>> };

// Every key of settingsSchema, without its default (a key left out is "unchanged", not "reset to default").
const optionalShape = Object.fromEntries(Object.entries(settingsSchema.shape).map(([k, f]) => [k, f.unwrap().optional()])) as unknown as Unwrapped;

/** The fields of the settings form: every key of settingsSchema, each optional, none defaulted. */
export const settingsValuesSchema = z.object(optionalShape).strict();

/**
 * A save of the settings page: the values to store and the values the page showed when it was opened
 * (`seen`). A key whose stored value differs from what was seen was changed by someone else: conflict.
 */
export const saveSettingsSchema = z
  .object({
    values: settingsValuesSchema,
    seen: z.record(z.string(), z.unknown()),
  })
  .superRefine((v, ctx) => {
    // The expired offers kept for uplift must cover at least the window a run is measured over.
    const window = v.values.opportunityWindowDays;
    const retention = v.values.retentionDays;
    if (window !== undefined && retention !== undefined && retention < window) {
      ctx.addIssue({ code: "custom", path: ["values", "retentionDays"], message: `must be at least the opportunity window (${window} days)` });
    }
  });

export type SaveSettingsInput = z.input<typeof saveSettingsSchema>;
export type SettingsValues = Partial<Settings>;

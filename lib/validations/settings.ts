import { z } from "zod";

/** Scoring and outreach settings; stored one row per key in Setting, defaults when absent. */
export const settingsSchema = z.object({
  holdoutShare: z.number().min(0, "must be between 0 and 0.5").max(0.5, "must be between 0 and 0.5").default(0.1),
  cooldownDays: z.number().int().min(0).max(730).default(90),
  contactCapDays: z.number().int().min(0).max(90).default(7),
  maxOffersPerAccount: z.number().int().min(1).max(20).default(3),
  outreachCostCents: z.number().int().min(0).max(1_000_000).default(500),
  // Days an EXPIRED opportunity of a past scoring run is kept for the uplift figures (lib/retention.ts);
  // at least the 60-day purchase window a run is measured over.
  retentionDays: z.number().int().min(60, "must be between 60 and 3650").max(3650, "must be between 60 and 3650").default(180),
});

export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

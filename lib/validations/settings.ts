import { z } from "zod";

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

/** Scoring and outreach settings; stored one row per key in Setting, defaults when absent. */
export const settingsSchema = z.object({
  holdoutShare: z.number().min(0, "must be between 0 and 0.5").max(0.5, "must be between 0 and 0.5").default(0.1),
  cooldownDays: z.number().int("must be a whole number of days").min(0, "must be between 0 and 730 days").max(730, "must be between 0 and 730 days").default(90),
  contactCapDays: z.number().int("must be a whole number of days").min(0, "must be between 0 and 90 days").max(90, "must be between 0 and 90 days").default(7),
  maxOffersPerAccount: z.number().int("must be a whole number").min(1, "must be between 1 and 20").max(20, "must be between 1 and 20").default(3),
  outreachCostCents: z.number().int("must be whole cents").min(0, "must be between $0 and $10,000").max(1_000_000, "must be between $0 and $10,000").default(500),
  // Days after the as-of day in which a scoring run expects an offer to be bought (P(buy) and uplift are measured over it).
  opportunityWindowDays: z.number().int("must be a whole number of days").min(14, "must be between 14 and 180 days").max(180, "must be between 14 and 180 days").default(60),
  // Days an EXPIRED opportunity of a past scoring run is kept for the uplift figures (lib/retention.ts);
  // at least the 60-day purchase window a run is measured over.
  retentionDays: z.number().int().min(60, "must be between 60 and 3650").max(3650, "must be between 60 and 3650").default(180),
  // Business time zone (IANA name): the dashboard buckets days, weeks and months in it.
  timeZone: z.string().max(64).refine(isTimeZone, "must be an IANA time zone such as Europe/London").default("Europe/London"),
  // Imports: the margin assumed for a product whose file gives no unit cost (flagged as an estimate on
  // the product), and the consent new accounts get when the file has no consent columns.
  importDefaultMargin: z.number().min(0, "must be between 0 and 0.95").max(0.95, "must be between 0 and 0.95").default(0.4),
  importPhoneConsentDefault: z.boolean().default(false),
  importEmailConsentDefault: z.boolean().default(false),
});

export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

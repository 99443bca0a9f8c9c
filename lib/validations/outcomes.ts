import { z } from "zod";
import { idSchema, text } from "@/lib/validations/text";

export const OUTCOMES = ["NO_ANSWER", "VOICEMAIL", "NOT_INTERESTED", "INTERESTED", "WON", "DO_NOT_CONTACT"] as const;
export const DECLINE_REASONS = ["PRICE", "ALREADY_OWNS", "NOT_RELEVANT", "BAD_TIMING", "OTHER"] as const;
export const CHANNELS = ["CALL", "EMAIL", "MEETING", "IN_STORE"] as const;

export const OUTCOME_LABELS: Record<(typeof OUTCOMES)[number], string> = {
  NO_ANSWER: "No answer",
  VOICEMAIL: "Voicemail",
  NOT_INTERESTED: "Not interested",
  INTERESTED: "Interested – follow up",
  WON: "Won",
  DO_NOT_CONTACT: "Do not contact",
};

export const DECLINE_LABELS: Record<(typeof DECLINE_REASONS)[number], string> = {
  PRICE: "Price",
  ALREADY_OWNS: "Already owns it",
  NOT_RELEVANT: "Not relevant",
  BAD_TIMING: "Bad timing",
  OTHER: "Other",
};

const DAY_MS = 86_400_000;
/** Follow-ups and snoozes both come back within a year; a later date is a typo (or a probe). */
export const MAX_FOLLOW_UP_DAYS = 365;
export const MAX_SNOOZE_DAYS = 365;
export const MIN_WON_AMOUNT = 0.01;
export const MAX_WON_AMOUNT = 10_000_000;

/**
 * True when a money amount has at most two decimals. Compared after rounding to cents, with a tolerance
 * of a few ulps, because binary floating point has no exact 19.99 (19.99 * 100 = 1998.9999999999998).
 */
export function hasWholeCents(amount: number): boolean {
  return Math.abs(Math.round(amount * 100) / 100 - amount) <= 4 * Number.EPSILON * Math.max(1, Math.abs(amount));
}

// z.coerce.date accepts anything Date accepts (also "+275760-09-13", the last representable day), so
// the range is checked here, before the date reaches the database.
const date = () => z.coerce.date({ error: "Enter a valid date" });
const withinDays = (d: Date, days: number, now: number) => d.getTime() <= now + days * DAY_MS;

/**
 * One logged outcome. `version` is the opportunity version the user saw (optimistic concurrency);
 * `idempotencyKey` is generated once per form so a double click or retry records once.
 */
export const outcomeSchema = z
  .object({
    opportunityId: z.string().min(1, "is required").pipe(idSchema),
    version: z.number().int().min(1),
    idempotencyKey: text().min(8, "is required").max(100),
    channel: z.enum(CHANNELS).default("CALL"),
    outcome: z.enum(OUTCOMES, { error: "Choose an outcome" }),
    declineReason: z.enum(DECLINE_REASONS).optional(),
    followUpAt: date().optional(),
    wonAmount: z
      .number({ error: "Enter the amount won" })
      .min(MIN_WON_AMOUNT, "must be at least 0.01")
      .max(MAX_WON_AMOUNT, "is too large")
      .refine(hasWholeCents, "must have at most 2 decimal places")
      .optional(),
    notes: text().trim().max(4000, "must be at most 4,000 characters").optional(),
    suitabilityNote: text().trim().max(4000, "must be at most 4,000 characters").optional(),
    durationSeconds: z.number().int().min(0).max(24 * 3600).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "NOT_INTERESTED" && !v.declineReason) {
      ctx.addIssue({ code: "custom", path: ["declineReason"], message: "Choose why the customer is not interested" });
    }
    if (v.outcome === "INTERESTED") {
      if (!v.followUpAt) ctx.addIssue({ code: "custom", path: ["followUpAt"], message: "A follow-up date is required" });
      else {
        const now = Date.now();
        const startOfToday = new Date(new Date(now).toDateString()).getTime();
        if (v.followUpAt.getTime() < startOfToday) ctx.addIssue({ code: "custom", path: ["followUpAt"], message: "The follow-up date cannot be in the past" });
        if (!withinDays(v.followUpAt, MAX_FOLLOW_UP_DAYS, now))
          ctx.addIssue({ code: "custom", path: ["followUpAt"], message: "The follow-up date must be within a year" });
      }
    }
    if (v.outcome === "WON" && v.wonAmount === undefined) {
      ctx.addIssue({ code: "custom", path: ["wonAmount"], message: "The amount won is required" });
    }
  });

export type OutcomeInput = z.input<typeof outcomeSchema>;
export type ParsedOutcome = z.output<typeof outcomeSchema>;

export const snoozeSchema = z.object({
  opportunityId: z.string().min(1, "is required").pipe(idSchema),
  version: z.number().int().min(1),
  until: date()
    .refine((d) => d.getTime() > Date.now(), "The snooze date must be in the future")
    .refine((d) => withinDays(d, MAX_SNOOZE_DAYS, Date.now()), "The snooze date must be within a year"),
});

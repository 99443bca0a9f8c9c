import { z } from "zod";

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

const MAX_FOLLOW_UP_DAYS = 365;

/**
 * One logged outcome. `version` is the opportunity version the user saw (optimistic concurrency);
 * `idempotencyKey` is generated once per form so a double click or retry records once.
 */
export const outcomeSchema = z
  .object({
    opportunityId: z.string().min(1, "is required").max(64),
    version: z.number().int().min(1),
    idempotencyKey: z.string().min(8, "is required").max(100),
    channel: z.enum(CHANNELS).default("CALL"),
    outcome: z.enum(OUTCOMES, { error: "Choose an outcome" }),
    declineReason: z.enum(DECLINE_REASONS).optional(),
    followUpAt: z.coerce.date({ error: "Enter a valid date" }).optional(),
    wonAmount: z.number({ error: "Enter the amount won" }).positive("must be more than 0").max(10_000_000, "is too large").optional(),
    notes: z.string().trim().max(4000, "must be at most 4,000 characters").optional(),
    suitabilityNote: z.string().trim().max(4000).optional(),
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
        if (v.followUpAt.getTime() > now + MAX_FOLLOW_UP_DAYS * 86_400_000)
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
  opportunityId: z.string().min(1).max(64),
  version: z.number().int().min(1),
  until: z.coerce.date({ error: "Enter a valid date" }),
});

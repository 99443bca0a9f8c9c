import { z } from "zod";
import { idSchema, text } from "@/lib/validations/text";

export const QUEUE_SORTS = ["expectedValue", "probability", "clv", "lastContact", "attempts"] as const;
export const QUEUE_VIEWS = ["open", "followups", "won", "lost"] as const;
/** The call list and the email list: an offer's channel comes from the account's consent. */
export const QUEUE_CHANNELS = ["call", "email"] as const;
export type QueueChannel = (typeof QUEUE_CHANNELS)[number];
export const CHANNEL_OF_QUEUE = { call: "CALL", email: "EMAIL" } as const;

// NUL or a lone surrogate in a query string falls back (via .catch) to "no filter", like any other junk.
const optionalText = text()
  .trim()
  .max(100)
  .optional()
  .transform((v) => (v ? v : undefined));

const optionalId = idSchema.optional();

/** Query-string parameters of the queue; malformed values fall back to defaults. */
export const queueListSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pageSize: z.coerce
    .number()
    .refine((n) => [25, 50, 100].includes(n))
    .catch(25),
  sort: z.enum(QUEUE_SORTS).catch("expectedValue"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  view: z.enum(QUEUE_VIEWS).catch("open"),
  channel: z.enum(QUEUE_CHANNELS).catch("call"),
  rep: optionalId.catch(undefined),
  segment: optionalText.catch(undefined),
  category: optionalText.catch(undefined),
  q: optionalText.catch(undefined),
});

export type QueueParams = z.infer<typeof queueListSchema>;

import { z } from "zod";
import { idSchema, text } from "@/lib/validations/text";

export const ACCOUNT_SORTS = ["name", "revenue", "lastOrder", "orders", "clv"] as const;
export const PAGE_SIZES = [25, 50, 100] as const;

// NUL or a lone surrogate in a query string falls back (via .catch) to "no filter", like any other junk.
const optionalText = text()
  .trim()
  .max(100, "must be at most 100 characters")
  .optional()
  .transform((v) => (v ? v : undefined));

const optionalId = idSchema.optional();

/** Query-string parameters of the accounts list; unknown or malformed values fall back to defaults. */
export const accountListSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  pageSize: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(25),
  sort: z.enum(ACCOUNT_SORTS).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  q: optionalText.catch(undefined),
  segment: optionalText.catch(undefined),
  owner: optionalId.catch(undefined),
  region: optionalText.catch(undefined),
});

export type AccountListParams = z.infer<typeof accountListSchema>;

export const accountHistorySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

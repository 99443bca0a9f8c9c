import { z } from "zod";

// PostgreSQL refuses NUL in text values (SQLite stores it and every reader then trips over it), and a lone
// UTF-16 surrogate cannot be encoded as UTF-8 at all, so both are refused at the edge with a field error
// instead of failing (or being stored) deeper down.
export const NUL_MESSAGE = "must not contain NUL characters";
export const MALFORMED_TEXT_MESSAGE = "contains an invalid character (a broken emoji or copy-paste?)";
export const INVALID_ID_MESSAGE = "is not a valid id";

const LONE_SURROGATE = /\p{Cs}/u; // with the u flag a proper surrogate pair is one code point, not Cs

/** True when the string is valid UTF-16, i.e. has no lone surrogates (and so can be stored as UTF-8). */
export function isWellFormedText(s: string): boolean {
  // isWellFormed is in Node 20 and current browsers; the regex covers older browsers of the client forms.
  return typeof s.isWellFormed === "function" ? s.isWellFormed() : !LONE_SURROGATE.test(s);
}

/** True when the string can be stored as text in SQLite and PostgreSQL alike. */
export function isStorableText(s: string): boolean {
  return !s.includes("\u0000") && isWellFormedText(s);
}

/**
 * A string that refuses NUL and lone surrogates. Chain the usual checks after it
 * (`text().trim().max(4000, "...")`); the zod path names the field in the error.
 */
export function text() {
  return z
    .string()
    .refine((s) => !s.includes("\u0000"), NUL_MESSAGE)
    .refine(isWellFormedText, MALFORMED_TEXT_MESSAGE);
}

/**
 * Record ids: seeded ids (`acc_0000123`, `usr_ava`, `prd_0001`, `pair_001`) and the cuid-like ids of
 * the scoring run. Anything else cannot name a record, so callers answer 404 / a field error without a query.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidId(s: unknown): s is string {
  return typeof s === "string" && ID_PATTERN.test(s);
}

export const idSchema = z.string().regex(ID_PATTERN, INVALID_ID_MESSAGE);

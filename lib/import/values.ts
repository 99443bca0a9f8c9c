/**
 * Cell parsers of the import. Each returns the value, or a string saying what is wrong (the caller adds
 * the line, column and value). Money becomes integer cents; naive date-times are taken as UTC.
 */
import { parseIsoDate } from "@/lib/analytics/dates";

export type Parsed<T> = T | { error: string };
export const isError = (v: unknown): v is { error: string } => typeof v === "object" && v !== null && "error" in v;

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** ISO 8601 (date or date-time, "2009-12-01 07:45:00" too) or the M/D/YYYY H:MM of spreadsheet exports. */
export function parseDate(text: string): Parsed<number> {
  const t = text.trim();
  if (t === "") return { error: "empty date" };
  const iso = parseIsoDate(t);
  if (!Number.isNaN(iso)) return iso;
  const m = US_DATE.exec(t);
  if (m) {
    const [mo, d, y, h = "0", mi = "0", s = "0"] = [m[1], m[2], m[3], m[4], m[5], m[6]];
    const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
    const back = new Date(ms);
    if (back.getUTCMonth() === +mo - 1 && back.getUTCDate() === +d && +h < 24 && +mi < 60 && +s < 60) return ms;
  }
  return { error: "not a date (YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or M/D/YYYY H:MM)" };
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

function number(text: string): number | null {
  const t = text.trim().replace(/^[£$€]/, "");
  if (!NUMBER.test(t)) return null;
  return Number(t);
}

export function parseInteger(text: string): Parsed<number> {
  const v = number(text);
  if (v === null) return { error: "not a number" };
  if (!Number.isInteger(v)) return { error: "not a whole number" };
  if (Math.abs(v) > 1e9) return { error: "out of range" };
  return v;
}

/** Amount in currency units -> integer cents (may be negative; the caller decides). */
export function parseMoney(text: string): Parsed<number> {
  const v = number(text);
  if (v === null) return { error: "not a number" };
  if (Math.abs(v) > 1e9) return { error: "out of range" };
  return Math.round(v * 100);
}

const TRUE = new Set(["1", "true", "yes", "y", "t", "x"]);
const FALSE = new Set(["0", "false", "no", "n", "f", ""]);

export function parseBool(text: string): Parsed<boolean> {
  const t = text.trim().toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  return { error: "not yes/no (true, false, yes, no, 1, 0)" };
}

/** Spreadsheet exports write integral ids as floats ("13085.0"). */
export function normalizeId(text: string): string {
  const t = text.trim();
  return /^\d+\.0+$/.test(t) ? t.slice(0, t.indexOf(".")) : t;
}

/**
 * Stock codes that are not products: postage, manual entries, discounts, fees, adjustments, samples and
 * tests (as the UCI Online Retail exports write them). Kept out of the catalog and reported.
 */
const NON_PRODUCT = /^(post|dot|m|d|s|b|c2|cruk|pads|bank charges|amazonfee|adjust\d*|test\d*|gift_\d+_\d+|discount|shipping|postage|fee)$/i;

export function isNonProductCode(code: string): boolean {
  return NON_PRODUCT.test(code.trim());
}

/** An invoice number marked as a cancellation ("C489449"). */
export function isCancellationNumber(orderNumber: string): boolean {
  return /^c\d/i.test(orderNumber);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmail = (text: string) => EMAIL.test(text);

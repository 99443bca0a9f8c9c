/** Day arithmetic on UTC epoch milliseconds. Order dates without a zone are read as UTC so that
 * results never depend on the machine's time zone. */

export const MS_PER_DAY = 86_400_000;

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Value of the two ASCII digits at i, or -1 when either is not a digit. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" (or with "T"): the common shapes, without the regex. Returns
 * undefined for any other shape so the general parser decides. */
function parseCommonShape(text: string): number | undefined {
  const n = text.length;
  if ((n !== 10 && n !== 19) || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const c = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const mo = twoDigits(text, 5);
  const d = twoDigits(text, 8);
  if (c < 0 || yy < 0 || mo < 0 || d < 0) return undefined;
  const y = c * 100 + yy;
  let h = 0;
  let mi = 0;
  let s = 0;
  if (n === 19) {
    const sep = text.charCodeAt(10);
    if ((sep !== 32 && sep !== 84) || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
    h = twoDigits(text, 11);
    mi = twoDigits(text, 14);
    s = twoDigits(text, 17);
    if (h < 0 || mi < 0 || s < 0) return undefined;
  }
  if (mo < 1 || mo > 12 || d < 1) return NaN;
  const dim = mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1];
  if (d > dim || h > 23 || mi > 59 || s > 59) return NaN;
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Parses an ISO-8601 date or date-time; returns epoch ms, or NaN when the text is not a valid date. */
export function parseIsoDate(text: string): number {
  const fast = parseCommonShape(text);
  if (fast !== undefined) return fast;
  const m = ISO_RE.exec(text.trim());
  if (!m) return NaN;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (mo < 1 || mo > 12 || d < 1) return NaN;
  const dim = mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1];
  if (d > dim) return NaN;
  const h = m[4] ? +m[4] : 0;
  const mi = m[5] ? +m[5] : 0;
  const s = m[6] ? +m[6] : 0;
  if (h > 23 || mi > 59 || s > 59) return NaN;
  const ms = m[7] ? Math.floor(+`0.${m[7]}` * 1000) : 0;
  let t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const zone = m[8];
  if (zone && zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    t -= sign * (+digits.slice(0, 2) * 60 + +digits.slice(2, 4)) * 60_000;
  }
  return t;
}

/** Whole UTC day number (days since 1970-01-01). */
export function dayOf(epochMs: number): number {
  return Math.floor(epochMs / MS_PER_DAY);
}

export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Parses a date given on the command line or by a caller; throws a RangeError naming the value. */
export function requireDay(text: string, what: string): number {
  const t = parseIsoDate(text);
  if (Number.isNaN(t)) throw new RangeError(`${what}: "${text}" is not an ISO-8601 date (YYYY-MM-DD)`);
  return dayOf(t);
}

/**
 * Business days in a time zone: which local day an instant falls on, and the instants a local day spans
 * (23 or 25 hours across a daylight-saving change). Days are "YYYY-MM-DD" strings, which sort and compare
 * as dates, so the facts can key on them in portable SQL.
 */
import { TZDate } from "@date-fns/tz";

const pad = (n: number) => String(n).padStart(2, "0");

/** Local day of an instant in the time zone. */
export function dayIn(instant: Date | number, timeZone: string): string {
  const d = new TZDate(typeof instant === "number" ? instant : instant.getTime(), timeZone);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function parts(day: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a day: ${JSON.stringify(day)}`);
  return [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
}

/** The instant a local day starts (its local midnight). */
export function dayStart(day: string, timeZone: string): Date {
  const [y, m, d] = parts(day);
  return new Date(new TZDate(y, m, d, timeZone).getTime());
}

/** Calendar arithmetic on day strings (no time zone involved: a day is a date). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day);
  const t = new Date(Date.UTC(y, m, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2, d2) - Date.UTC(y1, m1, d1)) / 86_400_000);
}

/** Monday of the ISO week containing the day. */
export function weekOf(day: string): string {
  const [y, m, d] = parts(day);
  const dow = (new Date(Date.UTC(y, m, d)).getUTCDay() + 6) % 7;
  return addDays(day, -dow);
}

export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export interface CalendarDay {
  day: string;
  startsAt: Date;
  endsAt: Date;
  week: string;
  month: string;
}

/** Every local day from `from` to `to` inclusive with the instants it spans. */
export function calendar(from: string, to: string, timeZone: string): CalendarDay[] {
  const out: CalendarDay[] = [];
  let start = dayStart(from, timeZone);
  for (let day = from; day <= to; ) {
    const next = addDays(day, 1);
    const end = dayStart(next, timeZone);
    out.push({ day, startsAt: start, endsAt: end, week: weekOf(day), month: monthOf(day) });
    day = next;
    start = end;
  }
  return out;
}

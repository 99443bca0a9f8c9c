import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { hasWholeCents, outcomeSchema, snoozeSchema, type OutcomeInput } from "@/lib/validations/outcomes";
import { MALFORMED_TEXT_MESSAGE, NUL_MESSAGE } from "@/lib/validations/text";

const NOW = new Date("2026-03-10T12:00:00Z");
const DAY = 86_400_000;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

const base: OutcomeInput = { opportunityId: "srmx574fnz8542f784a3o0003m9", version: 1, idempotencyKey: "key-12345678", outcome: "NO_ANSWER" };

/** Field -> messages of a failed parse. */
function fields(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(r.success).toBe(false);
  const out: Record<string, string[]> = {};
  for (const i of r.error!.issues) (out[i.path.join(".")] ??= []).push(i.message);
  return out;
}

describe("snoozeSchema", () => {
  const snooze = (until: unknown) => snoozeSchema.safeParse({ opportunityId: "srmx574fnz8542f784a3o0003m9", version: 3, until });

  it("accepts a date in the future within a year", () => {
    expect(snooze(new Date(NOW.getTime() + 3 * DAY).toISOString()).success).toBe(true);
    expect(snooze(new Date(NOW.getTime() + 365 * DAY).toISOString()).success).toBe(true);
  });

  it("refuses a snooze more than a year ahead, naming `until`", () => {
    expect(fields(snooze("9999-12-31"))).toEqual({ until: ["The snooze date must be within a year"] });
    expect(fields(snooze(new Date(NOW.getTime() + 366 * DAY).toISOString()))).toEqual({ until: ["The snooze date must be within a year"] });
  });

  it("refuses the last representable date and beyond as field errors, not exceptions", () => {
    expect(fields(snooze("+275760-09-13"))).toEqual({ until: ["The snooze date must be within a year"] });
    expect(fields(snooze("+275760-09-14"))).toEqual({ until: ["Enter a valid date"] });
    expect(fields(snooze(8.64e15))).toEqual({ until: ["The snooze date must be within a year"] });
  });

  it("refuses a date in the past or now", () => {
    expect(fields(snooze(NOW.toISOString()))).toEqual({ until: ["The snooze date must be in the future"] });
    expect(fields(snooze("2020-01-01"))).toEqual({ until: ["The snooze date must be in the future"] });
  });

  it("refuses a malformed opportunity id", () => {
    expect(Object.keys(fields(snoozeSchema.safeParse({ opportunityId: "..\u0000", version: 1, until: new Date(NOW.getTime() + DAY) })))).toEqual(["opportunityId"]);
  });
});

describe("outcomeSchema: amount won", () => {
  const won = (wonAmount: unknown) => outcomeSchema.safeParse({ ...base, outcome: "WON", wonAmount });

  it("accepts whole cents from 0.01 up", () => {
    for (const a of [0.01, 0.1, 19.99, 1234.5, 0.07, 1_234_567.89, 9_999_999.99, 10_000_000]) expect(won(a).success, String(a)).toBe(true);
    expect(won(19.99).data?.wonAmount).toBe(19.99);
  });

  it("refuses less than a cent", () => {
    expect(fields(won(0.001))).toEqual({ wonAmount: ["must be at least 0.01", "must have at most 2 decimal places"] });
    expect(fields(won(0.009)).wonAmount[0]).toBe("must be at least 0.01");
    expect(fields(won(0)).wonAmount[0]).toBe("must be at least 0.01");
    expect(fields(won(-5)).wonAmount[0]).toBe("must be at least 0.01");
  });

  it("refuses fractions of a cent", () => {
    expect(fields(won(10.005))).toEqual({ wonAmount: ["must have at most 2 decimal places"] });
    expect(fields(won(1.234))).toEqual({ wonAmount: ["must have at most 2 decimal places"] });
  });

  it("refuses non-finite and too large amounts", () => {
    expect(Object.keys(fields(won(Number.POSITIVE_INFINITY)))).toEqual(["wonAmount"]);
    expect(Object.keys(fields(won(Number.NaN)))).toEqual(["wonAmount"]);
    expect(fields(won(10_000_000.01))).toEqual({ wonAmount: ["is too large"] });
  });

  it("hasWholeCents tolerates binary floating point", () => {
    expect([0.1 + 0.2, 19.99, 0.29, 1e6 + 0.01].every(hasWholeCents)).toBe(true);
    expect([0.001, 0.125, 1e-9].some(hasWholeCents)).toBe(false);
  });
});

describe("outcomeSchema: text fields", () => {
  it.each(["notes", "suitabilityNote", "idempotencyKey"] as const)("refuses NUL in %s, naming the field", (field) => {
    const value = field === "idempotencyKey" ? "key-1234\u00005678" : "called\u0000back";
    expect(fields(outcomeSchema.safeParse({ ...base, [field]: value }))).toEqual({ [field]: [NUL_MESSAGE] });
  });

  it.each(["notes", "suitabilityNote"] as const)("refuses a lone surrogate in %s, naming the field", (field) => {
    expect(fields(outcomeSchema.safeParse({ ...base, [field]: "great call \uD83D" }))).toEqual({ [field]: [MALFORMED_TEXT_MESSAGE] });
    expect(fields(outcomeSchema.safeParse({ ...base, [field]: "\uDE00" }))).toEqual({ [field]: [MALFORMED_TEXT_MESSAGE] });
  });

  it("keeps emoji and other well-formed text", () => {
    expect(outcomeSchema.parse({ ...base, notes: " Liked it 😀 – Zoë " }).notes).toBe("Liked it 😀 – Zoë");
  });

  it("refuses a malformed opportunity id", () => {
    expect(Object.keys(fields(outcomeSchema.safeParse({ ...base, opportunityId: "\u00c0\u00ae\u00c0\u00ae" })))).toEqual(["opportunityId"]);
    expect(Object.keys(fields(outcomeSchema.safeParse({ ...base, opportunityId: "" })))).toEqual(["opportunityId"]);
  });
});

describe("outcomeSchema: follow-up date (unchanged rule, shared with snoozes)", () => {
  const interested = (followUpAt: unknown) => outcomeSchema.safeParse({ ...base, outcome: "INTERESTED", followUpAt });

  it("accepts today up to a year ahead and refuses later or earlier dates", () => {
    expect(interested(new Date(NOW.getTime() + 30 * DAY).toISOString()).success).toBe(true);
    expect(fields(interested("9999-12-31"))).toEqual({ followUpAt: ["The follow-up date must be within a year"] });
    expect(fields(interested("+275760-09-13"))).toEqual({ followUpAt: ["The follow-up date must be within a year"] });
    expect(fields(interested("2020-01-01"))).toEqual({ followUpAt: ["The follow-up date cannot be in the past"] });
  });
});

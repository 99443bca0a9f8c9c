import { describe, expect, it } from "vitest";
import { idSchema, isStorableText, isValidId, isWellFormedText, MALFORMED_TEXT_MESSAGE, NUL_MESSAGE, text } from "@/lib/validations/text";

const LONE_HIGH = "\uD83D"; // first half of 😀 without its second half
const LONE_LOW = "\uDE00";

describe("isWellFormedText", () => {
  it("accepts text with proper surrogate pairs and refuses lone surrogates", () => {
    expect(isWellFormedText("Zoë 😀 Ωmega")).toBe(true);
    expect(isWellFormedText(`a${LONE_HIGH}b`)).toBe(false);
    expect(isWellFormedText(`${LONE_LOW}`)).toBe(false);
    expect(isWellFormedText(`😀${LONE_HIGH}`)).toBe(false);
  });

  it("gives the same answer without String.prototype.isWellFormed (older browsers)", () => {
    const samples = ["plain", "😀😀", `x${LONE_HIGH}`, `${LONE_LOW}y`, `${LONE_LOW}${LONE_HIGH}`];
    const native = samples.map(isWellFormedText);
    const fallback = samples.map((s) => isWellFormedText(Object.assign(Object(s), { isWellFormed: undefined }) as string));
    expect(fallback).toEqual(native);
    expect(native).toEqual([true, true, false, false, false]);
  });
});

describe("text()", () => {
  const notes = text().trim().max(10, "too long");

  it("passes ordinary text through, trimmed", () => {
    expect(notes.parse("  hello 😀 ")).toBe("hello 😀");
  });

  it("refuses NUL with a message of its own", () => {
    const r = notes.safeParse("a\u0000b");
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual([NUL_MESSAGE]);
  });

  it("refuses a lone surrogate with a message of its own", () => {
    const r = notes.safeParse(`ok${LONE_HIGH}`);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual([MALFORMED_TEXT_MESSAGE]);
  });

  it("isStorableText agrees", () => {
    expect(isStorableText("fine")).toBe(true);
    expect(isStorableText("\u0000")).toBe(false);
    expect(isStorableText(LONE_LOW)).toBe(false);
  });
});

describe("idSchema", () => {
  it.each(["acc_0000123", "usr_ava", "prd_0001", "pair_001", "srmx574fnz8542f784a3o0003m9", "team-north", "x".repeat(64)])("accepts %s", (id) => {
    expect(idSchema.parse(id)).toBe(id);
    expect(isValidId(id)).toBe(true);
  });

  it.each(["", "..", "\u00c0\u00ae\u00c0\u00ae", "acc 1", "acc_1\u0000", "../etc/passwd", "acc%2F1", "x".repeat(65), "é", LONE_HIGH])("refuses %j", (id) => {
    expect(idSchema.safeParse(id).success).toBe(false);
    expect(isValidId(id)).toBe(false);
  });

  it("refuses non-strings", () => {
    expect(isValidId(42)).toBe(false);
    expect(isValidId(undefined)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { copyValue, parseUtcTimestamp, pgDate, pgJson, pgText, unescapeCopy } from "./postgres-sql";

describe("PostgreSQL value formats", () => {
  it("writes COPY text fields that PostgreSQL reads back unchanged", () => {
    expect(copyValue(null)).toBe("\\N");
    expect(copyValue(undefined)).toBe("\\N");
    expect(copyValue(true)).toBe("t");
    expect(copyValue(false)).toBe("f");
    expect(copyValue(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(Number(copyValue(1 / 3))).toBe(1 / 3);
    expect(copyValue(Number.NaN)).toBe("NaN");
    expect(copyValue(-Infinity)).toBe("-Infinity");
    expect(copyValue("a\tb\nc\rd\\e\0f")).toBe("a\\tb\\nc\\rd\\\\ef");
    expect(unescapeCopy("a\\tb\\nc\\rd\\\\e")).toBe("a\tb\nc\rd\\e");
    expect(copyValue("Zürich ✓")).toBe("Zürich ✓");
  });

  it("never sends NUL: dropped from text and from JSON strings, escaped backslashes kept", () => {
    expect(pgText("a\0b")).toBe("ab");
    expect(pgJson({ s: "x\0y", t: "back\\u0000slash" })).toBe(JSON.stringify({ s: "xy", t: "back\\u0000slash" }));
    expect(JSON.parse(pgJson({ s: "\\\0" })).s).toBe("\\");
    expect(pgJson(undefined)).toBe("null");
  });

  it("treats TIMESTAMP as UTC both ways", () => {
    expect(pgDate(Date.UTC(2026, 11, 1, 21, 5, 3, 120))).toBe("2026-12-01T21:05:03.120Z");
    expect(parseUtcTimestamp("2026-12-01 21:05:03.12").getTime()).toBe(Date.UTC(2026, 11, 1, 21, 5, 3, 120));
    expect(parseUtcTimestamp("2026-12-01 21:05:03").getTime()).toBe(Date.UTC(2026, 11, 1, 21, 5, 3));
  });
});

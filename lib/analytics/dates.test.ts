import { describe, expect, it } from "vitest";
import { parseIsoDate } from "./dates";

describe("parseIsoDate", () => {
  it("reads the common shapes by hand, as UTC", () => {
    expect(parseIsoDate("2011-12-09 12:50:00")).toBe(Date.UTC(2011, 11, 9, 12, 50, 0));
    expect(parseIsoDate("2011-12-09T12:50:07")).toBe(Date.UTC(2011, 11, 9, 12, 50, 7));
    expect(parseIsoDate("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
  });

  it("rejects impossible dates and times in the common shapes", () => {
    for (const bad of ["2023-02-29", "2024-04-31", "2024-00-10", "2024-13-01 10:00:00", "2024-01-01 24:00:00", "2024-01-01 10:60:00", "20x1-12-09 12:50:00", "2024-02-2910:00:00"]) {
      expect(parseIsoDate(bad), bad).toBeNaN();
    }
  });

  it("falls back to the general parser for other ISO-8601 forms", () => {
    expect(parseIsoDate(" 2024-02-20 10:00:00 ")).toBe(Date.UTC(2024, 1, 20, 10));
    expect(parseIsoDate("2024-02-20 10:00")).toBe(Date.UTC(2024, 1, 20, 10));
    expect(parseIsoDate("2024-02-20T10:00:00.5Z")).toBe(Date.UTC(2024, 1, 20, 10, 0, 0, 500));
    expect(parseIsoDate("2024-01-01T10:00:00+02:00")).toBe(Date.UTC(2024, 0, 1, 8));
    expect(parseIsoDate("yesterday")).toBeNaN();
  });
});

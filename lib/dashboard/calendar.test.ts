import { describe, expect, it } from "vitest";
import { addDays, calendar, dayIn, dayStart, daysBetween, monthOf, weekOf } from "./calendar";

describe("business days across a daylight-saving change", () => {
  it("Europe/London: 23:30 UTC on 29 March 2026 is already 30 March (BST), and 29 March is 23 hours long", () => {
    // Clocks go forward at 01:00 UTC on Sunday 29 March 2026.
    expect(dayIn(new Date("2026-03-29T23:30:00Z"), "Europe/London")).toBe("2026-03-30");
    expect(dayIn(new Date("2026-03-28T23:30:00Z"), "Europe/London")).toBe("2026-03-28");
    const [sat, sun, mon] = calendar("2026-03-28", "2026-03-30", "Europe/London");
    expect(sat.startsAt.toISOString()).toBe("2026-03-28T00:00:00.000Z");
    expect(sun.startsAt.toISOString()).toBe("2026-03-29T00:00:00.000Z");
    expect(sun.endsAt.toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect((sun.endsAt.getTime() - sun.startsAt.getTime()) / 3_600_000).toBe(23);
    expect(mon.startsAt.toISOString()).toBe("2026-03-29T23:00:00.000Z");
  });

  it("Europe/London in October: 25 hours, and UTC 23:30 stays on the same day in winter", () => {
    const [day] = calendar("2026-10-25", "2026-10-25", "Europe/London");
    expect((day.endsAt.getTime() - day.startsAt.getTime()) / 3_600_000).toBe(25);
    expect(dayIn(new Date("2026-10-25T23:30:00Z"), "Europe/London")).toBe("2026-10-25");
    expect(dayIn(new Date("2026-10-24T23:30:00Z"), "Europe/London")).toBe("2026-10-25");
  });

  it("America/New_York and UTC", () => {
    expect(dayStart("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(dayStart("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(dayIn(new Date("2026-03-09T03:59:00Z"), "America/New_York")).toBe("2026-03-08");
    expect(dayIn(new Date("2026-03-09T03:59:00Z"), "UTC")).toBe("2026-03-09");
  });
});

describe("day arithmetic", () => {
  it("adds days, counts days, finds ISO weeks and months", () => {
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(daysBetween("2026-01-01", "2026-03-01")).toBe(59);
    // 1 January 2026 is a Thursday: its ISO week starts Monday 29 December 2025
    expect(weekOf("2026-01-01")).toBe("2025-12-29");
    expect(weekOf("2026-03-30")).toBe("2026-03-30");
    expect(monthOf("2026-03-30")).toBe("2026-03-01");
    expect(calendar("2026-01-30", "2026-02-02", "UTC").map((d) => d.day)).toEqual(["2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02"]);
  });
});

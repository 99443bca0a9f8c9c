import { describe, expect, it } from "vitest";
import { dashboardQuery, parseDashboardParams, resolvePeriod } from "./params";

describe("dashboard URL state", () => {
  it("falls back to defaults for bad values and keeps good ones", () => {
    const p = parseDashboardParams({ period: "forever", grain: "month", rep: "usr_ava", from: "yesterday", segment: "<script>" });
    expect(p).toMatchObject({ period: "90d", grain: "month", rep: "usr_ava", compare: "on" });
    expect(p.from).toBeUndefined();
    expect(p.segment).toBeUndefined();
  });

  it("resolves presets against the anchor day with the previous period of the same length", () => {
    expect(resolvePeriod({ period: "30d", compare: "on" }, "2026-11-14")).toMatchObject({
      from: "2026-10-16", to: "2026-11-14", days: 30, previous: { from: "2026-09-16", to: "2026-10-15" },
    });
    expect(resolvePeriod({ period: "qtd", compare: "on" }, "2026-11-14")).toMatchObject({ from: "2026-10-01", days: 45 });
    expect(resolvePeriod({ period: "ytd", compare: "off" }, "2026-03-01")).toMatchObject({ from: "2026-01-01", days: 60, previous: null });
    expect(resolvePeriod({ period: "custom", from: "2026-05-10", to: "2026-05-01", compare: "on" }, "2026-11-14")).toMatchObject({
      from: "2026-05-01", to: "2026-05-10", previous: { from: "2026-04-21", to: "2026-04-30" },
    });
  });

  it("writes only non-default values into the URL", () => {
    expect(dashboardQuery({ period: "90d", compare: "on", grain: "week", rep: "usr_ava" })).toBe("?rep=usr_ava");
    expect(dashboardQuery({ period: "7d", compare: "off" })).toBe("?period=7d&compare=off");
  });
});

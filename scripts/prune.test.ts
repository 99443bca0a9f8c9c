import { describe, expect, it } from "vitest";
import { parsePruneArgs } from "./prune";

describe("parsePruneArgs", () => {
  it("reads --dry-run, --days and --batch in both spellings", () => {
    expect(parsePruneArgs([])).toEqual({ dryRun: false });
    expect(parsePruneArgs(["--dry-run", "--days", "365", "--batch=2000"])).toEqual({ dryRun: true, days: 365, batch: 2000 });
    expect(parsePruneArgs(["--days=90"])).toEqual({ dryRun: false, days: 90 });
  });

  it("refuses what it does not understand, naming the option", () => {
    expect(() => parsePruneArgs(["--days"])).toThrow(/--days needs a whole number/);
    expect(() => parsePruneArgs(["--days", "-5"])).toThrow(/--days needs a whole number/);
    expect(() => parsePruneArgs(["--batch=1e4"])).toThrow(/--batch needs a whole number/);
    expect(() => parsePruneArgs(["--force"])).toThrow(/unknown option --force/);
  });
});

/**
 * `analytics uplift --treated X/N --holdout Y/M [--holdout-share S] [--confidence C]`: the dashboard's
 * uplift figures for counts typed by hand, so anyone can check a number the page shows.
 */
import { DEFAULT_SETTINGS } from "@/lib/validations/settings";
import { InputError } from "./csv-input";
import { EmptyGroupError, upliftTest, type Group } from "./uplift";

function fail(message: string): never {
  throw new InputError(message, null, null);
}

/** "130/1200" -> 130 conversions of 1200. */
export function parseGroup(raw: unknown, name: string): Group {
  if (typeof raw !== "string") fail(`--${name} is required (conversions/n, e.g. 130/1200)`);
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  if (!m) fail(`--${name}: expected conversions/n with whole numbers, e.g. 130/1200, got ${JSON.stringify(raw)}`);
  const group = { conversions: Number(m[1]), n: Number(m[2]) };
  if (group.n === 0) fail(`--${name}: the group is empty (n = 0); an uplift needs accounts in both groups`);
  if (group.conversions > group.n) fail(`--${name}: conversions (${group.conversions}) exceed n (${group.n})`);
  return group;
}

function fraction(raw: unknown, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (typeof raw !== "string" || raw.trim() === "" || !(v > 0 && v < 1)) fail(`--${name}: expected a number between 0 and 1 (exclusive), got ${JSON.stringify(raw)}`);
  return v;
}

export const upliftCommand = {
  summary: "treated vs holdout: difference with Newcombe interval, relative lift, z-test p-value, sample-ratio check, MDE at 80% power",
  options: {
    treated: { type: "string", required: true, help: "conversions/n of the treated group, e.g. 130/1200" },
    holdout: { type: "string", required: true, help: "conversions/n of the holdout group, e.g. 9/140" },
    "holdout-share": { type: "string", help: `configured holdout share for the sample-ratio check (default ${DEFAULT_SETTINGS.holdoutShare})` },
    confidence: { type: "string", help: "interval confidence (default 0.95)" },
  },
  async run(o: Record<string, string | boolean | undefined>) {
    const treated = parseGroup(o.treated, "treated");
    const holdout = parseGroup(o.holdout, "holdout");
    const holdoutShare = fraction(o["holdout-share"], "holdout-share", DEFAULT_SETTINGS.holdoutShare);
    const confidence = fraction(o.confidence, "confidence", 0.95);
    try {
      const r = upliftTest(treated, holdout, { holdoutShare, confidence });
      return {
        treated: r.treated, holdout: r.holdout, diff: r.diff, ciLow: r.ciLow, ciHigh: r.ciHigh, relativeLift: r.relativeLift,
        z: r.z, pValue: r.pValue, srm: { chi2: r.srm.chi2, pValue: r.srm.pValue }, mde: r.mde,
      };
    } catch (e) {
      if (e instanceof EmptyGroupError || e instanceof RangeError) fail(e.message);
      throw e;
    }
  },
} as const;

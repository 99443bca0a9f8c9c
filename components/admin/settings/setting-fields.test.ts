import { describe, expect, it } from "vitest";
import { z } from "zod";
import { settingFields } from "@/components/admin/settings/setting-fields";
import { settingsSchema } from "@/lib/validations/settings";

describe("settingFields", () => {
  it("has one field per key of the settings schema, in its order, so a new key appears on the page", () => {
    expect(settingFields().map((f) => f.key)).toEqual(Object.keys(settingsSchema.shape));
  });

  it("reads kinds and ranges from the schema and says when each change applies", () => {
    const byKey = Object.fromEntries(settingFields().map((f) => [f.key, f]));
    expect(byKey.contactCapDays).toMatchObject({ kind: "number", min: 0, max: 90, step: 1, applies: "now", label: "Contact cap (days)" });
    expect(byKey.holdoutShare).toMatchObject({ kind: "number", min: 0, max: 0.5, step: 0.01, applies: "next-run" });
    expect(byKey.opportunityWindowDays).toMatchObject({ kind: "number", min: 14, max: 180, applies: "next-run" });
    expect(byKey.maxOffersPerAccount.applies).toBe("next-run");
    expect(byKey.timeZone).toMatchObject({ kind: "text", applies: "next-run" });
  });

  it("names a key it has no label for after the key itself", async () => {
    const extended = settingsSchema.extend({ weeklyDigestHour: z.number().int().min(0).max(23).default(8) });
    const original = settingsSchema.shape;
    Object.defineProperty(settingsSchema, "shape", { value: extended.shape, configurable: true });
    try {
      expect(settingFields().find((f) => f.key === "weeklyDigestHour")).toMatchObject({ kind: "number", label: "Weekly digest hour", min: 0, max: 23, applies: "next-run" });
    } finally {
      Object.defineProperty(settingsSchema, "shape", { value: original, configurable: true });
    }
  });
});

// Integration: saving settings stores only changed keys with one audit row (before/after), refuses a
// key someone else changed since the page was opened, and is not found for managers and reps.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";

let db: PrismaClient;
let cleanup: () => Promise<void>;
let actor: (email: string) => Actor;
let settings: typeof import("@/lib/data/settings-admin");
let schema: typeof import("@/lib/validations/settings-save");

beforeAll(async () => {
  ({ db, cleanup, actor } = await createTestDatabase({ accounts: 10, seed: 3 }));
  settings = await import("@/lib/data/settings-admin");
  schema = await import("@/lib/validations/settings-save");
});

afterAll(async () => {
  await cleanup?.();
});

describe("saveSettings", () => {
  it("stores the changed keys with one audit row holding before and after; the same save again changes nothing", async () => {
    const a = actor("admin@example.com");
    const { values } = await settings.getSettingsForAdmin(a);
    const next = { ...values, contactCapDays: 14, holdoutShare: 0.2 };
    expect(await settings.saveSettings(a, { values: next, seen: values })).toEqual({ changed: ["holdoutShare", "contactCapDays"] });
    expect((await settings.getSettingsForAdmin(a)).values).toMatchObject({ contactCapDays: 14, holdoutShare: 0.2, cooldownDays: values.cooldownDays });
    const rows = await db.auditLog.findMany({ where: { action: "settings.update" } });
    expect(rows).toHaveLength(1);
    expect(rows[0].details).toEqual({ before: { holdoutShare: values.holdoutShare, contactCapDays: values.contactCapDays }, after: { holdoutShare: 0.2, contactCapDays: 14 } });
    expect(await settings.saveSettings(a, { values: next, seen: values })).toEqual({ changed: [] });
    expect(await db.auditLog.count({ where: { action: "settings.update" } })).toBe(1);
  });

  it("refuses a key someone else changed since the page was opened, naming it, and stores nothing", async () => {
    const a = actor("admin@example.com");
    const { values: seen } = await settings.getSettingsForAdmin(a);
    await settings.saveSettings(a, { values: { ...seen, cooldownDays: 30 }, seen });
    await expect(settings.saveSettings(a, { values: { ...seen, cooldownDays: 45, maxOffersPerAccount: 5 }, seen })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("cooldownDays was changed by someone else"),
    });
    expect((await settings.getSettingsForAdmin(a)).values).toMatchObject({ cooldownDays: 30, maxOffersPerAccount: seen.maxOffersPerAccount });
  });

  it("validates ranges with messages naming the field, and keeps expired offers at least as long as the window", () => {
    const bad = schema.saveSettingsSchema.safeParse({ values: { contactCapDays: 91, holdoutShare: 0.7 }, seen: {} });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({ "values.contactCapDays": "must be between 0 and 90 days", "values.holdoutShare": "must be between 0 and 0.5" });
    const window = schema.saveSettingsSchema.safeParse({ values: { opportunityWindowDays: 120, retentionDays: 90 }, seen: {} });
    expect(window.error?.issues[0]).toMatchObject({ path: ["values", "retentionDays"], message: "must be at least the opportunity window (120 days)" });
    expect(schema.saveSettingsSchema.safeParse({ values: { unknownKey: 1 }, seen: {} }).success).toBe(false);
  });

  it("is not found for managers and reps", async () => {
    for (const who of ["nina.manager@example.com", "ava@example.com"]) {
      await expect(settings.saveSettings(actor(who), { values: { contactCapDays: 1 }, seen: {} })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect((await settings.getSettingsForAdmin(actor("admin@example.com"))).values.contactCapDays).toBe(14);
  });
});

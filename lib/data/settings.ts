import "server-only";
import { db } from "@/lib/db";
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from "@/lib/validations/settings";

/** Current settings; a stored value that no longer validates falls back to its default. */
export async function getSettings(): Promise<Settings> {
  const rows = await db.setting.findMany({ select: { key: true, value: true } });
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (!(row.key in DEFAULT_SETTINGS)) continue;
    const field = settingsSchema.shape[row.key as keyof Settings];
    const parsed = field.safeParse(row.value);
    if (parsed.success) merged[row.key] = parsed.data;
  }
  return merged as Settings;
}

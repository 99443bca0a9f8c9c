import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { authorize } from "@/lib/auth/authorize";
import { getSettings } from "@/lib/data/settings";
import { withWriteRetry } from "@/lib/data/write-retry";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from "@/lib/validations/settings";

export type SettingsView = { values: Settings; updated: Partial<Record<keyof Settings, { at: string; by: string | null }>> };

export async function getSettingsForAdmin(actor: Actor): Promise<SettingsView> {
  await authorize(actor, "settings:manage", "Settings");
  const [values, rows] = await Promise.all([getSettings(), db.setting.findMany({ select: { key: true, updatedAt: true, updatedById: true } })]);
  const names = new Map((await db.user.findMany({ where: { id: { in: rows.map((r) => r.updatedById).filter((x): x is string => !!x) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const updated: SettingsView["updated"] = {};
  for (const r of rows) if (r.key in values) updated[r.key as keyof Settings] = { at: r.updatedAt.toISOString(), by: r.updatedById ? (names.get(r.updatedById) ?? null) : null };
  return { values, updated };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Stores the keys whose value changed, in one transaction with one audit row (before and after of each).
 * A key changed by someone else since the page was opened (its value is no longer what the page saw) is a
 * conflict and nothing is stored; a repeated save of the same values changes nothing.
 */
export async function saveSettings(actor: Actor, input: { values: Partial<Settings>; seen: Record<string, unknown> }): Promise<{ changed: (keyof Settings)[] }> {
  await authorize(actor, "settings:manage", "Settings");
  return withWriteRetry(() =>
    db.$transaction(async (tx) => {
      // A no-op write first: SQLite's write lock (PostgreSQL: the rows' locks) is held before the compare, so
      // two saves of the same key cannot both pass it. Keys never stored yet collide on the insert instead.
      const keys = Object.keys(input.values);
      if (keys.length > 0) await tx.$executeRaw`UPDATE "Setting" SET "key" = "key" WHERE "key" IN (${Prisma.join(keys)})`;
      const current = await currentSettings(tx);
      const changed = (Object.keys(input.values) as (keyof Settings)[]).filter((k) => !same(input.values[k], current[k]));
      if (changed.length === 0) return { changed };
      const raced = changed.filter((k) => k in input.seen && !same(input.seen[k], current[k]));
      if (raced.length > 0) {
        throw new AppError("CONFLICT", `${raced.join(", ")} ${raced.length === 1 ? "was" : "were"} changed by someone else since you opened this page. Reload to see the new values, then try again.`);
      }
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const key of changed) {
        const value = input.values[key] as Prisma.InputJsonValue;
        before[key] = current[key];
        after[key] = value;
        await tx.setting.upsert({ where: { key }, create: { key, value, updatedById: actor.id }, update: { value, updatedById: actor.id } });
      }
      await audit({ userId: actor.id, action: "settings.update", entityType: "Setting", entityId: changed.join(","), details: { before, after } as Prisma.InputJsonValue }, tx);
      return { changed };
    }),
  );
}

async function currentSettings(tx: Prisma.TransactionClient): Promise<Settings> {
  const rows = await tx.setting.findMany({ select: { key: true, value: true } });
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (!(row.key in DEFAULT_SETTINGS)) continue;
    const parsed = settingsSchema.shape[row.key as keyof Settings].safeParse(row.value);
    if (parsed.success) merged[row.key] = parsed.data;
  }
  return merged as Settings;
}

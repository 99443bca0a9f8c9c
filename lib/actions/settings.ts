"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { saveSettings } from "@/lib/data/settings-admin";
import { saveSettingsSchema } from "@/lib/validations/settings-save";

/** Stores the changed settings (one transaction, one audit row); a key changed meanwhile by someone else is a conflict. */
export const saveSettingsAction = defineAction({ input: saveSettingsSchema, permission: "settings:manage" }, async (input, actor) => {
  const result = await saveSettings(actor, input);
  revalidatePath("/admin/settings");
  return result;
});

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { findPreviewAccounts, pairImpact, previewTemplates } from "@/lib/data/pairs-preview";
import { createPair, restorePairVersion, setPairActive, updatePair } from "@/lib/data/pairs-write";
import { createPairSchema, pairImpactSchema, restorePairSchema, setPairActiveSchema, templatePreviewSchema, updatePairSchema } from "@/lib/validations/pairs";
import { text } from "@/lib/validations/text";

function refresh(id?: string) {
  revalidatePath("/admin/pairs");
  if (id) revalidatePath(`/admin/pairs/${id}`);
}

export const createPairAction = defineAction({ input: createPairSchema, permission: "pairs:write" }, async (input, actor) => {
  const saved = await createPair(actor, input);
  refresh();
  return saved;
});

export const updatePairAction = defineAction({ input: updatePairSchema, permission: "pairs:write" }, async (input, actor) => {
  const saved = await updatePair(actor, input);
  refresh(saved.id);
  return saved;
});

export const setPairActiveAction = defineAction({ input: setPairActiveSchema, permission: "pairs:write" }, async (input, actor) => {
  const saved = await setPairActive(actor, input);
  refresh(saved.id);
  return saved;
});

export const restorePairVersionAction = defineAction({ input: restorePairSchema, permission: "pairs:write" }, async (input, actor) => {
  const saved = await restorePairVersion(actor, input);
  refresh(saved.id);
  return saved;
});

/** Read-only helpers of the pair editor (no writes, so the catalog's read permission). */
export const pairImpactAction = defineAction({ input: pairImpactSchema, permission: "catalog:manage" }, (input, actor) => pairImpact(actor, input));

export const previewTemplatesAction = defineAction({ input: templatePreviewSchema, permission: "catalog:manage" }, (input, actor) => previewTemplates(actor, input));

export const findPreviewAccountsAction = defineAction(
  { input: z.object({ q: text().trim().max(100, "must be at most 100 characters") }), permission: "catalog:manage" },
  (input, actor) => findPreviewAccounts(actor, input.q),
);

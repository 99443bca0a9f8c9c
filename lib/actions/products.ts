"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { updateCategoryPolicy } from "@/lib/data/category-policies";
import { updateProduct } from "@/lib/data/products";
import { updateCategoryPolicySchema } from "@/lib/validations/category-policies";
import { updateProductSchema } from "@/lib/validations/products";

/** Saves a product; deactivating suppresses its open offers at once. */
export const updateProductAction = defineAction({ input: updateProductSchema, permission: "products:write" }, async (input, actor) => {
  const result = await updateProduct(actor, input);
  revalidatePath("/admin/products");
  revalidatePath("/queue");
  return result;
});

/** Saves a category's durability and replacement cycle; the engine applies it from the next scoring run. */
export const updateCategoryPolicyAction = defineAction({ input: updateCategoryPolicySchema, permission: "products:write" }, async (input, actor) => {
  const result = await updateCategoryPolicy(actor, input);
  revalidatePath("/admin/categories");
  return result;
});

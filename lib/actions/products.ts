"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { updateProduct } from "@/lib/data/products";
import { updateProductSchema } from "@/lib/validations/products";

/** Saves a product; deactivating suppresses its open offers at once. */
export const updateProductAction = defineAction({ input: updateProductSchema, permission: "products:write" }, async (input, actor) => {
  const result = await updateProduct(actor, input);
  revalidatePath("/admin/products");
  revalidatePath("/queue");
  return result;
});

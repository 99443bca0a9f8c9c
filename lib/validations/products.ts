import { z } from "zod";
import { idSchema, text } from "@/lib/validations/text";

export const PRODUCT_SORTS = ["name", "category", "price", "margin", "updated"] as const;

export const productListSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  sort: z.enum(PRODUCT_SORTS).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  q: text().trim().max(100).optional().transform((v) => (v ? v : undefined)).catch(undefined),
  category: text().trim().max(100).optional().transform((v) => (v ? v : undefined)).catch(undefined),
  active: z.enum(["active", "inactive"]).optional().catch(undefined),
});

const money = z.number({ error: "Enter an amount" }).min(0, "must be 0 or more").max(1_000_000, "must be at most 1,000,000");

export const updateProductSchema = z
  .object({
    id: idSchema,
    version: z.number().int().min(1),
    price: money,
    unitCost: money,
    category: text().trim().min(1, "Enter a category").max(100, "must be at most 100 characters"),
    regulated: z.boolean(),
    active: z.boolean(),
  })
  .refine((v) => v.unitCost <= v.price, { path: ["unitCost"], message: "Unit cost is above the price: the margin would be negative" });

export type ProductListParams = z.infer<typeof productListSchema>;
export type UpdateProductInput = z.infer<typeof updateProductSchema>;

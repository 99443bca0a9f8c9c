// Writes the demo catalog's CategoryPolicy rows (catalog-data.ts) through Prisma, which speaks both
// databases; replaces what is there, so a reseed gives the same rows.
import { createPrismaClient } from "../../lib/prisma-client";
import { CATEGORIES, categoryPolicy } from "./catalog-data";

export function categoryPolicyRows(updatedAt: Date) {
  return CATEGORIES.map((c) => ({ category: c.name, ...categoryPolicy(c.key), updatedAt }));
}

export async function writeCategoryPolicies(url: string, updatedAt: Date): Promise<number> {
  const db = createPrismaClient(url);
  try {
    const rows = categoryPolicyRows(updatedAt);
    await db.$transaction([db.categoryPolicy.deleteMany({}), db.categoryPolicy.createMany({ data: rows })]);
    return rows.length;
  } finally {
    await db.$disconnect();
  }
}

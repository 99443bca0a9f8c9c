import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { authorize, outOfScope } from "@/lib/auth/authorize";
import { withWriteRetry } from "@/lib/data/write-retry";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProductListParams, UpdateProductInput } from "@/lib/validations/products";

export const PRODUCT_PAGE_SIZE = 50;

export type ProductRow = {
  id: string;
  sku: string;
  name: string;
  category: string;
  price: number;
  unitCost: number;
  margin: number;
  marginPct: number | null;
  regulated: boolean;
  active: boolean;
  version: number;
  /** Open or snoozed offers of the product: what deactivating it would suppress. */
  openOffers: number;
};

export type ProductPage = { rows: ProductRow[]; total: number; page: number; pageCount: number; categories: string[] };

const WORKABLE = ["OPEN", "SNOOZED"] as const;

const SORTS: Record<ProductListParams["sort"], (dir: "asc" | "desc") => Prisma.ProductOrderByWithRelationInput[]> = {
  name: (dir) => [{ name: dir }, { id: dir }],
  category: (dir) => [{ category: dir }, { name: "asc" }, { id: dir }],
  price: (dir) => [{ priceCents: dir }, { id: dir }],
  // Margin sorts by price then cost in SQL terms would be wrong; the page sorts by margin below.
  margin: (dir) => [{ priceCents: dir }, { id: dir }],
  updated: (dir) => [{ updatedAt: dir }, { id: dir }],
};

function toRow(p: { id: string; sku: string; name: string; category: string; priceCents: number; unitCostCents: number; regulated: boolean; active: boolean; version: number }, openOffers: number): ProductRow {
  const margin = (p.priceCents - p.unitCostCents) / 100;
  return {
    id: p.id, sku: p.sku, name: p.name, category: p.category, price: p.priceCents / 100, unitCost: p.unitCostCents / 100, margin,
    marginPct: p.priceCents > 0 ? (p.priceCents - p.unitCostCents) / p.priceCents : null, regulated: p.regulated, active: p.active, version: p.version, openOffers,
  };
}

/** The catalog is hundreds of products: search is matched here, case-insensitively on every database. */
export async function listProducts(actor: Actor, p: ProductListParams): Promise<ProductPage> {
  await authorize(actor, "catalog:manage", "Products");
  const where: Prisma.ProductWhereInput = {
    ...(p.category ? { category: p.category } : {}),
    ...(p.active ? { active: p.active === "active" } : {}),
  };
  const [all, categories] = await Promise.all([
    db.product.findMany({
      where,
      orderBy: SORTS[p.sort](p.dir),
      select: { id: true, sku: true, name: true, category: true, priceCents: true, unitCostCents: true, regulated: true, active: true, version: true },
    }),
    db.product.groupBy({ by: ["category"], orderBy: { category: "asc" } }),
  ]);
  const needle = p.q?.toLowerCase();
  let matched = needle ? all.filter((x) => x.name.toLowerCase().includes(needle) || x.sku.toLowerCase().includes(needle)) : all;
  if (p.sort === "margin") {
    const sign = p.dir === "asc" ? 1 : -1;
    matched = [...matched].sort((a, b) => sign * (a.priceCents - a.unitCostCents - (b.priceCents - b.unitCostCents)) || a.id.localeCompare(b.id));
  }
  const pageCount = Math.max(1, Math.ceil(matched.length / PRODUCT_PAGE_SIZE));
  const page = Math.min(p.page, pageCount);
  const slice = matched.slice((page - 1) * PRODUCT_PAGE_SIZE, page * PRODUCT_PAGE_SIZE);
  const offers = await db.opportunity.groupBy({ by: ["productId"], where: { productId: { in: slice.map((x) => x.id) }, status: { in: [...WORKABLE] } }, _count: { _all: true } });
  const open = new Map(offers.map((o) => [o.productId, o._count._all]));
  return { rows: slice.map((x) => toRow(x, open.get(x.id) ?? 0)), total: matched.length, page, pageCount, categories: categories.map((c) => c.category) };
}

export type ProductSaved = { product: ProductRow; suppressed: number };

/**
 * Saves price, unit cost, category, regulated and active in one transaction with its audit row
 * (before and after); deactivating suppresses the product's open offers at once, in the same
 * transaction, and the count goes into the audit row and the answer.
 */
export async function updateProduct(actor: Actor, input: UpdateProductInput): Promise<ProductSaved> {
  await authorize(actor, "products:write", "Product");
  const exists = await db.product.findUnique({ where: { id: input.id }, select: { id: true } });
  if (!exists) throw await outOfScope(actor, "Product", input.id);
  const next = { priceCents: Math.round(input.price * 100), unitCostCents: Math.round(input.unitCost * 100), category: input.category, regulated: input.regulated, active: input.active };
  return withWriteRetry(() =>
    db.$transaction(
      async (tx) => {
        const before = await tx.product.findUniqueOrThrow({
          where: { id: input.id },
          select: { id: true, sku: true, name: true, category: true, priceCents: true, unitCostCents: true, regulated: true, active: true, version: true, updatedAt: true },
        });
        const guarded = await tx.product.updateMany({ where: { id: input.id, version: input.version }, data: { ...next, version: { increment: 1 } } });
        if (guarded.count === 0) {
          const same = before.version === input.version + 1 && Object.entries(next).every(([k, v]) => before[k as keyof typeof next] === v);
          // A repeated submit of the save that just went through changes nothing and says so.
          if (same) return { product: toRow(before, 0), suppressed: 0 };
          throw new AppError("CONFLICT", `Someone else saved ${before.name} (${before.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC) while you were editing. Nothing was saved; reload and edit again.`);
        }
        let suppressed = 0;
        if (before.active && !next.active) {
          const now = new Date();
          suppressed = (
            await tx.opportunity.updateMany({ where: { productId: input.id, status: { in: [...WORKABLE] } }, data: { status: "SUPPRESSED", closedAt: now, version: { increment: 1 } } })
          ).count;
        }
        const pick = (p: typeof next) => ({ priceCents: p.priceCents, unitCostCents: p.unitCostCents, category: p.category, regulated: p.regulated, active: p.active });
        await audit(
          {
            userId: actor.id,
            action: before.active && !next.active ? "product.deactivate" : !before.active && next.active ? "product.reactivate" : "product.update",
            entityType: "Product",
            entityId: input.id,
            details: { version: input.version + 1, before: pick(before), after: next, suppressedOffers: suppressed },
          },
          tx,
        );
        return { product: toRow({ ...before, ...next, version: input.version + 1 }, 0), suppressed };
      },
      { maxWait: 15_000, timeout: 30_000 },
    ),
  );
}

import "server-only";
import { db } from "@/lib/db";
import { authorize, outOfScope } from "@/lib/auth/authorize";
import { diffSnapshots, FIELD_LABELS, parseSnapshot, type PairSnapshot } from "@/lib/domain/pair-diff";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PairOrigin, PairType } from "@/lib/generated/prisma/enums";
import { PAIR_TYPE_LABELS, type PairListParams } from "@/lib/validations/pairs";

export type PairRow = {
  id: string;
  source: { id: string; name: string; category: string; active: boolean };
  target: { id: string; name: string; category: string; active: boolean };
  type: PairType;
  bundleDiscountPct: number | null;
  windowMinDays: number;
  windowMaxDays: number;
  origin: PairOrigin;
  active: boolean;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
  opportunities: number;
  open: number;
  won: number;
};

export type PairPage = { rows: PairRow[]; total: number; page: number; pageSize: number; pageCount: number };

const PRODUCT = { select: { id: true, name: true, category: true, active: true } } as const;

const SORTS: Record<PairListParams["sort"], (dir: "asc" | "desc") => Prisma.ProductPairOrderByWithRelationInput[]> = {
  source: (dir) => [{ sourceProduct: { name: dir } }, { targetProduct: { name: dir } }, { id: dir }],
  target: (dir) => [{ targetProduct: { name: dir } }, { sourceProduct: { name: dir } }, { id: dir }],
  type: (dir) => [{ type: dir }, { sourceProduct: { name: "asc" } }, { id: dir }],
  updated: (dir) => [{ updatedAt: dir }, { id: dir }],
  version: (dir) => [{ version: dir }, { id: dir }],
};

/**
 * Products whose name or SKU contains the text, case-insensitively on every database: the catalog is a
 * few hundred rows, so it is matched here rather than with a database-specific collation.
 */
async function productsMatching(q: string): Promise<string[]> {
  const needle = q.toLowerCase();
  const all = await db.product.findMany({ select: { id: true, name: true, sku: true } });
  return all.filter((p) => p.name.toLowerCase().includes(needle) || p.sku.toLowerCase().includes(needle)).map((p) => p.id);
}

async function listWhere(p: PairListParams): Promise<Prisma.ProductPairWhereInput> {
  const and: Prisma.ProductPairWhereInput[] = [];
  if (p.type) and.push({ type: p.type });
  if (p.active) and.push({ active: p.active === "active" });
  if (p.origin) and.push({ origin: p.origin });
  if (p.sourceCategory) and.push({ sourceProduct: { category: p.sourceCategory } });
  if (p.targetCategory) and.push({ targetProduct: { category: p.targetCategory } });
  if (p.q) {
    const ids = await productsMatching(p.q);
    and.push({ OR: [{ sourceProductId: { in: ids } }, { targetProductId: { in: ids } }] });
  }
  return { AND: and };
}

/** Opportunities per pair (any run), open ones and won ones, for the given pairs only (one indexed query). */
export async function pairCounts(pairIds: string[]): Promise<Map<string, { opportunities: number; open: number; won: number }>> {
  const counts = new Map<string, { opportunities: number; open: number; won: number }>();
  if (pairIds.length === 0) return counts;
  const groups = await db.opportunity.groupBy({ by: ["pairId", "status"], where: { pairId: { in: pairIds } }, _count: { _all: true } });
  for (const g of groups) {
    if (!g.pairId) continue;
    const c = counts.get(g.pairId) ?? { opportunities: 0, open: 0, won: 0 };
    c.opportunities += g._count._all;
    if (g.status === "OPEN" || g.status === "SNOOZED") c.open += g._count._all;
    if (g.status === "WON") c.won += g._count._all;
    counts.set(g.pairId, c);
  }
  return counts;
}

export async function listPairs(actor: Actor, p: PairListParams): Promise<PairPage> {
  await authorize(actor, "catalog:manage", "Pairs");
  const where = await listWhere(p);
  const total = await db.productPair.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / p.pageSize));
  const page = Math.min(p.page, pageCount);
  const rows = await db.productPair.findMany({
    where,
    orderBy: SORTS[p.sort](p.dir),
    skip: (page - 1) * p.pageSize,
    take: p.pageSize,
    select: {
      id: true, type: true, bundleDiscountPct: true, windowMinDays: true, windowMaxDays: true, origin: true, active: true, version: true, updatedAt: true,
      updatedBy: { select: { name: true } }, sourceProduct: PRODUCT, targetProduct: PRODUCT,
    },
  });
  const counts = await pairCounts(rows.map((r) => r.id));
  return {
    total, page, pageSize: p.pageSize, pageCount,
    rows: rows.map((r) => ({
      id: r.id, source: r.sourceProduct, target: r.targetProduct, type: r.type, bundleDiscountPct: r.bundleDiscountPct,
      windowMinDays: r.windowMinDays, windowMaxDays: r.windowMaxDays, origin: r.origin, active: r.active, version: r.version,
      updatedAt: r.updatedAt.toISOString(), updatedBy: r.updatedBy?.name ?? null,
      ...(counts.get(r.id) ?? { opportunities: 0, open: 0, won: 0 }),
    })),
  };
}

export type ProductOption = { id: string; name: string; category: string; active: boolean };

/** Products and categories for the pair form and the list filters. */
export async function catalogOptions(actor: Actor): Promise<{ products: ProductOption[]; categories: string[] }> {
  await authorize(actor, "catalog:manage", "Pairs");
  const products = await db.product.findMany({ orderBy: [{ category: "asc" }, { name: "asc" }], select: { id: true, name: true, category: true, active: true } });
  return { products, categories: [...new Set(products.map((p) => p.category))].sort() };
}

export type PairVersionView = {
  version: number;
  action: string;
  at: string;
  by: string | null;
  changes: { field: string; label: string; before: string; after: string }[];
};

export type PairDetail = {
  id: string;
  version: number;
  origin: PairOrigin;
  minedRuleSnapshot: Record<string, unknown> | null;
  fields: PairSnapshot;
  source: ProductOption;
  target: ProductOption;
  updatedAt: string;
  counts: { opportunities: number; open: number; won: number };
  versions: PairVersionView[];
};

function display(field: keyof PairSnapshot, value: unknown, names: Map<string, string>): string {
  if (value === null || value === undefined) return "—";
  if (field === "sourceProductId" || field === "targetProductId") return names.get(String(value)) ?? String(value);
  if (field === "eligibleSegments") return (value as string[]).length ? (value as string[]).join(", ") : "All segments";
  if (field === "active") return value ? "yes" : "no";
  if (field === "type") return PAIR_TYPE_LABELS[value as keyof typeof PAIR_TYPE_LABELS] ?? String(value);
  return String(value);
}

export function snapshotOf(p: {
  sourceProductId: string; targetProductId: string; type: string; bundleDiscountPct: number | null; windowMinDays: number; windowMaxDays: number;
  eligibleSegments: unknown; talkingPoints: string; objectionHandling: string; active: boolean;
}): PairSnapshot {
  return {
    sourceProductId: p.sourceProductId, targetProductId: p.targetProductId, type: p.type, bundleDiscountPct: p.bundleDiscountPct,
    windowMinDays: p.windowMinDays, windowMaxDays: p.windowMaxDays,
    eligibleSegments: Array.isArray(p.eligibleSegments) ? p.eligibleSegments.map(String) : [],
    talkingPoints: p.talkingPoints, objectionHandling: p.objectionHandling, active: p.active,
  };
}

/** One pair with its version history (newest first), each version's changes as labelled before/after text. */
export async function getPair(actor: Actor, id: string): Promise<PairDetail> {
  await authorize(actor, "catalog:manage", "Pair");
  const p = await db.productPair.findUnique({
    where: { id },
    include: { sourceProduct: PRODUCT, targetProduct: PRODUCT, versions: { orderBy: { version: "desc" } } },
  });
  if (!p) throw await outOfScope(actor, "Pair", id);
  const productIds = new Set<string>();
  for (const v of p.versions) for (const s of [parseSnapshot(v.before), parseSnapshot(v.after)]) if (s) productIds.add(s.sourceProductId).add(s.targetProductId);
  const names = new Map((await db.product.findMany({ where: { id: { in: [...productIds] } }, select: { id: true, name: true } })).map((x) => [x.id, x.name]));
  const counts = (await pairCounts([p.id])).get(p.id) ?? { opportunities: 0, open: 0, won: 0 };
  return {
    id: p.id,
    version: p.version,
    origin: p.origin,
    minedRuleSnapshot: p.minedRuleSnapshot && typeof p.minedRuleSnapshot === "object" ? (p.minedRuleSnapshot as Record<string, unknown>) : null,
    fields: snapshotOf(p),
    source: p.sourceProduct,
    target: p.targetProduct,
    updatedAt: p.updatedAt.toISOString(),
    counts,
    versions: p.versions.map((v) => {
      const after = parseSnapshot(v.after);
      const before = parseSnapshot(v.before);
      return {
        version: v.version,
        action: v.action,
        at: v.createdAt.toISOString(),
        by: v.userName,
        changes: after
          ? diffSnapshots(before, after).map((c) => ({ field: c.field, label: FIELD_LABELS[c.field], before: before ? display(c.field, c.before, names) : "", after: display(c.field, c.after, names) }))
          : [],
      };
    }),
  };
}

import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { authorize, outOfScope } from "@/lib/auth/authorize";
import { withWriteRetry } from "@/lib/data/write-retry";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { checkPolicy, repurchaseStats, type Durability, type PolicyCheck, type RepurchaseHistogram, type RepurchaseStats } from "@/lib/analytics/repurchase";
import { MEASURE_ON_DEMAND_MAX_LINES, measureCategoryRepurchaseWithPrisma, readCategoryRepurchase } from "@/lib/catalog/category-repurchase";
import type { Actor } from "@/lib/auth/actor";
import type { UpdateCategoryPolicyInput } from "@/lib/validations/category-policies";

/** A category without a policy row is treated by the engine as replenished with no cycle (never held back). */
export const DEFAULT_POLICY = { durability: "REPLENISHED" as Durability, replacementCycleDays: null as number | null };

export type CategoryPolicyRow = {
  category: string;
  products: number;
  /** False when the category has no policy row yet: the default applies and the first save creates one. */
  hasPolicy: boolean;
  durability: Durability;
  replacementCycleDays: number | null;
  /** The row's version; 0 when there is no row. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  /** Measured on the order data; null when not measured. */
  stats: RepurchaseStats | null;
  check: PolicyCheck | null;
};

export type CategoryPolicyPage = {
  rows: CategoryPolicyRow[];
  /** Where the figures come from: stored by the last refresh (with its time), measured on opening, or none. */
  measured: { source: "stored"; at: string } | { source: "on-demand"; lines: number } | { source: "none"; lines: number };
};

const asDurability = (v: string): Durability => (v === "DURABLE" ? "DURABLE" : "REPLENISHED");

async function histograms(): Promise<{ byCategory: Map<string, RepurchaseHistogram>; measured: CategoryPolicyPage["measured"] }> {
  const stored = await readCategoryRepurchase(db);
  if (stored) return { byCategory: new Map(stored.histograms.map((h) => [h.category, h])), measured: { source: "stored", at: stored.computedAt.toISOString() } };
  // Until a scoring run has stored them, a small history is measured on opening; a large one would take seconds.
  const lines = await db.orderLine.count();
  if (lines > MEASURE_ON_DEMAND_MAX_LINES) return { byCategory: new Map(), measured: { source: "none", lines } };
  const measured = await measureCategoryRepurchaseWithPrisma(db);
  return { byCategory: new Map(measured.map((h) => [h.category, h])), measured: { source: "on-demand", lines } };
}

/** Every category of the catalog (Product.category) with its policy, or the default, and the measured repurchase behaviour. */
export async function listCategoryPolicies(actor: Actor): Promise<CategoryPolicyPage> {
  await authorize(actor, "catalog:manage", "Categories");
  const [categories, policies, measured] = await Promise.all([
    db.product.groupBy({ by: ["category"], orderBy: { category: "asc" }, _count: { _all: true } }),
    db.categoryPolicy.findMany({ select: { category: true, durability: true, replacementCycleDays: true, version: true, updatedAt: true, updatedById: true } }),
    histograms(),
  ]);
  const byCategory = new Map(policies.map((p) => [p.category, p]));
  const editors = await db.user.findMany({ where: { id: { in: [...new Set(policies.map((p) => p.updatedById).filter((id): id is string => !!id))] } }, select: { id: true, name: true } });
  const names = new Map(editors.map((u) => [u.id, u.name]));
  const rows = categories.map((c): CategoryPolicyRow => {
    const p = byCategory.get(c.category);
    const durability = p ? asDurability(p.durability) : DEFAULT_POLICY.durability;
    const replacementCycleDays = p ? p.replacementCycleDays : DEFAULT_POLICY.replacementCycleDays;
    const h = measured.byCategory.get(c.category);
    const stats = h ? repurchaseStats(h, replacementCycleDays) : null;
    return {
      category: c.category,
      products: c._count._all,
      hasPolicy: !!p,
      durability,
      replacementCycleDays,
      version: p?.version ?? 0,
      updatedAt: p?.updatedAt.toISOString() ?? null,
      updatedBy: p?.updatedById ? (names.get(p.updatedById) ?? null) : null,
      stats,
      check: stats ? checkPolicy(durability, stats) : null,
    };
  });
  return { rows, measured: measured.measured };
}

export type CategoryPolicySaved = { category: string; version: number; durability: Durability; replacementCycleDays: number | null };

const conflict = (category: string, by: string | null, at: Date) =>
  new AppError("CONFLICT", `${by ?? "Someone else"} saved the policy of ${category} (${at.toISOString().slice(0, 16).replace("T", " ")} UTC) while you were editing. Nothing was saved; reload to see their setting and edit again.`);

/**
 * Saves a category's durability and replacement cycle if its policy is still at `version` (0: it has
 * none yet, and this creates it), in one transaction with its audit row (before and after). The engine
 * reads it at the next scoring run. A category no product has is not found.
 */
export async function updateCategoryPolicy(actor: Actor, input: UpdateCategoryPolicyInput): Promise<CategoryPolicySaved> {
  await authorize(actor, "products:write", "Category");
  const used = await db.product.findFirst({ where: { category: input.category }, select: { id: true } });
  if (!used) throw await outOfScope(actor, "Category", input.category);
  const next = { durability: input.durability, replacementCycleDays: input.replacementCycleDays };
  try {
    return await withWriteRetry(() =>
      db.$transaction(
        async (tx) => {
          const before = await tx.categoryPolicy.findUnique({ where: { category: input.category } });
          let saved: boolean;
          if (input.version === 0) {
            saved = !before;
            if (saved) await tx.categoryPolicy.create({ data: { category: input.category, ...next, version: 1, updatedById: actor.id } });
          } else {
            saved = (await tx.categoryPolicy.updateMany({ where: { category: input.category, version: input.version }, data: { ...next, version: { increment: 1 }, updatedById: actor.id } })).count === 1;
          }
          if (!saved) {
            // A repeated submit of the save this user has just made is answered with that save.
            if (before && before.version === input.version + 1 && before.updatedById === actor.id && before.durability === next.durability && before.replacementCycleDays === next.replacementCycleDays) {
              return { category: input.category, version: before.version, ...next };
            }
            if (!before) throw new AppError("NOT_FOUND", `The policy of ${input.category} was removed. Reload the page.`);
            const by = before.updatedById ? await tx.user.findUnique({ where: { id: before.updatedById }, select: { name: true } }) : null;
            throw conflict(input.category, by?.name ?? null, before.updatedAt);
          }
          const was = before ? { durability: asDurability(before.durability), replacementCycleDays: before.replacementCycleDays } : null;
          await audit(
            {
              userId: actor.id,
              action: before ? "category-policy.update" : "category-policy.create",
              entityType: "CategoryPolicy",
              entityId: input.category,
              details: { version: input.version + 1, before: was ?? { ...DEFAULT_POLICY, default: true }, after: next },
            },
            tx,
          );
          return { category: input.category, version: input.version + 1, ...next };
        },
        { maxWait: 15_000, timeout: 30_000 },
      ),
    );
  } catch (e) {
    // Two first saves of the same category at once: the later one lost the race on the primary key.
    if (isUniqueViolation(e)) {
      const row = await db.categoryPolicy.findUnique({ where: { category: input.category }, select: { updatedById: true, updatedAt: true } });
      const by = row?.updatedById ? await db.user.findUnique({ where: { id: row.updatedById }, select: { name: true } }) : null;
      throw conflict(input.category, by?.name ?? null, row?.updatedAt ?? new Date());
    }
    throw e;
  }
}

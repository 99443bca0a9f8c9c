import type { Metadata } from "next";
import { CategoryPoliciesTable } from "@/components/admin/categories/category-policies-table";
import { Card, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listCategoryPolicies } from "@/lib/data/category-policies";
import { DURABLE_MAX_WITHIN_SHARE, MIN_BUYERS_TO_JUDGE, REPLENISHED_MIN_REPEAT_SHARE } from "@/lib/analytics/repurchase";
import { formatNumber, formatPercent } from "@/lib/format";

export const metadata: Metadata = { title: "Categories" };

export default async function CategoriesPage() {
  const actor = await requireActor("catalog:manage", "/admin/categories");
  const page = await listCategoryPolicies(actor);
  const flagged = page.rows.filter((r) => r.check?.kind === "durable-repurchased" || r.check?.kind === "replenished-not-repurchased").length;
  const m = page.measured;
  return (
    <>
      <PageHeader
        title="Categories"
        description={`Durable or replenished, and the replacement cycle, per product category, beside how the order data says each is bought · ${page.rows.length} categories, ${flagged} where the data disagrees`}
      />
      <Card className="mb-4 p-4 text-sm text-slate-700 dark:text-slate-300">
        <h2 className="font-semibold text-slate-900 dark:text-white">How the check reads the data</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>
            A buyer&apos;s purchases of a category count once per day; <strong>bought again</strong> is a purchase on a later day. <strong>Again in cycle</strong> counts buyers whose
            next purchase came at most the replacement cycle later (365 days when the category has none); the <strong>median gap</strong> is over all gaps between consecutive purchase days.
          </li>
          <li>
            <strong>Data disagrees</strong> when a durable category was bought again within its cycle by {formatPercent(DURABLE_MAX_WITHIN_SHARE)} or more of its buyers, or a replenished one
            was bought again by fewer than {formatPercent(REPLENISHED_MIN_REPEAT_SHARE)}. Categories with fewer than {formatNumber(MIN_BUYERS_TO_JUDGE)} buyers are not judged.
          </li>
          <li>A category without a saved policy is treated as replenished with no cycle (never held back). Changes apply from the next scoring run.</li>
        </ul>
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400" data-testid="measured-note">
          {m.source === "stored"
            ? `Figures measured by the scoring run at ${m.at.slice(0, 16).replace("T", " ")} UTC.`
            : m.source === "on-demand"
              ? `Figures measured from ${formatNumber(m.lines)} order lines on opening this page (no scoring run has stored them yet).`
              : `Not measured yet: ${formatNumber(m.lines)} order lines are too many to read on opening the page; the next scoring run measures them.`}
        </p>
      </Card>
      <CategoryPoliciesTable rows={page.rows} canWrite={can(actor.role, "products:write")} />
    </>
  );
}

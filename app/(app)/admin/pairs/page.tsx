import type { Metadata } from "next";
import Link from "next/link";
import { PairsTable } from "@/components/admin/pairs/pairs-table";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { catalogOptions, listPairs } from "@/lib/data/pairs";
import { formatNumber } from "@/lib/format";
import { pairListSchema } from "@/lib/validations/pairs";

export const metadata: Metadata = { title: "Product pairs" };

export default async function PairsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("catalog:manage", "/admin/pairs");
  const raw = await searchParams;
  const params = pairListSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const [page, options] = await Promise.all([listPairs(actor, params), catalogOptions(actor)]);
  return (
    <>
      <PageHeader
        title="Product pairs"
        description={`The curated catalog: what reps are told to offer after what · ${formatNumber(page.total)} shown by the current filters`}
        actions={
          <div className="flex gap-2">
            <Link href="/admin/rules" className={buttonClass("secondary")}>Review mined rules</Link>
            {can(actor.role, "pairs:write") ? <Link href="/admin/pairs/new" className={buttonClass("primary")}>New pair</Link> : null}
          </div>
        }
      />
      <PairsTable page={page} params={params} categories={options.categories} />
    </>
  );
}

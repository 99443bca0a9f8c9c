import type { Metadata } from "next";
import { RulesTable } from "@/components/admin/rules/rules-table";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listRules } from "@/lib/data/rules";
import { formatNumber } from "@/lib/format";
import { ruleListSchema } from "@/lib/validations/rules";

export const metadata: Metadata = { title: "Mined rules" };

export default async function RulesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("catalog:manage", "/admin/rules");
  const raw = await searchParams;
  const params = ruleListSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const page = await listRules(actor, params);
  return (
    <>
      <PageHeader
        title="Mined rules"
        description={`Association and sequence rules of the active scoring run, pending first · ${formatNumber(page.counts.PENDING)} pending, ${formatNumber(page.counts.ACCEPTED)} in the catalog, ${formatNumber(page.counts.REJECTED)} rejected`}
      />
      <RulesTable page={page} params={params} canReview={can(actor.role, "rules:review")} />
    </>
  );
}

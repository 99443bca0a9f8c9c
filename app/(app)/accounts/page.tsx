import type { Metadata } from "next";
import { AccountsTable } from "@/components/accounts/accounts-table";
import { PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { dataScope, scopeLabel } from "@/lib/auth/permissions";
import { accountFilterOptions, listAccounts } from "@/lib/data/accounts";
import { accountListSchema } from "@/lib/validations/accounts";
import { formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("accounts:read", "/accounts");
  const raw = await searchParams;
  const params = accountListSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const [page, options] = await Promise.all([listAccounts(actor, params), accountFilterOptions(actor)]);
  const scope = scopeLabel(actor.role, "accounts");
  return (
    <>
      <PageHeader title="Accounts" description={`${scope} · ${formatNumber(page.total)} shown by the current filters`} />
      <AccountsTable page={page} params={params} options={options} showOwner={dataScope(actor.role) !== "own"} />
    </>
  );
}

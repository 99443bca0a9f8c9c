import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft, Ban, Building2, Mail, Phone, User } from "lucide-react";
import { AccountWork } from "@/components/accounts/account-work";
import { PurchaseHistory } from "@/components/accounts/purchase-history";
import { ReassignControl } from "@/components/accounts/reassign-control";
import { Badge, SegmentBadge } from "@/components/ui/badge";
import { Card, Stat } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { getAccountDetail, getPurchaseHistory, HISTORY_PAGE_SIZE } from "@/lib/data/accounts";
import { getAccountWork } from "@/lib/data/account-work";
import { isAppError } from "@/lib/errors";
import { formatAgo, formatDate, formatMoney, formatMoneyExact, formatNumber, formatPercent } from "@/lib/format";
import { accountHistorySchema } from "@/lib/validations/accounts";

export const metadata: Metadata = { title: "Account" };

function Consent({ label, granted }: { label: string; granted: boolean }) {
  return <Badge tone={granted ? "green" : "neutral"}>{`${label}: ${granted ? "yes" : "no"}`}</Badge>;
}

export default async function AccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const actor = await requireActor("accounts:read", `/accounts/${id}`);
  const { page } = accountHistorySchema.parse(await searchParams);
  let account, history, work;
  try {
    [account, history, work] = await Promise.all([getAccountDetail(actor, id), getPurchaseHistory(actor, id, page), getAccountWork(actor, id)]);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  const t = account.totals;
  const KindIcon = account.kind === "COMPANY" ? Building2 : User;

  return (
    <div className="space-y-6">
      <Link href="/accounts" className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white">
        <ArrowLeft aria-hidden className="h-4 w-4" /> Accounts
      </Link>

      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex items-center gap-2">
            <KindIcon aria-hidden className="h-5 w-5 text-slate-400" />
            <h1 className="text-2xl font-semibold tracking-tight">{account.name}</h1>
            <SegmentBadge segment={account.segment} />
          </div>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {account.externalId} · {account.kind === "COMPANY" ? (account.industry ?? "Company") : "Person"} · {account.city ? `${account.city}, ` : ""}
            {account.region} · owned by {account.owner.name}
          </p>
        </div>
        <div className="flex flex-col items-end gap-2">
        {work.canReassign ? <ReassignControl scope="account" id={account.id} currentUserId={account.owner.id} reps={work.reps} label="Reassign account" /> : null}
        {account.consent.doNotContact ? (
          <div role="note" className="flex items-center gap-2 rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-800 dark:bg-red-950 dark:text-red-200">
            <Ban aria-hidden className="h-4 w-4" /> Do not contact
          </div>
        ) : null}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="p-5">
          <h2 className="text-sm font-semibold">Contact</h2>
          <p className="mt-3 font-medium">{account.contactName}</p>
          <ul className="mt-2 space-y-1.5 text-sm">
            <li className="flex items-center gap-2">
              <Phone aria-hidden className="h-4 w-4 text-slate-400" />
              {account.phone ? <a className="text-brand-700 hover:underline dark:text-brand-100" href={`tel:${account.phone}`}>{account.phone}</a> : "No phone"}
            </li>
            <li className="flex items-center gap-2">
              <Mail aria-hidden className="h-4 w-4 text-slate-400" />
              {account.email ? <a className="truncate text-brand-700 hover:underline dark:text-brand-100" href={`mailto:${account.email}`}>{account.email}</a> : "No email"}
            </li>
          </ul>
          <div className="mt-4 flex flex-wrap gap-2" aria-label="Consent">
            <Consent label="Phone consent" granted={account.consent.phone} />
            <Consent label="Email consent" granted={account.consent.email} />
            {account.consent.doNotContact ? <Badge tone="red">Do not contact</Badge> : null}
          </div>
        </Card>

        <Card className="p-5 lg:col-span-2">
          <h2 className="text-sm font-semibold">Totals</h2>
          <dl className="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-4">
            <Stat label="Net revenue" value={formatMoney(t.revenue)} hint={`gross ${formatMoney(t.grossSales)}`} />
            <Stat label="Orders" value={formatNumber(t.orders)} hint={`AOV ${formatMoneyExact(t.averageOrderValue)}`} />
            <Stat label="Products owned" value={formatNumber(t.distinctProducts)} hint="distinct products" />
            <Stat
              label="Returns"
              value={formatMoney(t.returnedValue)}
              hint={`${formatNumber(t.returnedUnits)} of ${formatNumber(t.unitsSold)} units (${formatPercent(t.unitsSold ? t.returnedUnits / t.unitsSold : null)})`}
            />
            <Stat label="First order" value={formatDate(t.firstOrderAt)} />
            <Stat label="Last order" value={formatDate(t.lastOrderAt)} hint={formatAgo(t.lastOrderAt)} />
            <Stat label="CLV" value={formatMoney(account.clv)} hint={account.clv == null ? "after the first scoring run" : "predicted, discounted"} />
            <Stat label="P(alive)" value={formatPercent(account.pAlive)} hint={account.pAlive == null ? "after the first scoring run" : "probability still active"} />
          </dl>
        </Card>
      </div>

      <AccountWork opportunities={work.opportunities} timeline={work.timeline} reps={work.reps} canReassign={work.canReassign} />

      <Card>
        <div className="flex items-center justify-between px-4 py-3">
          <h2 className="text-sm font-semibold">Purchase history</h2>
          <span className="text-xs text-slate-500 dark:text-slate-400">Returns reduce the net total of a line</span>
        </div>
        <PurchaseHistory rows={history.rows} page={history.page} pageCount={history.pageCount} total={history.total} pageSize={HISTORY_PAGE_SIZE} />
      </Card>
    </div>
  );
}

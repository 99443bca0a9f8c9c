import type { Metadata } from "next";
import Link from "next/link";
import { ListTodo } from "lucide-react";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { listOpenOpportunities } from "@/lib/data/overview";
import { formatMoney, formatNumber, formatPercent } from "@/lib/format";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage() {
  const actor = await requireActor("opportunities:work", "/queue");
  const { items, total } = await listOpenOpportunities(actor);
  return (
    <>
      <PageHeader title="Queue" description={`Your open cross-sell opportunities, highest expected value first · ${formatNumber(total)} open`} />
      <Card>
        {items.length === 0 ? (
          <EmptyState title="No open opportunities" icon={<ListTodo className="h-8 w-8" aria-hidden />}>
            Opportunities are created by a scoring run from your accounts&apos; purchase history. When a run has completed, your
            best offers appear here, ranked by expected value.
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {items.map((o) => (
              <li key={o.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                <div className="min-w-0">
                  <Link href={`/accounts/${o.accountId}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                    {o.accountName}
                  </Link>
                  <span className="text-slate-500 dark:text-slate-400"> · {o.productName}</span>
                  <p className="truncate text-sm text-slate-600 dark:text-slate-400">{o.reasonText}</p>
                </div>
                <div className="text-right text-sm tabular-nums">
                  <div className="font-semibold">{formatMoney(o.expectedValue)}</div>
                  <div className="text-xs text-slate-500 dark:text-slate-400">P(buy) {formatPercent(o.probability)} · {o.attempts} attempts</div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

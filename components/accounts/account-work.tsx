import Link from "next/link";
import { Phone } from "lucide-react";
import { ReassignControl } from "@/components/accounts/reassign-control";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatAgo, formatDate, formatMoney, formatMoneyExact, formatPercent } from "@/lib/format";
import { OUTCOME_LABELS } from "@/lib/validations/outcomes";
import type { AccountOpportunity, TimelineEntry } from "@/lib/data/account-work";

const STATUS_TONES: Record<string, "green" | "amber" | "red" | "neutral" | "blue"> = { OPEN: "blue", SNOOZED: "amber", WON: "green", LOST: "red" };

export function AccountWork({
  opportunities,
  timeline,
  reps,
  canReassign,
}: {
  opportunities: AccountOpportunity[];
  timeline: TimelineEntry[];
  reps: { id: string; name: string }[];
  canReassign: boolean;
}) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <h2 className="px-4 pt-4 text-sm font-semibold">Cross-sell opportunities</h2>
        {opportunities.length === 0 ? (
          <p className="px-4 pb-4 pt-2 text-sm text-slate-600 dark:text-slate-400">No opportunities for this account in the current scoring run.</p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {opportunities.map((o) => {
              const workable = o.status === "OPEN" || o.status === "SNOOZED";
              return (
                <li key={o.id} className="px-4 py-3" data-testid="account-opportunity">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <div className="flex items-center gap-2">
                      <span className="font-medium">{o.productName}</span>
                      <Badge tone={STATUS_TONES[o.status] ?? "neutral"}>{o.status.toLowerCase()}</Badge>
                      {o.status === "SNOOZED" && o.snoozedUntil ? <span className="text-xs text-slate-500">until {formatDate(o.snoozedUntil)}</span> : null}
                    </div>
                    <span className="text-sm tabular-nums">
                      {formatMoney(o.expectedValue)} · {formatPercent(o.probability)}
                    </span>
                  </div>
                  <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{o.reasonText}</p>
                  <div className="mt-2 flex flex-wrap items-center gap-3">
                    <span className="text-xs text-slate-500 dark:text-slate-400">
                      {o.assigneeName} · {o.attempts} attempts
                    </span>
                    {workable ? (
                      <Link href={`/queue/call?id=${o.id}`} className={buttonClass("secondary", "px-2 py-1 text-xs")}>
                        <Phone aria-hidden className="h-3.5 w-3.5" /> Log outcome
                      </Link>
                    ) : null}
                    {canReassign && workable ? <ReassignControl scope="opportunity" id={o.id} currentUserId={o.assigneeId} reps={reps} label={`Reassign ${o.productName}`} /> : null}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      <Card>
        <h2 className="px-4 pt-4 text-sm font-semibold">Activity timeline</h2>
        {timeline.length === 0 ? (
          <p className="px-4 pb-4 pt-2 text-sm text-slate-600 dark:text-slate-400">No contact logged yet.</p>
        ) : (
          <ol className="space-y-3 px-4 py-3">
            {timeline.map((t) => (
              <li key={t.id} className="border-l-2 border-slate-200 pl-3 dark:border-slate-700" data-testid="timeline-entry">
                <p className="text-sm">
                  <span className="font-medium">{OUTCOME_LABELS[t.outcome as keyof typeof OUTCOME_LABELS] ?? t.outcome}</span>
                  {t.productName ? <span className="text-slate-600 dark:text-slate-400"> · {t.productName}</span> : null}
                  {t.wonAmount != null ? <span className="text-emerald-700 dark:text-emerald-300"> · {formatMoneyExact(t.wonAmount)}</span> : null}
                </p>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  {t.channel.toLowerCase().replace("_", " ")} by {t.userName}, {formatAgo(t.at)}
                  {t.followUpAt ? ` · follow up ${formatDate(t.followUpAt)}` : ""}
                </p>
                {t.notes ? <p className="mt-0.5 whitespace-pre-line text-sm text-slate-700 dark:text-slate-300">{t.notes}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}

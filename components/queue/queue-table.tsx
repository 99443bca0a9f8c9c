"use client";

import Link from "next/link";
import { useCallback, useMemo } from "react";
import type { ColumnDef, SortingState } from "@tanstack/react-table";
import { BellRing, Mail, Phone } from "lucide-react";
import { DataTable } from "@/components/data-table/data-table";
import { FilterSelect, SearchFilter } from "@/components/data-table/filters";
import { Pagination } from "@/components/data-table/pagination";
import { useUrlParams } from "@/components/data-table/use-url-params";
import { Badge, SegmentBadge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatAgo, formatMoney, formatNumber, formatPercent } from "@/lib/format";
import type { QueueFilterOptions, QueuePage, QueueRow } from "@/lib/data/queue";
import type { QueueParams } from "@/lib/validations/queue";

const COLUMN_TO_SORT: Record<string, QueueParams["sort"]> = {
  expectedValue: "expectedValue",
  probability: "probability",
  clv: "clv",
  lastContactAt: "lastContact",
  attempts: "attempts",
};
const SORT_TO_COLUMN = Object.fromEntries(Object.entries(COLUMN_TO_SORT).map(([c, s]) => [s, c]));

const CHANNELS: { id: QueueParams["channel"]; label: string }[] = [
  { id: "call", label: "Call list" },
  { id: "email", label: "Email list" },
];

const VIEWS: { id: QueueParams["view"]; label: string }[] = [
  { id: "open", label: "To work" },
  { id: "followups", label: "Follow-ups due" },
  { id: "won", label: "Won" },
  { id: "lost", label: "Lost" },
];

export function QueueTable({ page, params, options, showRep }: { page: QueuePage; params: QueueParams; options: QueueFilterOptions; showRep: boolean }) {
  const { update, pending } = useUrlParams();
  const onSearch = useCallback((q: string) => update({ q }), [update]);
  const callHref = (id?: string) => {
    const qs = new URLSearchParams();
    if (id) qs.set("id", id);
    if (params.rep) qs.set("rep", params.rep);
    if (params.channel !== "call") qs.set("channel", params.channel);
    const s = qs.toString();
    return `/queue/call${s ? `?${s}` : ""}`;
  };


  const workable = params.view === "open" || params.view === "followups";
  const columns = useMemo<ColumnDef<QueueRow, unknown>[]>(() => {
    const cols: ColumnDef<QueueRow, unknown>[] = [
      {
        id: "account",
        header: "Account",
        enableSorting: false,
        cell: ({ row }) => (
          <div className="min-w-0">
            <div className="flex items-center gap-1.5">
              {row.original.followUpDue ? <BellRing aria-label="Follow-up due" className="h-3.5 w-3.5 shrink-0 text-amber-600" /> : null}
              <Link href={`/accounts/${row.original.accountId}`} className="max-w-48 truncate font-medium text-brand-700 hover:underline dark:text-brand-100">
                {row.original.accountName}
              </Link>
            </div>
            <div className="mt-0.5 flex items-center gap-2">
              <SegmentBadge segment={row.original.segment} />
              {showRep ? <span className="text-xs text-slate-500 dark:text-slate-400">{row.original.assigneeName}</span> : null}
            </div>
          </div>
        ),
      },
      { id: "clv", header: "CLV", accessorFn: (r) => r.clv, sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => formatMoney(row.original.clv) },
      {
        id: "product",
        header: "Recommended",
        enableSorting: false,
        cell: ({ row }) => (
          <div className="max-w-48">
            <div className="truncate font-medium" title={row.original.productName}>{row.original.productName}</div>
            <div className="text-xs text-slate-500 dark:text-slate-400">{row.original.category}</div>
            {row.original.moreOffers > 0 && workable ? (
              <Link href={callHref(row.original.id)} className="text-xs font-medium text-brand-700 hover:underline dark:text-brand-100">
                +{row.original.moreOffers} more {row.original.moreOffers === 1 ? "offer" : "offers"}
              </Link>
            ) : null}
          </div>
        ),
      },
      { id: "probability", header: "P(buy)", accessorFn: (r) => r.probability, sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => formatPercent(row.original.probability) },
      {
        id: "expectedValue",
        header: "Exp. value",
        accessorFn: (r) => r.expectedValue,
        sortDescFirst: true,
        meta: { align: "right" },
        cell: ({ row }) => <span className="font-semibold">{formatMoney(row.original.expectedValue)}</span>,
      },
      {
        id: "reason",
        header: "Why",
        enableSorting: false,
        meta: { wrap: true },
        cell: ({ row }) => (
          <p className="line-clamp-2 min-w-64 max-w-96 text-xs text-slate-600 dark:text-slate-300" title={row.original.reasonText}>
            {row.original.reasonText}
          </p>
        ),
      },
      { id: "lastContactAt", header: "Last contact", accessorFn: (r) => r.lastContactAt, meta: { align: "right" }, cell: ({ row }) => formatAgo(row.original.lastContactAt) },
      {
        id: "attempts",
        header: "Attempts",
        accessorFn: (r) => r.attempts,
        meta: { align: "right" },
        cell: ({ row }) => (row.original.attempts >= 3 ? <Badge tone="amber">{row.original.attempts}</Badge> : row.original.attempts),
      },
    ];
    if (workable) {
      cols.push({
        id: "call",
        header: () => <span className="sr-only">Work</span>,
        enableSorting: false,
        cell: ({ row }) =>
          row.original.channel === "EMAIL" ? (
            <Link href={callHref(row.original.id)} className={buttonClass("secondary", "px-2 py-1 text-xs")} aria-label={`Email ${row.original.accountName} about ${row.original.productName}`}>
              <Mail aria-hidden className="h-3.5 w-3.5" /> Email
            </Link>
          ) : (
            <Link href={callHref(row.original.id)} className={buttonClass("secondary", "px-2 py-1 text-xs")} aria-label={`Call ${row.original.accountName} about ${row.original.productName}`}>
              <Phone aria-hidden className="h-3.5 w-3.5" /> Call
            </Link>
          ),
      });
    }
    return cols;
    // callHref only depends on params.rep
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [showRep, workable, params.rep, params.channel]);

  const sorting: SortingState = [{ id: SORT_TO_COLUMN[params.sort] ?? "expectedValue", desc: params.dir === "desc" }];
  const filtered = Boolean(params.q || params.segment || params.category);

  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <nav aria-label="Channel" className="flex flex-wrap gap-2 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        {CHANNELS.map((c) => (
          <button
            key={c.id}
            type="button"
            onClick={() => update({ channel: c.id === "call" ? undefined : c.id })}
            aria-current={params.channel === c.id ? "page" : undefined}
            className={cn(
              "inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium",
              params.channel === c.id ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
            )}
          >
            {c.id === "call" ? <Phone aria-hidden className="h-3.5 w-3.5" /> : <Mail aria-hidden className="h-3.5 w-3.5" />}
            {c.label}
            <span className="tabular-nums">({formatNumber(page.channelCounts[c.id])})</span>
          </button>
        ))}
      </nav>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 pt-3 dark:border-slate-800">
        <nav aria-label="Queue views" className="-mb-px flex gap-1">
          {VIEWS.map((v) => (
            <button
              key={v.id}
              type="button"
              onClick={() => update({ view: v.id === "open" ? undefined : v.id })}
              aria-current={params.view === v.id ? "page" : undefined}
              className={cn(
                "border-b-2 px-3 py-2 text-sm font-medium",
                params.view === v.id ? "border-brand-600 text-brand-700 dark:text-white" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white",
              )}
            >
              {v.label}
              {v.id === "followups" && page.followUpsDue > 0 && params.view === "open" ? <Badge tone="amber" className="ml-1.5">{page.followUpsDue}</Badge> : null}
            </button>
          ))}
        </nav>
        {workable && page.total > 0 ? (
          <Link href={callHref(page.rows[0]?.id)} className={buttonClass("primary", "mb-2")}>
            {params.channel === "email" ? <Mail aria-hidden className="h-4 w-4" /> : <Phone aria-hidden className="h-4 w-4" />}
            {params.channel === "email" ? "Start emailing" : "Start calling"}
          </Link>
        ) : null}
      </div>
      <div className="grid gap-3 border-b border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-4 dark:border-slate-800" role="search">
        <SearchFilter id="queue-search" label="Search account" placeholder="Account name" value={params.q} onSearch={onSearch} />
        {showRep ? (
          <FilterSelect id="queue-rep" label="Rep" allLabel="All reps" value={params.rep} options={options.reps.map((r) => ({ value: r.id, label: r.name }))} onChange={(rep) => update({ rep })} />
        ) : null}
        <FilterSelect id="queue-segment" label="Segment" allLabel="All segments" value={params.segment} options={options.segments} onChange={(segment) => update({ segment })} />
        <FilterSelect id="queue-category" label="Product category" allLabel="All categories" value={params.category} options={options.categories} onChange={(category) => update({ category })} />
      </div>
      <DataTable
        columns={columns}
        data={page.rows}
        caption="Cross-sell opportunities"
        getRowId={(r) => r.id}
        rowTestId="queue-row"
        busy={pending}
        sorting={sorting}
        onSort={(id, desc) => update({ sort: COLUMN_TO_SORT[id], dir: desc ? "desc" : "asc" })}
        empty={
          <EmptyState title={filtered ? "No opportunities match these filters" : params.view === "open" ? "Nothing to call right now" : "Nothing here yet"}>
            {filtered
              ? "Try a shorter search or clear a filter."
              : params.view === "open"
                ? "New offers arrive with each scoring run. Accounts contacted in the last few days, snoozed offers and do-not-contact accounts are held back."
                : "Logged outcomes appear here."}
          </EmptyState>
        }
      />
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} pageSize={page.pageSize} onPage={(p) => update({ page: p })} noun="opportunities" />
    </div>
  );
}

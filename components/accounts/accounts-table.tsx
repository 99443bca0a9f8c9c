"use client";

import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import type { ColumnDef, SortingState } from "@tanstack/react-table";
import { Ban, Building2, Search, User } from "lucide-react";
import { DataTable } from "@/components/data-table/data-table";
import { Pagination } from "@/components/data-table/pagination";
import { useUrlParams } from "@/components/data-table/use-url-params";
import { SegmentBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { Input, Label, Select } from "@/components/ui/field";
import { formatDate, formatMoney, formatNumber } from "@/lib/format";
import type { AccountPage, AccountRow, FilterOptions } from "@/lib/data/accounts";
import type { AccountListParams } from "@/lib/validations/accounts";

const COLUMN_TO_SORT: Record<string, AccountListParams["sort"]> = {
  name: "name",
  revenue: "revenue",
  lastOrderAt: "lastOrder",
  orderCount: "orders",
  clv: "clv",
};
const SORT_TO_COLUMN = Object.fromEntries(Object.entries(COLUMN_TO_SORT).map(([c, s]) => [s, c]));

export function AccountsTable({
  page,
  params,
  options,
  showOwner,
}: {
  page: AccountPage;
  params: AccountListParams;
  options: FilterOptions;
  showOwner: boolean;
}) {
  const { update, pending } = useUrlParams();
  const [query, setQuery] = useState(params.q ?? "");

  // Debounced search: the list follows typing without a request per keystroke.
  useEffect(() => {
    if ((params.q ?? "") === query.trim()) return;
    const t = setTimeout(() => update({ q: query.trim() }), 300);
    return () => clearTimeout(t);
  }, [query, params.q, update]);

  const columns = useMemo<ColumnDef<AccountRow, unknown>[]>(() => {
    const cols: ColumnDef<AccountRow, unknown>[] = [
      {
        id: "name",
        header: "Account",
        accessorFn: (r) => r.name,
        cell: ({ row }) => {
          const a = row.original;
          const Icon = a.kind === "COMPANY" ? Building2 : User;
          return (
            <div className="flex items-center gap-2">
              <Icon aria-label={a.kind === "COMPANY" ? "Company" : "Person"} className="h-4 w-4 shrink-0 text-slate-400" />
              <div className="min-w-0">
                <div className="flex items-center gap-1.5">
                  <Link href={`/accounts/${a.id}`} className="max-w-64 truncate font-medium text-brand-700 hover:underline dark:text-brand-100">
                    {a.name}
                  </Link>
                  {a.doNotContact ? <Ban aria-label="Do not contact" className="h-3.5 w-3.5 shrink-0 text-red-600 dark:text-red-400" /> : null}
                </div>
                <div className="text-xs text-slate-500 dark:text-slate-400">{a.externalId}</div>
              </div>
            </div>
          );
        },
      },
      { id: "segment", header: "Segment", enableSorting: false, cell: ({ row }) => <SegmentBadge segment={row.original.segment} /> },
      { id: "region", header: "Region", enableSorting: false, cell: ({ row }) => row.original.region },
    ];
    if (showOwner) cols.push({ id: "owner", header: "Owner", enableSorting: false, cell: ({ row }) => row.original.ownerName });
    cols.push(
      { id: "orderCount", header: "Orders", accessorFn: (r) => r.orderCount, sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => formatNumber(row.original.orderCount) },
      { id: "revenue", header: "Revenue", accessorFn: (r) => r.revenue, sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => formatMoney(row.original.revenue) },
      { id: "clv", header: "CLV", accessorFn: (r) => r.clv, sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => formatMoney(row.original.clv) },
      { id: "lastOrderAt", header: "Last order", accessorFn: (r) => r.lastOrderAt, sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => formatDate(row.original.lastOrderAt) },
    );
    return cols;
  }, [showOwner]);

  const sorting: SortingState = [{ id: SORT_TO_COLUMN[params.sort] ?? "name", desc: params.dir === "desc" }];
  const filtered = Boolean(params.q || params.segment || params.owner || params.region);

  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="grid gap-3 border-b border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-5 dark:border-slate-800" role="search">
        <div className="lg:col-span-2">
          <Label htmlFor="account-search">Search by name</Label>
          <div className="relative">
            <Search aria-hidden className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-slate-400" />
            <Input id="account-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. Harper" className="pl-8" />
          </div>
        </div>
        <div>
          <Label htmlFor="filter-segment">Segment</Label>
          <Select id="filter-segment" value={params.segment ?? ""} onChange={(e) => update({ segment: e.target.value })}>
            <option value="">All segments</option>
            {options.segments.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </div>
        {showOwner ? (
          <div>
            <Label htmlFor="filter-owner">Owner</Label>
            <Select id="filter-owner" value={params.owner ?? ""} onChange={(e) => update({ owner: e.target.value })}>
              <option value="">All owners</option>
              {options.owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
        <div>
          <Label htmlFor="filter-region">Region</Label>
          <Select id="filter-region" value={params.region ?? ""} onChange={(e) => update({ region: e.target.value })}>
            <option value="">All regions</option>
            {options.regions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <DataTable
        columns={columns}
        data={page.rows}
        caption="Accounts"
        getRowId={(r) => r.id}
        rowTestId="account-row"
        busy={pending}
        sorting={sorting}
        onSortingChange={(updater) => {
          const next = typeof updater === "function" ? updater(sorting) : updater;
          const first = next[0];
          if (first) update({ sort: COLUMN_TO_SORT[first.id], dir: first.desc ? "desc" : "asc" });
        }}
        empty={
          <EmptyState title={filtered ? "No accounts match these filters" : "No accounts yet"}>
            {filtered ? "Try a shorter search or clear a filter." : "Accounts appear here once customer data has been imported or seeded."}
          </EmptyState>
        }
      />
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} pageSize={page.pageSize} onPage={(p) => update({ page: p })} noun="accounts" />
    </div>
  );
}

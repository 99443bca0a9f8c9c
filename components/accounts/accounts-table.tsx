"use client";

import Link from "next/link";
import { useCallback, useMemo } from "react";
import type { ColumnDef, SortingState } from "@tanstack/react-table";
import { Ban, Building2, User } from "lucide-react";
import { DataTable } from "@/components/data-table/data-table";
import { FilterSelect, SearchFilter } from "@/components/data-table/filters";
import { Pagination } from "@/components/data-table/pagination";
import { useUrlParams } from "@/components/data-table/use-url-params";
import { SegmentBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
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
  const onSearch = useCallback((q: string) => update({ q }), [update]);

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
          <SearchFilter id="account-search" label="Search by name" placeholder="e.g. Harper" value={params.q} onSearch={onSearch} />
        </div>
        <FilterSelect id="filter-segment" label="Segment" allLabel="All segments" value={params.segment} options={options.segments} onChange={(segment) => update({ segment })} />
        {showOwner ? (
          <FilterSelect
            id="filter-owner"
            label="Owner"
            allLabel="All owners"
            value={params.owner}
            options={options.owners.map((o) => ({ value: o.id, label: o.name }))}
            onChange={(owner) => update({ owner })}
          />
        ) : null}
        <FilterSelect id="filter-region" label="Region" allLabel="All regions" value={params.region} options={options.regions} onChange={(region) => update({ region })} />
      </div>
      <DataTable
        columns={columns}
        data={page.rows}
        caption="Accounts"
        getRowId={(r) => r.id}
        rowTestId="account-row"
        busy={pending}
        sorting={sorting}
        onSort={(id, desc) => update({ sort: COLUMN_TO_SORT[id], dir: desc ? "desc" : "asc" })}
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

"use client";

import Link from "next/link";
import { useCallback, useMemo } from "react";
import type { ColumnDef, SortingState } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { FilterSelect, SearchFilter } from "@/components/data-table/filters";
import { Pagination } from "@/components/data-table/pagination";
import { useUrlParams } from "@/components/data-table/use-url-params";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { formatDate, formatNumber } from "@/lib/format";
import { PAIR_TYPE_LABELS, PAIR_TYPES, type PairListParams } from "@/lib/validations/pairs";
import type { PairPage, PairRow } from "@/lib/data/pairs";

const SORTABLE: Record<string, PairListParams["sort"]> = { source: "source", target: "target", type: "type", updated: "updated", version: "version" };

export function PairsTable({ page, params, categories }: { page: PairPage; params: PairListParams; categories: string[] }) {
  const { update, pending } = useUrlParams();
  const onSearch = useCallback((q: string) => update({ q }), [update]);
  const columns = useMemo<ColumnDef<PairRow, unknown>[]>(
    () => [
      {
        id: "source",
        header: "Source",
        accessorFn: (r) => r.source.name,
        cell: ({ row }) => (
          <div>
            <Link href={`/admin/pairs/${row.original.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
              {row.original.source.name}
            </Link>
            <div className="text-xs text-slate-600 dark:text-slate-400">{row.original.source.category}{row.original.source.active ? "" : " · inactive"}</div>
          </div>
        ),
      },
      {
        id: "target",
        header: "Target",
        accessorFn: (r) => r.target.name,
        cell: ({ row }) => (
          <div>
            <div>{row.original.target.name}</div>
            <div className="text-xs text-slate-600 dark:text-slate-400">{row.original.target.category}{row.original.target.active ? "" : " · inactive"}</div>
          </div>
        ),
      },
      {
        id: "type",
        header: "Type",
        accessorFn: (r) => r.type,
        cell: ({ row }) => `${PAIR_TYPE_LABELS[row.original.type]}${row.original.type === "BUNDLE" && row.original.bundleDiscountPct ? ` −${row.original.bundleDiscountPct}%` : ""}`,
      },
      { id: "window", header: "Window", enableSorting: false, cell: ({ row }) => `${row.original.windowMinDays}–${row.original.windowMaxDays} d` },
      { id: "origin", header: "Origin", enableSorting: false, cell: ({ row }) => (row.original.origin === "MINED" ? <Badge tone="violet">mined</Badge> : <Badge>manual</Badge>) },
      { id: "status", header: "Status", enableSorting: false, cell: ({ row }) => (row.original.active ? <Badge tone="green">active</Badge> : <Badge tone="amber">inactive</Badge>) },
      { id: "opportunities", header: "Offers", enableSorting: false, meta: { align: "right" }, cell: ({ row }) => formatNumber(row.original.opportunities) },
      { id: "won", header: "Won", enableSorting: false, meta: { align: "right" }, cell: ({ row }) => formatNumber(row.original.won) },
      { id: "version", header: "Version", accessorFn: (r) => r.version, sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => `v${row.original.version}` },
      { id: "updated", header: "Updated", accessorFn: (r) => r.updatedAt, sortDescFirst: true, cell: ({ row }) => `${formatDate(row.original.updatedAt)}${row.original.updatedBy ? ` · ${row.original.updatedBy}` : ""}` },
    ],
    [],
  );
  const sorting: SortingState = [{ id: params.sort, desc: params.dir === "desc" }];
  const filtered = Boolean(params.q || params.type || params.active || params.origin || params.sourceCategory || params.targetCategory);
  const categoryOptions = categories.map((c) => ({ value: c, label: c }));
  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="grid gap-3 border-b border-slate-200 p-4 sm:grid-cols-3 lg:grid-cols-6 dark:border-slate-800" role="search">
        <SearchFilter id="pair-search" label="Search products" placeholder="e.g. tripod" value={params.q} onSearch={onSearch} />
        <FilterSelect id="filter-type" label="Type" allLabel="All types" value={params.type} options={PAIR_TYPES.map((t) => ({ value: t, label: PAIR_TYPE_LABELS[t] }))} onChange={(type) => update({ type })} />
        <FilterSelect id="filter-active" label="Status" allLabel="Active and inactive" value={params.active} options={[{ value: "active", label: "Active" }, { value: "inactive", label: "Inactive" }]} onChange={(active) => update({ active })} />
        <FilterSelect id="filter-origin" label="Origin" allLabel="Manual and mined" value={params.origin} options={[{ value: "MANUAL", label: "Manual" }, { value: "MINED", label: "Mined" }]} onChange={(origin) => update({ origin })} />
        <FilterSelect id="filter-source-category" label="Source category" allLabel="All categories" value={params.sourceCategory} options={categoryOptions} onChange={(sourceCategory) => update({ sourceCategory })} />
        <FilterSelect id="filter-target-category" label="Target category" allLabel="All categories" value={params.targetCategory} options={categoryOptions} onChange={(targetCategory) => update({ targetCategory })} />
      </div>
      <DataTable
        columns={columns}
        data={page.rows}
        caption="Product pairs"
        getRowId={(r) => r.id}
        rowTestId="pair-row"
        busy={pending}
        sorting={sorting}
        onSort={(id, desc) => update({ sort: SORTABLE[id], dir: desc ? "desc" : "asc" })}
        empty={
          <EmptyState title={filtered ? "No pairs match these filters" : "No product pairs yet"}>
            {filtered ? "Clear a filter or search for another product." : "Create a pair, or approve a mined rule under Rules."}
          </EmptyState>
        }
      />
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} pageSize={page.pageSize} onPage={(p) => update({ page: p })} noun="pairs" />
    </div>
  );
}

"use client";

import { useCallback, useMemo } from "react";
import type { ColumnDef, SortingState } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { FilterSelect, SearchFilter } from "@/components/data-table/filters";
import { Pagination } from "@/components/data-table/pagination";
import { useUrlParams } from "@/components/data-table/use-url-params";
import { ProductEdit } from "@/components/admin/products/product-edit";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { formatMoneyExact, formatNumber, formatPercent } from "@/lib/format";
import type { ProductPage, ProductRow } from "@/lib/data/products";
import type { ProductListParams } from "@/lib/validations/products";

export function ProductsTable({ page, params, canWrite }: { page: ProductPage; params: ProductListParams; canWrite: boolean }) {
  const { update, pending } = useUrlParams();
  const onSearch = useCallback((q: string) => update({ q }), [update]);
  const columns = useMemo<ColumnDef<ProductRow, unknown>[]>(() => {
    const cols: ColumnDef<ProductRow, unknown>[] = [
      { id: "name", header: "Product", accessorFn: (r) => r.name, cell: ({ row }) => <div><div className="font-medium">{row.original.name}</div><div className="text-xs text-slate-600 dark:text-slate-400">{row.original.sku}</div></div> },
      { id: "category", header: "Category", accessorFn: (r) => r.category, cell: ({ row }) => row.original.category },
      { id: "price", header: "Price", accessorFn: (r) => r.price, sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => formatMoneyExact(row.original.price) },
      { id: "cost", header: "Unit cost", enableSorting: false, meta: { align: "right" }, cell: ({ row }) => formatMoneyExact(row.original.unitCost) },
      { id: "margin", header: "Margin", accessorFn: (r) => r.margin, sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => `${formatMoneyExact(row.original.margin)} (${formatPercent(row.original.marginPct)})` },
      { id: "flags", header: "Status", enableSorting: false, cell: ({ row }) => <span className="flex gap-1">{row.original.active ? <Badge tone="green">active</Badge> : <Badge tone="amber">inactive</Badge>}{row.original.regulated ? <Badge tone="blue">regulated</Badge> : null}</span> },
      { id: "openOffers", header: "Open offers", enableSorting: false, meta: { align: "right" }, cell: ({ row }) => formatNumber(row.original.openOffers) },
    ];
    if (canWrite) cols.push({ id: "edit", header: "Edit", enableSorting: false, cell: ({ row }) => <ProductEdit product={row.original} categories={page.categories} /> });
    return cols;
  }, [canWrite, page.categories]);
  const sorting: SortingState = [{ id: params.sort, desc: params.dir === "desc" }];
  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="grid gap-3 border-b border-slate-200 p-4 sm:grid-cols-3 dark:border-slate-800" role="search">
        <SearchFilter id="product-search" label="Search name or SKU" placeholder="e.g. tripod" value={params.q} onSearch={onSearch} />
        <FilterSelect id="filter-category" label="Category" allLabel="All categories" value={params.category} options={page.categories} onChange={(category) => update({ category })} />
        <FilterSelect id="filter-product-active" label="Status" allLabel="Active and inactive" value={params.active} options={[{ value: "active", label: "Active" }, { value: "inactive", label: "Inactive" }]} onChange={(active) => update({ active })} />
      </div>
      <DataTable
        columns={columns}
        data={page.rows}
        caption="Products"
        getRowId={(r) => r.id}
        rowTestId="product-row"
        busy={pending}
        sorting={sorting}
        onSort={(id, desc) => update({ sort: id === "updated" ? "updated" : id, dir: desc ? "desc" : "asc" })}
        empty={<EmptyState title="No products match these filters">Clear a filter or search for another name.</EmptyState>}
      />
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} pageSize={50} onPage={(p) => update({ page: p })} noun="products" />
    </div>
  );
}

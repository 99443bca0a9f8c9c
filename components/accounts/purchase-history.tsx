"use client";

import { useMemo } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { Pagination } from "@/components/data-table/pagination";
import { useUrlParams } from "@/components/data-table/use-url-params";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { formatDate, formatMoneyExact, formatNumber } from "@/lib/format";
import type { PurchaseLine } from "@/lib/data/accounts";

export function PurchaseHistory({ rows, page, pageCount, total, pageSize }: { rows: PurchaseLine[]; page: number; pageCount: number; total: number; pageSize: number }) {
  const { update, pending } = useUrlParams();
  const columns = useMemo<ColumnDef<PurchaseLine, unknown>[]>(
    () => [
      { id: "date", header: "Date", enableSorting: false, cell: ({ row }) => formatDate(row.original.orderedAt) },
      { id: "order", header: "Order", enableSorting: false, cell: ({ row }) => <span className="text-slate-500 dark:text-slate-400">{row.original.orderNumber}</span> },
      {
        id: "product",
        header: "Product",
        enableSorting: false,
        cell: ({ row }) => (
          <div className="max-w-80">
            <div className="truncate font-medium">{row.original.productName}</div>
            <div className="text-xs text-slate-500 dark:text-slate-400">
              {row.original.sku} · {row.original.category}
            </div>
          </div>
        ),
      },
      { id: "qty", header: "Qty", enableSorting: false, meta: { align: "right" }, cell: ({ row }) => formatNumber(row.original.quantity) },
      { id: "price", header: "Unit price", enableSorting: false, meta: { align: "right" }, cell: ({ row }) => formatMoneyExact(row.original.unitPrice) },
      {
        id: "returned",
        header: "Returned",
        enableSorting: false,
        meta: { align: "right" },
        cell: ({ row }) => (row.original.returnedQuantity > 0 ? <Badge tone="amber">{row.original.returnedQuantity} returned</Badge> : <span className="text-slate-400">—</span>),
      },
      { id: "total", header: "Net total", enableSorting: false, meta: { align: "right" }, cell: ({ row }) => formatMoneyExact(row.original.lineTotal) },
    ],
    [],
  );
  return (
    <>
      <DataTable
        columns={columns}
        data={rows}
        caption="Purchase history"
        getRowId={(r) => r.id}
        rowTestId="history-row"
        busy={pending}
        empty={<EmptyState title="No purchases yet">This account has no orders on record.</EmptyState>}
      />
      {total > 0 ? <Pagination page={page} pageCount={pageCount} total={total} pageSize={pageSize} onPage={(p) => update({ page: p })} noun="order lines" /> : null}
    </>
  );
}

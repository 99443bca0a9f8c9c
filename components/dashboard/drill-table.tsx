"use client";

import { useMemo } from "react";
import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { Pagination } from "@/components/data-table/pagination";
import { useUrlParams } from "@/components/data-table/use-url-params";
import type { DrillActivity, DrillOpportunity } from "@/lib/data/dashboard-drill";
import { formatDate, formatMoneyExact } from "@/lib/format";

const account = (id: string, name: string) => <Link className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300" href={`/accounts/${id}`}>{name}</Link>;

/** The rows behind a dashboard figure, paged on the server through the URL. */
export function DrillTable({ kind, opportunities, activities, total, page, pageSize }: {
  kind: "opportunities" | "activities"; opportunities: DrillOpportunity[]; activities: DrillActivity[]; total: number; page: number; pageSize: number;
}) {
  const { update, pending } = useUrlParams();
  const oppColumns = useMemo<ColumnDef<DrillOpportunity, unknown>[]>(() => [
    { id: "account", header: "Account", cell: ({ row }) => account(row.original.accountId, row.original.account) },
    { id: "product", header: "Product", cell: ({ row }) => `${row.original.product} (${row.original.category})` },
    { id: "rep", accessorKey: "rep", header: "Rep" },
    { id: "status", header: "Status", cell: ({ row }) => (row.original.holdout ? `${row.original.status} · holdout` : row.original.status) },
    { id: "attempts", accessorKey: "attempts", header: "Attempts", meta: { align: "right" } },
    { id: "won", header: "Won amount", cell: ({ row }) => formatMoneyExact(row.original.wonAmount), meta: { align: "right" } },
    { id: "last", header: "Last contact", cell: ({ row }) => formatDate(row.original.lastContactAt) },
  ], []);
  const actColumns = useMemo<ColumnDef<DrillActivity, unknown>[]>(() => [
    { id: "when", header: "When", cell: ({ row }) => formatDate(row.original.createdAt) },
    { id: "account", header: "Account", cell: ({ row }) => account(row.original.accountId, row.original.account) },
    { id: "rep", accessorKey: "rep", header: "Rep" },
    { id: "outcome", accessorKey: "outcome", header: "Outcome" },
    { id: "channel", accessorKey: "channel", header: "Channel" },
    { id: "product", header: "Product", cell: ({ row }) => row.original.product ?? "—" },
    { id: "won", header: "Won amount", cell: ({ row }) => formatMoneyExact(row.original.wonAmount), meta: { align: "right" } },
  ], []);
  const pager = <Pagination page={page} pageCount={Math.max(1, Math.ceil(total / pageSize))} total={total} pageSize={pageSize} onPage={(p) => update({ page: p })} noun={kind} />;
  return kind === "opportunities" ? (
    <>
      <DataTable columns={oppColumns} data={opportunities} caption="Opportunities" getRowId={(r) => r.id} busy={pending} rowTestId="drill-row" empty="No opportunities match." />
      {pager}
    </>
  ) : (
    <>
      <DataTable columns={actColumns} data={activities} caption="Activities" getRowId={(r) => r.id} busy={pending} rowTestId="drill-row" empty="No activities match." />
      {pager}
    </>
  );
}

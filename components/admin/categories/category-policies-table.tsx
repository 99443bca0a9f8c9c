"use client";

import { useMemo } from "react";
import type { ColumnDef } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { CategoryPolicyEdit } from "@/components/admin/categories/category-policy-edit";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { formatNumber, formatPercent } from "@/lib/format";
import type { CategoryPolicyRow } from "@/lib/data/category-policies";

const days = (n: number | null) => (n === null ? "—" : `${formatNumber(n)} d`);

function CheckCell({ row }: { row: CategoryPolicyRow }) {
  const c = row.check;
  if (!c) return <span className="text-slate-600 dark:text-slate-400">not measured</span>;
  switch (c.kind) {
    case "ok":
      return <Badge tone="green">fits the data</Badge>;
    case "too-few-buyers":
      return <span className="text-slate-600 dark:text-slate-400">too few buyers to judge</span>;
    case "durable-repurchased":
      return (
        <span className="flex flex-col gap-0.5">
          <Badge tone="amber">data disagrees</Badge>
          <span className="max-w-56 text-xs">marked durable, but {formatPercent(c.withinShare)} bought it again within {formatNumber(c.windowDays)} days</span>
        </span>
      );
    case "replenished-not-repurchased":
      return (
        <span className="flex flex-col gap-0.5">
          <Badge tone="amber">data disagrees</Badge>
          <span className="max-w-56 text-xs">marked replenished, but only {formatPercent(c.repeatShare)} of buyers ever bought it again</span>
        </span>
      );
  }
}

export function CategoryPoliciesTable({ rows, canWrite }: { rows: CategoryPolicyRow[]; canWrite: boolean }) {
  const columns = useMemo<ColumnDef<CategoryPolicyRow, unknown>[]>(() => {
    const cols: ColumnDef<CategoryPolicyRow, unknown>[] = [
      {
        id: "category", header: "Category", enableSorting: false,
        cell: ({ row }) => (
          <div>
            <div className="font-medium">{row.original.category}</div>
            <div className="text-xs text-slate-600 dark:text-slate-400">
              {formatNumber(row.original.products)} products · {row.original.updatedAt ? `saved ${row.original.updatedAt.slice(0, 10)}${row.original.updatedBy ? ` by ${row.original.updatedBy}` : ""}` : "never saved"}
            </div>
          </div>
        ),
      },
      {
        id: "policy", header: "Policy", enableSorting: false,
        cell: ({ row }) => (
          <div>
            <span className="flex flex-wrap items-center gap-1">
              {row.original.durability === "DURABLE" ? <Badge tone="violet">durable</Badge> : <Badge tone="blue">replenished</Badge>}
              {row.original.hasPolicy ? null : <span className="text-xs text-slate-600 dark:text-slate-400">(default)</span>}
            </span>
            <span className="mt-0.5 block text-xs text-slate-600 dark:text-slate-400">{row.original.replacementCycleDays === null ? "no cycle" : `cycle ${days(row.original.replacementCycleDays)}`}</span>
          </div>
        ),
      },
      { id: "buyers", header: "Buyers", enableSorting: false, meta: { align: "right" }, cell: ({ row }) => formatNumber(row.original.stats?.buyers ?? null) },
      { id: "again", header: "Bought again", enableSorting: false, meta: { align: "right" }, cell: ({ row }) => formatPercent(row.original.stats?.repeatShare ?? null) },
      {
        id: "within", header: "Again in cycle", enableSorting: false, meta: { align: "right" },
        cell: ({ row }) => {
          const s = row.original.stats;
          if (!s) return "—";
          return <span>{formatPercent(s.withinShare)}<span className="block text-xs text-slate-600 dark:text-slate-400">{formatNumber(s.windowDays)} d{row.original.replacementCycleDays === null ? ", no cycle" : ""}</span></span>;
        },
      },
      { id: "median", header: "Median gap", enableSorting: false, meta: { align: "right" }, cell: ({ row }) => days(row.original.stats?.medianGapDays ?? null) },
      { id: "check", header: "Check", enableSorting: false, cell: ({ row }) => <CheckCell row={row.original} /> },
    ];
    if (canWrite) cols.push({ id: "edit", header: "Edit", enableSorting: false, cell: ({ row }) => <CategoryPolicyEdit row={row.original} /> });
    return cols;
  }, [canWrite]);
  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <DataTable
        columns={columns}
        data={rows}
        caption="Product categories with their durability policy and measured repurchase behaviour"
        getRowId={(r) => r.category}
        rowTestId="category-row"
        empty={<EmptyState title="No categories yet">Categories come from the products; import or add products first.</EmptyState>}
      />
    </div>
  );
}

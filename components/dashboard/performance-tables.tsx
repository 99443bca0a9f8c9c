"use client";

import { useMemo, useState } from "react";
import type { ColumnDef, SortingState } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { pct, pts } from "@/lib/dashboard/format";
import type { PairRow, RepRow } from "@/lib/dashboard/sections";
import type { ForestRow } from "@/lib/dashboard/uplift-section";
import { formatMoney, formatNumber } from "@/lib/format";

const right = { meta: { align: "right" } } as const;
const upliftCell = (u: ForestRow | null) =>
  u?.diff == null ? <span className="text-slate-500">—</span> : <span className="whitespace-nowrap">{pts(u.diff)} <span className="text-xs text-slate-600 dark:text-slate-400">({pts(u.ciLow)} to {pts(u.ciHigh)})</span></span>;

function sortRows<T>(rows: T[], sorting: SortingState, value: (row: T, id: string) => number | string | null): T[] {
  const s = sorting[0];
  if (!s) return rows;
  return [...rows].sort((a, b) => {
    const x = value(a, s.id);
    const y = value(b, s.id);
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * (s.desc ? -1 : 1);
  });
}

function useSorted<T>(rows: T[], initial: SortingState, value: (row: T, id: string) => number | string | null) {
  const [sorting, setSorting] = useState<SortingState>(initial);
  const data = useMemo(() => sortRows(rows, sorting, value), [rows, sorting, value]);
  return { data, sorting, onSort: (id: string, desc: boolean) => setSorting([{ id, desc }]) };
}

const repValue = (r: RepRow, id: string) => (id === "uplift" ? r.uplift?.diff ?? null : (r[id as keyof RepRow] as number | string | null));
const pairValue = (r: PairRow, id: string) => (id === "uplift" ? r.uplift?.diff ?? null : (r[id as keyof PairRow] as number | string | null));

export function RepsTable({ rows, drillBase }: { rows: RepRow[]; drillBase: string }) {
  const columns = useMemo<ColumnDef<RepRow, unknown>[]>(() => [
    { id: "name", accessorKey: "name", header: "Rep", cell: ({ row }) => <a className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300" href={`${drillBase}&kind=activities&rep=${row.original.id}`}>{row.original.name}</a> },
    { id: "calls", accessorKey: "calls", header: "Calls", cell: ({ row }) => formatNumber(row.original.calls), ...right },
    { id: "connects", accessorKey: "connects", header: "Connects", cell: ({ row }) => formatNumber(row.original.connects), ...right },
    { id: "conversions", accessorKey: "conversions", header: "Conversions", cell: ({ row }) => formatNumber(row.original.conversions), ...right },
    { id: "wonRevenue", accessorKey: "wonRevenue", header: "Won revenue", cell: ({ row }) => formatMoney(row.original.wonRevenue), ...right },
    { id: "avgDaysToClose", accessorKey: "avgDaysToClose", header: "Days to close", cell: ({ row }) => (row.original.avgDaysToClose === null ? "—" : row.original.avgDaysToClose.toFixed(1)), ...right },
    { id: "uplift", header: "Uplift (95% CI)", cell: ({ row }) => upliftCell(row.original.uplift), ...right },
  ], [drillBase]);
  const t = useSorted(rows, [{ id: "wonRevenue", desc: true }], repValue);
  return <DataTable columns={columns} data={t.data} sorting={t.sorting} onSort={t.onSort} caption="Reps" getRowId={(r) => r.id} rowTestId="rep-row" empty="No rep activity in this period." />;
}

export function PairsTable({ rows, drillBase, catalogHref }: { rows: PairRow[]; drillBase: string; catalogHref: string | null }) {
  const columns = useMemo<ColumnDef<PairRow, unknown>[]>(() => [
    {
      id: "label", accessorKey: "label", header: "Pair",
      cell: ({ row }) => (
        <span className="flex flex-col">
          <a className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300" href={`${drillBase}&kind=opportunities&pair=${row.original.id}`}>{row.original.label}</a>
          {catalogHref ? <a className="text-xs text-slate-600 underline-offset-2 hover:underline dark:text-slate-400" href={`${catalogHref}/${row.original.id}`}>in the catalog</a> : null}
        </span>
      ),
    },
    { id: "attachRate", accessorKey: "attachRate", header: "Attach rate", cell: ({ row }) => pct(row.original.attachRate), ...right },
    { id: "opportunities", accessorKey: "opportunities", header: "Opportunities", cell: ({ row }) => formatNumber(row.original.opportunities), ...right },
    { id: "won", accessorKey: "won", header: "Won", cell: ({ row }) => formatNumber(row.original.won), ...right },
    { id: "conversion", accessorKey: "conversion", header: "Conversion", cell: ({ row }) => pct(row.original.conversion), ...right },
    { id: "revenue", accessorKey: "revenue", header: "Revenue", cell: ({ row }) => formatMoney(row.original.revenue), ...right },
    { id: "returnRate", accessorKey: "returnRate", header: "Return rate", cell: ({ row }) => pct(row.original.returnRate), ...right },
    { id: "uplift", header: "Uplift (95% CI)", cell: ({ row }) => upliftCell(row.original.uplift), ...right },
  ], [drillBase, catalogHref]);
  const t = useSorted(rows, [{ id: "revenue", desc: true }], pairValue);
  return <DataTable columns={columns} data={t.data} sorting={t.sorting} onSort={t.onSort} caption="Product pairs" getRowId={(r) => r.id} rowTestId="pair-row" empty="No curated pairs were offered in this period." />;
}

"use client";

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type SortingState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { cn } from "@/components/ui/cn";

type Props<T> = {
  columns: ColumnDef<T, unknown>[];
  data: T[];
  caption: string;
  sorting?: SortingState;
  /** Called with the column and direction the user asked for (the server does the sorting). */
  onSort?: (columnId: string, desc: boolean) => void;
  getRowId: (row: T) => string;
  busy?: boolean;
  empty?: React.ReactNode;
  rowTestId?: string;
};

/**
 * The one table of the app: TanStack Table in manual mode (the server sorts and pages),
 * with sortable headers as buttons and aria-sort for screen readers.
 */
export function DataTable<T>({ columns, data, caption, sorting = [], onSort, getRowId, busy, empty, rowTestId }: Props<T>) {
  const onSortingChange: OnChangeFn<SortingState> = (updater) => {
    const first = (typeof updater === "function" ? updater(sorting) : updater)[0];
    if (first && onSort) onSort(first.id, first.desc);
  };
  // TanStack Table returns functions that the React Compiler must not memoise; that is expected here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    getRowId,
    state: { sorting },
    onSortingChange,
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    getCoreRowModel: getCoreRowModel(),
  });

  return (
    <div className="relative overflow-x-auto">
      <table className={cn("min-w-full text-sm transition-opacity", busy && "opacity-60")} aria-busy={busy || undefined}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                const align = (header.column.columnDef.meta as { align?: "right" } | undefined)?.align;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={cn("whitespace-nowrap px-4 py-3", align === "right" && "text-right")}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : canSort ? "none" : undefined}
                  >
                    {canSort ? (
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className={cn("inline-flex items-center gap-1 rounded uppercase hover:text-slate-900 dark:hover:text-white", align === "right" && "flex-row-reverse")}
                      >
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        {sorted === "asc" ? (
                          <ArrowUp aria-hidden className="h-3.5 w-3.5" />
                        ) : sorted === "desc" ? (
                          <ArrowDown aria-hidden className="h-3.5 w-3.5" />
                        ) : (
                          <ArrowUpDown aria-hidden className="h-3.5 w-3.5 opacity-40" />
                        )}
                      </button>
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/40" data-testid={rowTestId}>
              {row.getVisibleCells().map((cell) => {
                const meta = cell.column.columnDef.meta as { align?: "right"; wrap?: boolean } | undefined;
                return (
                  <td key={cell.id} className={cn("px-4 py-2.5", !meta?.wrap && "whitespace-nowrap", meta?.align === "right" && "text-right tabular-nums")}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {data.length === 0 && empty ? empty : null}
    </div>
  );
}

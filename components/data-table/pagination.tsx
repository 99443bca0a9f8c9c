"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { formatNumber } from "@/lib/format";

export function Pagination({
  page,
  pageCount,
  total,
  pageSize,
  onPage,
  noun = "rows",
}: {
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
  onPage: (page: number) => void;
  noun?: string;
}) {
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm dark:border-slate-800">
      <p className="text-slate-600 dark:text-slate-400" data-testid="pagination-summary">
        {formatNumber(from)}–{formatNumber(to)} of {formatNumber(total)} {noun}
      </p>
      <div className="flex items-center gap-2">
        <button type="button" className={buttonClass("secondary", "px-2")} onClick={() => onPage(page - 1)} disabled={page <= 1} aria-label="Previous page">
          <ChevronLeft aria-hidden className="h-4 w-4" />
        </button>
        <span className="tabular-nums text-slate-700 dark:text-slate-300" aria-live="polite">
          Page {formatNumber(page)} of {formatNumber(pageCount)}
        </span>
        <button type="button" className={buttonClass("secondary", "px-2")} onClick={() => onPage(page + 1)} disabled={page >= pageCount} aria-label="Next page">
          <ChevronRight aria-hidden className="h-4 w-4" />
        </button>
      </div>
    </nav>
  );
}

"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import type { ColumnDef, SortingState } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { FilterSelect, SearchFilter } from "@/components/data-table/filters";
import { Pagination } from "@/components/data-table/pagination";
import { useUrlParams } from "@/components/data-table/use-url-params";
import { ApproveRuleDialog, RejectRuleDialog } from "@/components/admin/rules/rule-dialogs";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Label } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { decideRulesAction } from "@/lib/actions/rules";
import { formatNumber } from "@/lib/format";
import { PAIR_TYPE_LABELS, PAIR_TYPES } from "@/lib/validations/pairs";
import type { RulePage, RuleRowView } from "@/lib/data/rules";
import type { RuleListParams } from "@/lib/validations/rules";

const names = (xs: { name: string }[]) => xs.map((x) => x.name).join(" + ");
const labelOf = (r: RuleRowView) => `${names(r.antecedent)} → ${names(r.consequent)}`;
const METRIC = (digits: number) => (v: number | null) => (v === null ? "∞" : v.toFixed(digits));

export function RulesTable({ page, params, canReview }: { page: RulePage; params: RuleListParams; canReview: boolean }) {
  const router = useRouter();
  const { update, pending } = useUrlParams();
  const onSearch = useCallback((q: string) => update({ q }), [update]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkType, setBulkType] = useState<(typeof PAIR_TYPES)[number]>("CROSS_SELL");
  const [bulkReason, setBulkReason] = useState("");
  const selectable = page.rows.filter((r) => r.status === "PENDING" && r.pairable);

  const columns = useMemo<ColumnDef<RuleRowView, unknown>[]>(() => {
    const toggle = (id: string) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
    const cols: ColumnDef<RuleRowView, unknown>[] = [
      {
        id: "rule",
        header: "Rule",
        enableSorting: false,
        meta: { wrap: true },
        cell: ({ row }) => (
          <div className="flex items-start gap-2">
            {canReview && row.original.status === "PENDING" && row.original.pairable ? (
              <input type="checkbox" className="mt-1 h-4 w-4" aria-label={`Select ${labelOf(row.original)}`} checked={selected.has(row.original.id)} onChange={() => toggle(row.original.id)} />
            ) : null}
            <div>
              <div className="font-medium">{labelOf(row.original)}</div>
              <div className="text-xs text-slate-600 dark:text-slate-400">
                {row.original.kind === "SEQUENCE" ? `then within ${row.original.windowDays ?? "?"} days${row.original.medianLagDays != null ? `, median ${Math.round(row.original.medianLagDays)} d` : ""}` : "same basket"}
              </div>
            </div>
          </div>
        ),
      },
      { id: "support", header: "Support", accessorFn: (r) => r.support, sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => `${(row.original.support * 100).toFixed(2)}%` },
      { id: "confidence", header: "Confidence", accessorFn: (r) => r.confidence, sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => `${(row.original.confidence * 100).toFixed(1)}%` },
      { id: "lift", header: "Lift", accessorFn: (r) => r.lift, sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => METRIC(2)(row.original.lift) },
      { id: "leverage", header: "Leverage", accessorFn: (r) => r.leverage, sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => METRIC(4)(row.original.leverage) },
      { id: "conviction", header: "Conviction", accessorFn: (r) => r.conviction, sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => METRIC(2)(row.original.conviction) },
      { id: "count", header: "Count", accessorFn: (r) => r.count, sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => `${formatNumber(row.original.count)} / ${formatNumber(row.original.antecedentCount)}` },
      {
        id: "status",
        header: "Status",
        enableSorting: false,
        meta: { wrap: true },
        cell: ({ row }) => {
          const r = row.original;
          if (r.pair) return <Link href={`/admin/pairs/${r.pair.id}`} className="text-brand-700 hover:underline dark:text-brand-100">In the catalog{r.pair.active ? "" : " (inactive)"}</Link>;
          if (r.status === "REJECTED") return <span><Badge tone="red">rejected</Badge> <span className="text-xs">{r.rejectionReason}</span></span>;
          if (!canReview) return <Badge tone="amber">pending</Badge>;
          if (!r.pairable) return <span className="text-xs text-slate-600 dark:text-slate-400">several products: not a pair</span>;
          return (
            <div className="flex gap-1">
              <ApproveRuleDialog ruleId={r.id} label={labelOf(r)} />
              <RejectRuleDialog ruleId={r.id} label={labelOf(r)} />
            </div>
          );
        },
      },
    ];
    return cols;
  }, [canReview, selected]);

  async function bulk(decision: "approve" | "reject"): Promise<void> {
    const ruleIds = [...selected];
    const result = decision === "approve" ? await decideRulesAction({ decision, ruleIds, type: bulkType }) : await decideRulesAction({ decision, ruleIds, reason: bulkReason });
    if (!result.ok) throw new Error(result.fieldErrors ? Object.values(result.fieldErrors)[0] : result.message);
    toast.success(`${result.data.decided} rule${result.data.decided === 1 ? "" : "s"} ${decision === "approve" ? "approved" : "rejected"}.`);
    setSelected(new Set());
    router.refresh();
  }

  const sorting: SortingState = [{ id: params.sort, desc: params.dir === "desc" }];
  const count = selected.size;
  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="grid gap-3 border-b border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-4 dark:border-slate-800" role="search">
        <SearchFilter id="rule-search" label="Search products" placeholder="e.g. camera" value={params.q} onSearch={onSearch} />
        <FilterSelect id="filter-kind" label="Kind" allLabel="Basket and sequence" value={params.kind} options={[{ value: "BASKET", label: "Basket" }, { value: "SEQUENCE", label: "Sequence" }]} onChange={(kind) => update({ kind })} />
        <FilterSelect
          id="filter-status"
          label="Status"
          allLabel={`Pending and in catalog (${formatNumber(page.counts.PENDING + page.counts.ACCEPTED)})`}
          value={params.status}
          options={[
            { value: "PENDING", label: `Pending (${formatNumber(page.counts.PENDING)})` },
            { value: "ACCEPTED", label: `In the catalog (${formatNumber(page.counts.ACCEPTED)})` },
            { value: "REJECTED", label: `Rejected (${formatNumber(page.counts.REJECTED)})` },
          ]}
          onChange={(status) => update({ status })}
        />
        <FilterSelect id="filter-lift" label="Lift at least" allLabel="Any lift" value={params.minLift?.toString()} options={["1.5", "2", "3", "5"]} onChange={(minLift) => update({ minLift })} />
      </div>
      {canReview ? (
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2 text-sm dark:border-slate-800">
          <Button type="button" variant="ghost" className="px-2 py-1 text-xs" onClick={() => setSelected(new Set(selectable.map((r) => r.id)))} disabled={selectable.length === 0}>
            Select all pending on this page
          </Button>
          <span aria-live="polite">{count} selected</span>
          <ConfirmDialog
            title={`Approve ${count} rule${count === 1 ? "" : "s"}?`}
            description="Each becomes an active mined pair with the standard templates. If one cannot be paired, nothing is approved and the message names it."
            confirmLabel="Approve all"
            onConfirm={() => bulk("approve")}
            trigger={<Button type="button" variant="secondary" className="px-2 py-1 text-xs" disabled={count === 0}>Approve selected</Button>}
          >
            <Label htmlFor="bulk-type">Type of the new pairs</Label>
            <Select id="bulk-type" value={bulkType} onChange={(e) => setBulkType(e.target.value as (typeof PAIR_TYPES)[number])}>
              {PAIR_TYPES.filter((t) => t !== "BUNDLE").map((t) => <option key={t} value={t}>{PAIR_TYPE_LABELS[t]}</option>)}
            </Select>
          </ConfirmDialog>
          <ConfirmDialog
            title={`Reject ${count} rule${count === 1 ? "" : "s"}?`}
            description="They leave the review list, also in later runs, and are no longer used for recommendations."
            confirmLabel="Reject all"
            tone="danger"
            onConfirm={() => bulk("reject")}
            trigger={<Button type="button" variant="ghost" className="px-2 py-1 text-xs" disabled={count === 0}>Reject selected</Button>}
          >
            <Label htmlFor="bulk-reason">Reason</Label>
            <Textarea id="bulk-reason" value={bulkReason} onChange={(e) => setBulkReason(e.target.value)} />
          </ConfirmDialog>
        </div>
      ) : null}
      <DataTable
        columns={columns}
        data={page.rows}
        caption="Mined rules of the active scoring run"
        getRowId={(r) => r.id}
        rowTestId="rule-row"
        busy={pending}
        sorting={sorting}
        onSort={(id, desc) => update({ sort: id, dir: desc ? "desc" : "asc" })}
        empty={
          <EmptyState title={page.runId ? "No rules match these filters" : "No scoring run yet"}>
            {page.runId ? "Clear a filter, or look at the rejected rules." : "Rules are mined by a scoring run; start one under Scoring."}
          </EmptyState>
        }
      />
      <Pagination page={page.page} pageCount={page.pageCount} total={page.total} pageSize={50} onPage={(p) => update({ page: p })} noun="rules" />
    </div>
  );
}

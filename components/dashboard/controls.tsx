"use client";

import { FilterSelect } from "@/components/data-table/filters";
import { useUrlParams } from "@/components/data-table/use-url-params";
import { Input, Label } from "@/components/ui/field";
import { Select } from "@/components/ui/select";

type Option = { value: string; label: string };

const PERIOD_OPTIONS: Option[] = [
  { value: "7d", label: "Last 7 days" }, { value: "30d", label: "Last 30 days" }, { value: "90d", label: "Last 90 days" },
  { value: "qtd", label: "Quarter to date" }, { value: "ytd", label: "Year to date" }, { value: "custom", label: "Custom range" },
];

/** The dashboard's controls; every change goes into the URL (shareable, back button works). */
export function DashboardControls({
  params, from, to, options,
}: {
  params: { period: string; compare: string; grain: string; team?: string; rep?: string; segment?: string; category?: string; pair?: string };
  from: string;
  to: string;
  options: { teams: Option[] | null; reps: Option[]; segments: string[]; categories: string[]; pairs: Option[] };
}) {
  const { update, pending } = useUrlParams();
  return (
    <form className="mb-6 grid gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Dashboard filters" aria-busy={pending || undefined} onSubmit={(e) => e.preventDefault()}>
      <div>
        <Label htmlFor="d-period">Period</Label>
        <Select id="d-period" value={params.period}
          onChange={(e) => update(e.target.value === "custom" ? { period: "custom", from, to } : { period: e.target.value === "90d" ? undefined : e.target.value, from: undefined, to: undefined })}>
          {PERIOD_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </Select>
      </div>
      {params.period === "custom" ? (
        <>
          <div>
            <Label htmlFor="d-from">From</Label>
            <Input id="d-from" type="date" defaultValue={from} onBlur={(e) => e.target.value && e.target.value !== from && update({ from: e.target.value })} />
          </div>
          <div>
            <Label htmlFor="d-to">To</Label>
            <Input id="d-to" type="date" defaultValue={to} onBlur={(e) => e.target.value && e.target.value !== to && update({ to: e.target.value })} />
          </div>
        </>
      ) : null}
      <FilterSelect id="d-grain" label="Granularity" allLabel="Week" value={params.grain === "week" ? undefined : params.grain}
        options={[{ value: "day", label: "Day" }, { value: "month", label: "Month" }]} onChange={(v) => update({ grain: v })} />
      <div className="flex items-end gap-2 pb-2">
        <input id="d-compare" type="checkbox" className="h-4 w-4" checked={params.compare !== "off"} onChange={(e) => update({ compare: e.target.checked ? undefined : "off" })} />
        <label htmlFor="d-compare" className="text-sm">Compare with previous period</label>
      </div>
      {options.teams ? <FilterSelect id="d-team" label="Team" allLabel="All teams" value={params.team} options={options.teams} onChange={(v) => update({ team: v, rep: undefined })} /> : null}
      <FilterSelect id="d-rep" label="Rep" allLabel="All reps" value={params.rep} options={options.reps} onChange={(v) => update({ rep: v })} />
      <FilterSelect id="d-segment" label="Segment" allLabel="All segments" value={params.segment} options={options.segments} onChange={(v) => update({ segment: v })} />
      <FilterSelect id="d-category" label="Product category" allLabel="All categories" value={params.category} options={options.categories} onChange={(v) => update({ category: v })} />
      <FilterSelect id="d-pair" label="Product pair" allLabel="All pairs" value={params.pair} options={options.pairs} onChange={(v) => update({ pair: v })} />
    </form>
  );
}

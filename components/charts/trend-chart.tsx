"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface TrendSeries {
  key: string;
  label: string;
  /** Value of the previous period at the same position, drawn dashed. */
  previousKey?: string;
}

/**
 * A line chart of computed series (it fetches nothing), the previous period dashed. Recharts' accessibility
 * layer makes the chart focusable with a keyboard-driven tooltip; the numbers are also in a table beneath.
 * Empty data shows a message instead of empty axes.
 */
export function TrendChart({
  title, data, series, format, height = 220,
}: {
  title: string;
  data: Record<string, string | number | null>[];
  series: TrendSeries[];
  format: (v: number | null) => string;
  height?: number;
}) {
  if (data.length === 0) return <p className="py-10 text-center text-sm text-slate-500 dark:text-slate-400">No data in this period.</p>;
  const colours = ["#2563eb", "#059669", "#d97706", "#9333ea"];
  return (
    <figure aria-label={title}>
      <div style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer title={title} desc="Arrow keys move the tooltip between periods; the table below lists every value.">
            <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.12} />
            <XAxis dataKey="bucket" tick={{ fontSize: 11, fill: "currentColor" }} tickMargin={6} minTickGap={16} />
            <YAxis tick={{ fontSize: 11, fill: "currentColor" }} width={64} tickFormatter={(v: number) => format(v)} />
            <Tooltip formatter={(v) => format(typeof v === "number" ? v : null)} contentStyle={{ fontSize: 12 }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {series.map((s, i) => [
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={colours[i % colours.length]} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />,
              s.previousKey ? (
                <Line key={s.previousKey} type="monotone" dataKey={s.previousKey} name={`${s.label}, previous period`} stroke={colours[i % colours.length]} strokeDasharray="4 4" strokeOpacity={0.6} dot={false} connectNulls isAnimationActive={false} />
              ) : null,
            ])}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-2 text-xs">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Numbers behind “{title}”</summary>
        <div className="mt-2 max-h-64 overflow-auto">
          <table className="min-w-full text-right tabular-nums">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col" className="px-2 py-1 text-left">Period start</th>
                {series.flatMap((s) => [
                  <th key={s.key} scope="col" className="px-2 py-1">{s.label}</th>,
                  s.previousKey ? <th key={s.previousKey} scope="col" className="px-2 py-1">previous</th> : null,
                ])}
              </tr>
            </thead>
            <tbody>
              {data.map((row) => (
                <tr key={String(row.bucket)} className="border-t border-slate-100 dark:border-slate-800">
                  <th scope="row" className="px-2 py-1 text-left font-normal">{row.bucket}</th>
                  {series.flatMap((s) => [
                    <td key={s.key} className="px-2 py-1">{format(row[s.key] as number | null)}</td>,
                    s.previousKey ? <td key={s.previousKey} className="px-2 py-1">{format(row[s.previousKey] as number | null)}</td> : null,
                  ])}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

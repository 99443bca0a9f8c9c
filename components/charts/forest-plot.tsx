import { cn } from "@/components/ui/cn";

export interface ForestItem {
  key: string;
  label: string;
  estimate: number | null;
  low: number | null;
  high: number | null;
  href?: string;
  detail: string;
}

/**
 * Intervals on one axis (a forest plot), server-rendered SVG per row next to its numbers, so every bar
 * carries its figures in text. The axis spans all intervals and zero.
 */
export function ForestPlot({ items, caption, format, reference }: { items: ForestItem[]; caption: string; format: (v: number) => string; reference?: number }) {
  if (items.length === 0) return <p className="py-4 text-sm text-slate-500 dark:text-slate-400">Nothing to compare in this period.</p>;
  const values = items.flatMap((i) => [i.low, i.high]).filter((v): v is number => v !== null);
  const lo = Math.min(0, ...values, reference ?? 0);
  const hi = Math.max(0, ...values, reference ?? 0);
  const span = hi - lo || 1;
  const x = (v: number) => ((v - lo) / span) * 100;
  return (
    <table className="min-w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-left text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">
        <tr>
          <th scope="col" className="px-2 py-2">Group</th>
          <th scope="col" className="px-2 py-2 text-right">Difference (95% CI)</th>
          <th scope="col" className="w-2/5 min-w-48 whitespace-nowrap px-2 py-2"><span className="sr-only">Interval bar</span><span aria-hidden>{format(lo)} … {format(hi)}</span></th>
          <th scope="col" className="px-2 py-2 text-right">Treated / holdout</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.key} className="border-t border-slate-100 dark:border-slate-800" data-testid="forest-row">
            <th scope="row" className="px-2 py-1.5 text-left font-normal">
              {i.href ? <a href={i.href} className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">{i.label}</a> : i.label}
            </th>
            <td className="whitespace-nowrap px-2 py-1.5 text-right tabular-nums">
              {i.estimate === null ? "too few to compare" : `${format(i.estimate)} (${format(i.low!)} to ${format(i.high!)})`}
            </td>
            <td className="px-2 py-1.5">
              <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="h-3 w-full" aria-hidden="true">
                <line x1={x(0)} x2={x(0)} y1={0} y2={10} className="stroke-slate-400" strokeWidth={0.5} />
                {reference !== undefined ? <line x1={x(reference)} x2={x(reference)} y1={0} y2={10} className="stroke-amber-500" strokeWidth={0.5} strokeDasharray="1 1" /> : null}
                {i.estimate !== null ? (
                  <>
                    <line x1={x(i.low!)} x2={x(i.high!)} y1={5} y2={5} className={cn(i.low! > 0 ? "stroke-emerald-600" : i.high! < 0 ? "stroke-red-600" : "stroke-slate-600 dark:stroke-slate-300")} strokeWidth={1.5} />
                    <circle cx={x(i.estimate)} cy={5} r={1.8} className="fill-slate-900 dark:fill-white" />
                  </>
                ) : null}
              </svg>
            </td>
            <td className="whitespace-nowrap px-2 py-1.5 text-right text-xs tabular-nums text-slate-600 dark:text-slate-400">{i.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Horizontal bars with their numbers (funnel stages, declines): plain HTML, no chart library needed. */
export function BarList({ items, caption }: { items: { key: string; label: string; value: number; note?: string; href?: string }[]; caption: string }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <ul aria-label={caption} className="space-y-2">
      {items.map((i) => (
        <li key={i.key} className="grid grid-cols-[8rem_1fr_auto] items-center gap-3 text-sm" data-testid="bar">
          <span>{i.href ? <a href={i.href} className="text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">{i.label}</a> : i.label}</span>
          <span className="h-3 rounded bg-slate-100 dark:bg-slate-800" aria-hidden="true">
            <span className="block h-3 rounded bg-blue-600 dark:bg-blue-400" style={{ width: `${(i.value / max) * 100}%` }} />
          </span>
          <span className="whitespace-nowrap text-right tabular-nums">
            {i.value.toLocaleString("en-US")}
            {i.note ? <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">{i.note}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

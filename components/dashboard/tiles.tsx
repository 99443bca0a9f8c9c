import Link from "next/link";
import { Card } from "@/components/ui/card";
import { formatTile, signedPct } from "@/lib/dashboard/format";
import type { Tile } from "@/lib/dashboard/sections";

/** Headline tiles: value, change against the previous period, formula, and a link to the rows behind it. */
export function Tiles({ tiles, compare, drillHref }: { tiles: Tile[]; compare: boolean; drillHref: (drill: string) => string }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3 2xl:grid-cols-5">
      {tiles.map((t) => (
        <Card key={t.key} className="p-4" data-testid={`tile-${t.key}`}>
          <h3 className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{t.label}</h3>
          <p className="mt-2 text-2xl font-semibold tabular-nums" data-testid="tile-value">{formatTile(t, t.value)}</p>
          {compare ? (
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              {t.change === null ? "no previous value to compare" : `${signedPct(t.change)} vs previous period (${formatTile(t, t.previous)})`}
            </p>
          ) : null}
          <p className="mt-3 border-t border-slate-100 pt-2 font-mono text-[11px] text-slate-600 dark:border-slate-800 dark:text-slate-400">{t.formula}</p>
          {t.drill ? (
            <Link href={drillHref(t.drill)} className="mt-2 inline-block text-xs text-blue-700 underline-offset-2 hover:underline dark:text-blue-300">
              See the rows<span className="sr-only"> behind {t.label}</span>
            </Link>
          ) : null}
        </Card>
      ))}
    </div>
  );
}

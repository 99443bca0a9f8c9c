"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { pairImpactAction } from "@/lib/actions/pairs";
import { formatDate, formatNumber } from "@/lib/format";
import type { PairImpact } from "@/lib/data/pairs-preview";

type Props = { pairId?: string; sourceProductId?: string; targetProductId?: string; windowMinDays?: number; windowMaxDays?: number; eligibleSegments: string[] };

/** Before saving: how many accounts the pair reaches now and what it would do at the next scoring run. */
export function ImpactPreview({ pairId, sourceProductId, targetProductId, windowMinDays, windowMaxDays, eligibleSegments }: Props) {
  const [impact, setImpact] = useState<PairImpact | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = Boolean(sourceProductId && targetProductId) && Number.isFinite(windowMinDays) && Number.isFinite(windowMaxDays);

  async function run() {
    if (!ready) return;
    setBusy(true);
    setError(null);
    const result = await pairImpactAction({
      id: pairId, sourceProductId: sourceProductId!, targetProductId: targetProductId!, windowMinDays: windowMinDays!, windowMaxDays: windowMaxDays!,
      eligibleSegments: eligibleSegments as never,
    });
    setBusy(false);
    if (result.ok) setImpact(result.data);
    else setError(result.message);
  }

  return (
    <section aria-labelledby="impact-heading" className="rounded-md border border-slate-200 p-4 dark:border-slate-800">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="impact-heading" className="text-sm font-semibold">Impact preview</h3>
        <Button type="button" variant="secondary" onClick={run} disabled={!ready || busy}>
          {busy ? "Counting…" : "Count eligible accounts"}
        </Button>
      </div>
      <div aria-live="polite" className="mt-3 text-sm">
        {error ? <p className="text-red-700 dark:text-red-300">{error}</p> : null}
        {impact ? (
          <dl className="grid gap-3 sm:grid-cols-4" data-testid="impact-preview">
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Bought the source in the window, not the target</dt><dd className="text-lg font-semibold tabular-nums">{formatNumber(impact.boughtInWindow)}</dd></div>
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Eligible now (segment, contactable, not holdout)</dt><dd className="text-lg font-semibold tabular-nums">{formatNumber(impact.eligible)}</dd></div>
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Open offers the next run may add (at most)</dt><dd className="text-lg font-semibold tabular-nums">{formatNumber(impact.wouldAdd)}</dd></div>
            <div><dt className="text-xs text-slate-600 dark:text-slate-400">Open offers it would change (tied to this pair)</dt><dd className="text-lg font-semibold tabular-nums">{formatNumber(impact.wouldChange)}</dd></div>
          </dl>
        ) : null}
        {impact ? (
          <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">As of the latest order ({formatDate(impact.asOf)}). The run still ranks each offer against the account&apos;s others, so additions are an upper bound.</p>
        ) : null}
        {!impact && !error ? (
          <p className="text-slate-600 dark:text-slate-400">{ready ? "Count before saving to see who this pair reaches." : "Choose a source and a target first."}</p>
        ) : null}
      </div>
    </section>
  );
}

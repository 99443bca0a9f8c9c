import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PairActiveToggle } from "@/components/admin/pairs/pair-actions";
import { PairForm } from "@/components/admin/pairs/pair-form";
import { PairVersions } from "@/components/admin/pairs/pair-versions";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader, Stat } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { catalogOptions, getPair } from "@/lib/data/pairs";
import { isAppError } from "@/lib/errors";
import { formatNumber } from "@/lib/format";
import { isValidId } from "@/lib/validations/text";
import type { PairFieldsInput } from "@/lib/validations/pairs";

export const metadata: Metadata = { title: "Product pair" };

const STATS: [string, string, (v: number) => string][] = [
  ["support", "Support", (v) => `${(v * 100).toFixed(2)}%`],
  ["confidence", "Confidence", (v) => `${(v * 100).toFixed(1)}%`],
  ["lift", "Lift", (v) => v.toFixed(2)],
  ["leverage", "Leverage", (v) => v.toFixed(4)],
  ["conviction", "Conviction", (v) => v.toFixed(2)],
  ["count", "Count", (v) => formatNumber(v)],
  ["antecedentCount", "Source count", (v) => formatNumber(v)],
];

export default async function PairPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor("catalog:manage", `/admin/pairs/${id}`);
  if (!isValidId(id)) notFound();
  const pair = await getPair(actor, id).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { products } = await catalogOptions(actor);
  const canWrite = can(actor.role, "pairs:write");
  const label = `${pair.source.name} → ${pair.target.name}`;
  const snapshot = pair.minedRuleSnapshot;
  return (
    <>
      <PageHeader
        title={label}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Link href="/admin/pairs" className="text-brand-700 hover:underline dark:text-brand-100">Catalog</Link>
            <span>· version {pair.version}</span>
            {pair.fields.active ? <Badge tone="green">active</Badge> : <Badge tone="amber">inactive</Badge>}
            {pair.origin === "MINED" ? <Badge tone="violet">mined</Badge> : <Badge>manual</Badge>}
          </span>
        }
        actions={canWrite ? <PairActiveToggle id={pair.id} version={pair.version} active={pair.fields.active} label={label} /> : null}
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="space-y-6 xl:col-span-2">
          <Card className="p-5">
            <dl className="mb-5 grid grid-cols-3 gap-4">
              <Stat label="Offers" value={formatNumber(pair.counts.opportunities)} />
              <Stat label="Open" value={formatNumber(pair.counts.open)} />
              <Stat label="Won" value={formatNumber(pair.counts.won)} />
            </dl>
            {canWrite ? (
              <PairForm key={pair.version} products={products} initial={{ ...pair.fields, type: pair.fields.type as PairFieldsInput["type"], eligibleSegments: pair.fields.eligibleSegments as PairFieldsInput["eligibleSegments"] }} pair={{ id: pair.id, version: pair.version }} />
            ) : (
              <p className="text-sm">{pair.fields.talkingPoints}</p>
            )}
          </Card>
        </div>
        <div className="space-y-6">
          {snapshot ? (
            <Card className="p-5">
              <h2 className="text-sm font-semibold">Mined rule at approval</h2>
              <dl className="mt-3 grid grid-cols-2 gap-3">
                {STATS.map(([key, name, fmt]) => (
                  <Stat key={key} label={name} value={typeof snapshot[key] === "number" ? fmt(snapshot[key] as number) : "—"} />
                ))}
              </dl>
              <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">{String(snapshot.kind ?? "").toLowerCase()} rule of scoring run {String(snapshot.runId ?? "")}</p>
            </Card>
          ) : null}
          <PairVersions pair={pair} canWrite={canWrite} />
        </div>
      </div>
    </>
  );
}

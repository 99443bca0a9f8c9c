"use client";

import { TrendChart } from "@/components/charts/trend-chart";
import { Card } from "@/components/ui/card";
import { pct } from "@/lib/dashboard/format";
import type { TrendPoint } from "@/lib/dashboard/sections";
import { formatMoney } from "@/lib/format";

/** Revenue, cross-sell revenue, conversion and attach rate per bucket, the previous period dashed. */
export function TrendsPanel({ points, compare }: { points: TrendPoint[]; compare: boolean }) {
  const data = points as unknown as Record<string, string | number | null>[];
  const prev = (k: string) => (compare ? k : undefined);
  return (
    <Card className="p-5" aria-labelledby="trends-h">
      <h2 id="trends-h" className="text-lg font-semibold">Trends</h2>
      <div className="mt-4 grid gap-6 xl:grid-cols-2">
        <TrendChart title="Revenue" data={data} format={formatMoney} series={[{ key: "revenue", label: "Revenue", previousKey: prev("prevRevenue") }]} />
        <TrendChart title="Cross-sell revenue" data={data} format={formatMoney} series={[{ key: "crossSellRevenue", label: "Cross-sell revenue", previousKey: prev("prevCrossSellRevenue") }]} />
        <TrendChart title="Conversion (won / connected calls, by day of the call)" data={data} format={(v) => pct(v)} series={[{ key: "conversion", label: "Conversion", previousKey: prev("prevConversion") }]} />
        <TrendChart title="Attach rate (orders with A and B / orders with A)" data={data} format={(v) => pct(v)} series={[{ key: "attachRate", label: "Attach rate", previousKey: prev("prevAttachRate") }]} />
      </div>
    </Card>
  );
}

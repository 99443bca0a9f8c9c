import Papa from "papaparse";
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { parseDashboardParams } from "@/lib/dashboard/params";
import { dashboardData } from "@/lib/data/dashboard";
import { drillExport, drillSchema } from "@/lib/data/dashboard-drill";

const TABLES = ["reps", "pairs", "funnel", "uplift-pair", "uplift-segment", "uplift-rep", "uplift-run", "opportunities", "activities"] as const;
type Rows = { fields: string[]; batches: AsyncIterable<unknown[][]> };

async function* once(rows: unknown[][]) {
  yield rows;
}

/**
 * GET /api/dashboard/export?table=reps|pairs|funnel|uplift-<pair|segment|rep|run>|opportunities|activities
 * with the dashboard's query string: the table on screen, filters applied, as CSV streamed batch by batch
 * (cells a spreadsheet would run as formulas are quoted).
 */
export const GET = apiRoute<Record<string, never>>({ permission: "dashboard:view" }, async (request, { actor }) => {
  const search = new URL(request.url).searchParams;
  const table = z.enum(TABLES).parse(search.get("table"));
  const params = parseDashboardParams(search);
  let rows: Rows;
  if (table === "opportunities" || table === "activities") {
    const drill = drillSchema.parse({ kind: table, stage: search.get("stage") ?? undefined, holdout: search.get("holdout") ?? undefined, page: 1 });
    const source = drillExport(actor, params, drill);
    const fields = table === "opportunities"
      ? ["id", "account", "accountId", "product", "category", "rep", "status", "holdout", "run", "attempts", "wonAmount", "lastContactAt"]
      : ["id", "createdAt", "account", "accountId", "rep", "outcome", "channel", "product", "wonAmount"];
    rows = { fields, batches: (async function* () { for await (const b of source) yield b.map((r) => fields.map((f) => (r as unknown as Record<string, unknown>)[f] ?? "")); })() };
  } else {
    const d = await dashboardData(actor, params);
    const ci = (u: { diff: number | null; ciLow: number | null; ciHigh: number | null; pValue?: number | null } | null) => [u?.diff ?? "", u?.ciLow ?? "", u?.ciHigh ?? "", u?.pValue ?? ""];
    if (table === "reps") {
      rows = { fields: ["rep", "team", "calls", "connects", "conversions", "wonRevenue", "avgDaysToClose", "uplift", "upliftCiLow", "upliftCiHigh", "upliftPValue"],
        batches: once(d.reps.map((r) => [r.name, r.team ?? "", r.calls, r.connects, r.conversions, r.wonRevenue, r.avgDaysToClose ?? "", ...ci(r.uplift)])) };
    } else if (table === "pairs") {
      rows = { fields: ["pair", "pairId", "attachRate", "opportunities", "won", "conversion", "revenue", "returnRate", "uplift", "upliftCiLow", "upliftCiHigh", "upliftPValue"],
        batches: once(d.pairs.map((r) => [r.label, r.id, r.attachRate ?? "", r.opportunities, r.won, r.conversion ?? "", r.revenue, r.returnRate ?? "", ...ci(r.uplift)])) };
    } else if (table === "funnel") {
      const head = ["opportunities", "queued", "attempted", "connected", "interested", "won"];
      rows = { fields: ["level", "name", ...head], batches: once([
        ["all", "all", ...d.funnel.stages.map((s) => s.count)],
        ...d.funnel.byTeam.map((r) => ["team", r.label, ...r.stages]),
        ...d.funnel.byRep.map((r) => ["rep", r.label, ...r.stages]),
      ]) };
    } else {
      const key = table.slice("uplift-".length) as "pair" | "segment" | "rep" | "run";
      rows = { fields: [key, "treatedBuyers", "treatedAccounts", "holdoutBuyers", "holdoutAccounts", "diff", "ciLow", "ciHigh", "pValue"],
        batches: once(d.uplift.forest[key].map((r) => [r.label, r.treated.conversions, r.treated.n, r.holdout.conversions, r.holdout.n, ...ci(r)])) };
    }
  }
  const encoder = new TextEncoder();
  const iterator = rows.batches[Symbol.asyncIterator]();
  let header = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) {
          if (header) controller.enqueue(encoder.encode(`${rows.fields.join(",")}\r\n`));
          controller.close();
          return;
        }
        if (next.value.length === 0) return;
        controller.enqueue(encoder.encode(`${Papa.unparse({ fields: rows.fields, data: next.value }, { header, escapeFormulae: true, newline: "\r\n" })}\r\n`));
        header = false;
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="dashboard-${table}-${params.from ?? params.period}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});

/**
 * Dashboard controls as URL state: one zod schema for the page, the CSV exports and the drill-downs.
 * Every field falls back to its default (`.catch`), so a bad query string shows the default view.
 */
import { z } from "zod";
import { addDays, daysBetween } from "./calendar";

export const PERIODS = ["7d", "30d", "90d", "qtd", "ytd", "custom"] as const;
export const GRAINS = ["day", "week", "month"] as const;
export type Period = (typeof PERIODS)[number];
export type Grain = (typeof GRAINS)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.string().max(100).regex(/^[\w .&'-]*$/u);

export const dashboardParamsSchema = z.object({
  period: z.enum(PERIODS).catch("90d"),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  compare: z.enum(["on", "off"]).catch("on"),
  grain: z.enum(GRAINS).catch("week"),
  team: id.optional().catch(undefined),
  rep: id.optional().catch(undefined),
  segment: id.optional().catch(undefined),
  category: id.optional().catch(undefined),
  pair: id.optional().catch(undefined),
});

export type DashboardParams = z.infer<typeof dashboardParamsSchema>;

export function parseDashboardParams(search: Record<string, string | string[] | undefined> | URLSearchParams): DashboardParams {
  const get = (k: string) => {
    const v = search instanceof URLSearchParams ? search.get(k) ?? undefined : search[k];
    const s = Array.isArray(v) ? v[0] : v;
    return s === "" ? undefined : s;
  };
  return dashboardParamsSchema.parse(Object.fromEntries(Object.keys(dashboardParamsSchema.shape).map((k) => [k, get(k)])));
}

export interface ResolvedPeriod {
  from: string;
  to: string;
  days: number;
  previous: { from: string; to: string } | null;
  label: string;
}

/** The period's days, ending at `anchor` (the last day with data), and the previous period of the same length. */
export function resolvePeriod(p: Pick<DashboardParams, "period" | "from" | "to" | "compare">, anchor: string): ResolvedPeriod {
  let from: string;
  let to = anchor;
  let label: string;
  switch (p.period) {
    case "7d":
    case "30d":
    case "90d": {
      const n = Number(p.period.slice(0, -1));
      from = addDays(anchor, -(n - 1));
      label = `Last ${n} days`;
      break;
    }
    case "qtd": {
      const month = Number(anchor.slice(5, 7));
      from = `${anchor.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, "0")}-01`;
      label = "Quarter to date";
      break;
    }
    case "ytd":
      from = `${anchor.slice(0, 4)}-01-01`;
      label = "Year to date";
      break;
    case "custom": {
      const a = p.from ?? addDays(anchor, -89);
      const b = p.to ?? anchor;
      [from, to] = a <= b ? [a, b] : [b, a];
      label = `${from} to ${to}`;
      break;
    }
  }
  const days = daysBetween(from, to) + 1;
  const previous = p.compare === "on" ? { from: addDays(from, -days), to: addDays(from, -1) } : null;
  return { from, to, days, previous, label };
}

/** The URL of the dashboard (or a drill-down / export) with these params, defaults left out. */
export function dashboardQuery(p: Partial<DashboardParams>, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...p, ...extra })) {
    if (v === undefined || v === "") continue;
    if ((k === "period" && v === "90d") || (k === "compare" && v === "on") || (k === "grain" && v === "week")) continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

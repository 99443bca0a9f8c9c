// Dashboard benchmark: the data behind /dashboard (lib/data/dashboard.ts, read from the daily facts) at
// BENCH_ACCOUNTS accounts with six months of programme history, for a manager and an admin, with and
// without filters; p50/p95 over repeated calls in-process (the page adds its render on top). Also times
// seeding the history and a full refresh of the facts. Numbers are printed, never asserted.
import "./activation-server-only";
import path from "node:path";
import Database from "better-sqlite3";
import { seedDatabase } from "../../prisma/seed/index";
import { migrate, removeSqliteDatabase, ROOT } from "../lib-env";
import { percentile } from "./http";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const URL = process.env.BENCH_DASHBOARD_URL ?? `file:./data/bench-dashboard-${ACCOUNTS}.db`;
const N = Number(process.env.BENCH_DASHBOARD_N ?? 30);

function accountCount(): number {
  try {
    const db = new Database(path.resolve(ROOT, URL.slice("file:".length)), { readonly: true });
    const row = db.prepare('SELECT COUNT(*) AS n FROM "Account"').get() as { n: number };
    db.close();
    return row.n;
  } catch {
    return 0;
  }
}

export async function main(): Promise<void> {
  console.log(`\n== Dashboard benchmark (${ACCOUNTS.toLocaleString("en-US")} accounts, ${URL}) ==`);
  if (accountCount() !== ACCOUNTS || process.env.BENCH_RESEED === "1") {
    removeSqliteDatabase(URL);
    migrate(URL);
    const t = performance.now();
    const r = await seedDatabase({ url: URL, accounts: ACCOUNTS, reset: false, history: true, verify: false });
    console.log(`seed with history: ${((performance.now() - t) / 1000).toFixed(1)} s (${r.counts.historyOpportunities?.toLocaleString("en-US")} history opportunities, ${r.counts.historyActivities?.toLocaleString("en-US")} activities)`);
  } else {
    console.log("seed: reusing the existing benchmark database (BENCH_RESEED=1 to time a fresh seed)");
  }
  migrate(URL);
  process.env.DATABASE_URL = URL;
  const { db } = await import("../../lib/db");
  const { refreshDashboardFacts } = await import("../../lib/dashboard/refresh");
  const { dashboardData } = await import("../../lib/data/dashboard");
  const { parseDashboardParams } = await import("../../lib/dashboard/params");
  if (process.env.BENCH_REFRESH === "1" || (await db.orderDayFact.count()) === 0) {
    const steps: string[] = [];
    const s = await refreshDashboardFacts(db, { onStep: (name, ms) => steps.push(`${name} ${(ms / 1000).toFixed(1)} s`) });
    console.log(`full refresh of the facts: ${(s.ms / 1000).toFixed(1)} s (${steps.join(", ")})`);
  }
  const users = await db.user.findMany({ select: { id: true, email: true, name: true, role: true, teamId: true } });
  const actor = (email: string) => {
    const u = users.find((x) => x.email === email)!;
    return u.role === "MANAGER" ? { ...u, teamMemberIds: users.filter((x) => x.teamId === u.teamId).map((x) => x.id) } : u;
  };
  const pair = await db.productPair.findFirst({ where: { active: true }, orderBy: { id: "asc" }, select: { id: true } });
  const cases: [string, ReturnType<typeof actor>, Record<string, string>][] = [
    ["manager, last 90 days", actor("nina.manager@example.com"), {}],
    ["manager, rep + segment filter", actor("nina.manager@example.com"), { rep: "usr_ava", segment: "Champions" }],
    ["manager, pair filter, year to date", actor("nina.manager@example.com"), { pair: pair?.id ?? "", period: "ytd" }],
    ["admin, last 90 days", actor("admin@example.com"), {}],
    ["admin, team + category filter, by day", actor("admin@example.com"), { team: "team_south", category: "Accessories", grain: "day" }],
    ["admin, year to date, no comparison", actor("admin@example.com"), { period: "ytd", compare: "off" }],
  ];
  for (const [label, a, q] of cases) {
    const params = parseDashboardParams(q);
    for (let i = 0; i < 3; i++) await dashboardData(a as never, params);
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      const c = process.cpuUsage();
      await dashboardData(a as never, params);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
      times.push(performance.now() - t);
    }
    times.sort((x, y) => x - y);
    cpu.sort((x, y) => x - y);
    // SQLite runs in this process, so CPU time is the work itself; wall time adds waiting for a busy machine.
    console.log(
      `dashboard data, ${label.padEnd(40)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms` +
        `   (cpu p50 ${percentile(cpu, 50).toFixed(1)} ms, p95 ${percentile(cpu, 95).toFixed(1)} ms)`,
    );
  }
  const rows = await Promise.all([db.orderDayFact.count(), db.categoryDayFact.count(), db.pairDayFact.count(), db.activityDayFact.count(), db.opportunityFact.count(), db.upliftFact.count(), db.upliftOfferFact.count()]);
  console.log(`fact rows: orders ${rows[0]}, categories ${rows[1]}, pairs ${rows[2]}, activities ${rows[3]}, funnel ${rows[4]}, uplift ${rows[5]}, offers ${rows[6]}`);
  await db.$disconnect();
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

// Dashboard benchmark at BENCH_ACCOUNTS accounts (default 100,000) with six months of programme history,
// scored once (so accounts carry segments and the per-segment facts are full size):
//  1. the data behind /dashboard (lib/data/dashboard.ts, read from the daily facts), in-process, for a
//     manager and an admin, with and without filters;
//  2. the refresh after an outcome: how long its write transactions hold the (SQLite) write lock, against
//     the whole-run rebuild it replaced;
//  3. the whole page over HTTP: GET /dashboard under `next start` (a production build), signed in, per case.
// On a fresh machine it seeds, scores and builds what it needs (BENCH_RESEED=1 / BENCH_BUILD=1 force it).
// p50/p95 over repeated calls, with the load average; numbers are printed, never asserted.
import "./activation-server-only";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { seedDatabase } from "../../prisma/seed/index";
import { scoreIfNeeded } from "../db-setup";
import { buildNext, migrate, removeSqliteDatabase, ROOT } from "../lib-env";
import { percentile, Session, timeRequests, waitForServer } from "./http";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const URL = process.env.BENCH_DASHBOARD_URL ?? `file:./data/bench-dashboard-${ACCOUNTS}.db`;
const N = Number(process.env.BENCH_DASHBOARD_N ?? 30);
const PORT = process.env.BENCH_PORT ?? "3200";
const BASE = `http://localhost:${PORT}`;
const DIST = process.env.NEXT_DIST_DIR || ".next";

const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");
const stats = (label: string, times: number[]) =>
  `${label.padEnd(48)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms`;

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
  // Scored: the run segments the accounts, and its activation rebuilds the facts with the segments.
  await scoreIfNeeded(URL);
  process.env.DATABASE_URL = URL;
  const { db } = await import("../../lib/db");
  const { refreshDashboardFacts } = await import("../../lib/dashboard/refresh");
  const { dashboardData } = await import("../../lib/data/dashboard");
  const { parseDashboardParams } = await import("../../lib/dashboard/params");
  if (process.env.BENCH_REFRESH === "1" || (await db.orderDayFact.count()) === 0 || (await db.pairRepDayFact.count()) === 0) {
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
  const segments = await db.account.groupBy({ by: ["segment"], where: { segment: { not: null } }, _count: { _all: true }, orderBy: { _count: { segment: "desc" } } });
  const segment = segments.find((x) => x.segment === "Champions")?.segment ?? segments[0]?.segment ?? "";
  console.log(`segments: ${segments.map((x) => `${x.segment} ${x._count._all}`).join(", ") || "none (the database is not scored)"}`);
  const MANAGER = "nina.manager@example.com";
  const ADMIN = "admin@example.com";
  const cases: [string, string, Record<string, string>][] = [
    ["manager, last 90 days", MANAGER, {}],
    ["manager, rep + segment filter", MANAGER, { rep: "usr_ava", segment }],
    ["manager, pair filter, year to date", MANAGER, { pair: pair?.id ?? "", period: "ytd" }],
    ["manager, category filter, by day", MANAGER, { category: "Accessories", grain: "day" }],
    ["admin, last 90 days", ADMIN, {}],
    ["admin, team + category filter, by day", ADMIN, { team: "team_south", category: "Accessories", grain: "day" }],
    ["admin, segment + pair filter", ADMIN, { segment, pair: pair?.id ?? "" }],
    ["admin, year to date, no comparison", ADMIN, { period: "ytd", compare: "off" }],
  ];
  for (const [label, email, q] of cases) {
    const a = actor(email);
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
  const rows = await Promise.all([
    db.orderDayFact.count(), db.categoryDayFact.count(), db.pairDayFact.count(), db.pairRepDayFact.count(), db.activityDayFact.count(), db.opportunityFact.count(),
    db.upliftFact.count(), db.upliftOfferFact.count(),
  ]);
  console.log(`fact rows: orders ${rows[0]}, categories ${rows[1]}, pairs ${rows[2]}, pairs per rep ${rows[3]}, activities ${rows[4]}, funnel ${rows[5]}, uplift ${rows[6]}, offers ${rows[7]}`);
  console.log(`load average during the in-process cases: ${load()}`);
  await benchOutcomeRefresh(db);
  await db.$disconnect();
  await benchHttp(cases, load);
}

/** The write transactions after an outcome on the active run: the part-wise refresh against the whole-run rebuild it replaced. */
async function benchOutcomeRefresh(db: typeof import("../../lib/db").db): Promise<void> {
  const { refreshAfterOutcomes, runWindow, businessTimeZone } = await import("../../lib/dashboard/refresh");
  const { insertRunFunnel, insertRunUplift } = await import("../../lib/dashboard/refresh-runs");
  const run = await db.scoringRun.findFirst({ where: { active: true }, select: { id: true, parameters: true, startedAt: true } });
  const opps = run ? await db.opportunity.findMany({ where: { runId: run.id, holdout: false }, orderBy: { id: "asc" }, take: 5, select: { id: true } }) : [];
  if (!run || opps.length === 0) {
    console.log("after-outcome refresh: no active run with offers; skipped");
    return;
  }
  const w = runWindow(run, await businessTimeZone(db));
  const whole: number[] = [];
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    // What the refresh after an outcome used to write: the touched run's facts, rebuilt in one transaction.
    await db.$transaction(async (tx) => {
      await tx.opportunityFact.deleteMany({ where: { runId: run.id } });
      await tx.upliftFact.deleteMany({ where: { runId: run.id } });
      await tx.upliftOfferFact.deleteMany({ where: { runId: run.id } });
      await insertRunFunnel(tx, run.id, w.runDay);
      await insertRunUplift(tx, run.id, w.runDay, w.lastDay);
    }, { timeout: 600_000, maxWait: 60_000 });
    whole.push(performance.now() - t);
  }
  whole.sort((a, b) => a - b);
  const longest: number[] = [];
  const total: number[] = [];
  let transactions = 0;
  for (let i = 0; i < 10; i++) {
    const s = await refreshAfterOutcomes(db, [opps[i % opps.length].id]);
    longest.push(s.longestMs);
    total.push(s.ms);
    transactions = s.transactions;
  }
  longest.sort((a, b) => a - b);
  total.sort((a, b) => a - b);
  const opps100 = await db.opportunity.count({ where: { runId: run.id } });
  console.log(`after-outcome refresh (active run, ${opps100.toLocaleString("en-US")} offers), load ${load()}:`);
  console.log(`  whole-run rebuild (before): one write transaction, p50 ${percentile(whole, 50).toFixed(0)} ms, max ${whole.at(-1)!.toFixed(0)} ms`);
  console.log(
    `  part-wise (now): ${transactions} transactions, longest p50 ${percentile(longest, 50).toFixed(1)} ms, p95 ${percentile(longest, 95).toFixed(1)} ms; ` +
      `whole refresh p50 ${percentile(total, 50).toFixed(1)} ms`,
  );
}

/** GET /dashboard under `next start`, signed in, for each case. */
async function benchHttp(cases: [string, string, Record<string, string>][], loadNow: () => string): Promise<void> {
  const { dashboardQuery } = await import("../../lib/dashboard/params");
  const env = { ...process.env, DATABASE_URL: URL, NEXTAUTH_SECRET: "bench-secret", NEXTAUTH_URL: BASE, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const };
  if (!fs.existsSync(path.join(ROOT, DIST, "BUILD_ID")) || process.env.BENCH_BUILD === "1") {
    console.log(`building the app (${DIST}) for next start...`);
    buildNext(env);
  }
  const next = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const server: ChildProcess = spawn(process.execPath, [next, "start", "-p", PORT], { env, cwd: ROOT, stdio: "ignore" });
  const exited = new Promise((r) => server.once("exit", r));
  try {
    await waitForServer(BASE);
    const sessions = new Map<string, Session>();
    for (const email of new Set(cases.map((c) => c[1]))) {
      const s = new Session(BASE);
      await s.signIn(email, "crosssell-demo");
      sessions.set(email, s);
    }
    console.log(`GET /dashboard over HTTP (next start, ${DIST}, signed in; ${N} sequential requests after 3 warm-up):`);
    for (const [label, email, q] of cases) {
      const s = sessions.get(email)!;
      const url = `/dashboard${dashboardQuery(q)}`;
      const times = await timeRequests(N, 3, () => s.get(url));
      console.log(`${stats(`page, ${label}`, times)}   (load ${loadNow()})`);
    }
  } finally {
    server.kill("SIGTERM");
    await exited;
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

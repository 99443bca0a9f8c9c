// Activation benchmark (issue 8, section 3): how long saving an outcome takes while a scoring run, and
// in particular its activation, runs. On the database DATABASE_URL names (seeded with BENCH_ACCOUNTS
// accounts when empty; scored once when it has no active run, so the next activation has a previous
// run's open offers to expire), K simulated reps (BENCH_REPS, default 8, each its own actor) save
// NO_ANSWER through logOutcome on the workable offers of the active run assigned to them. First a
// baseline with no scoring run, then a scoring run in a child process; each save is attributed to the
// stage that was running (a save overlapping the activation counts as "during activation"). Repeated
// BENCH_REPEATS times (default 3); the summary gives the median of the per-repeat figures.
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5433/bench_act npm run bench:activation
import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { databaseProvider } from "../../lib/db-url";
import { percentile } from "./http";
import type { ScorerMessage } from "./activation-scorer";
import type { Save } from "./activation-reps";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const URL = process.env.DATABASE_URL ?? `file:./data/bench-activation-${ACCOUNTS}.db`;
const REPS = Number(process.env.BENCH_REPS ?? 8);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 15);
/** Pause between a rep's saves (a real rep saves every half minute or so; this is a load test). */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 100);
const GOAL_P95_MS = 100;

const children = new Set<ChildProcess>();
function killChildren(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
}
process.on("exit", killChildren);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    killChildren();
    process.exit(130);
  });
}

type Stats = { n: number; p50: number; p95: number; p99: number; max: number };
function stats(saves: Save[]): Stats {
  const t = saves.map((s) => s.end - s.start).sort((a, b) => a - b);
  return { n: t.length, p50: percentile(t, 50), p95: percentile(t, 95), p99: percentile(t, 99), max: t.length ? t[t.length - 1] : NaN };
}
/**
 * Coordinated omission: a rep whose save hangs for 15 s makes no other saves meanwhile, so a percentile
 * over recorded saves counts one slow save where a steady rep would have met ~100. As HdrHistogram's
 * recordValueWithExpectedInterval does, a save slower than the rep's usual cadence also counts the saves
 * the rep would have started during it (each waiting until the same end).
 */
function corrected(saves: Save[], intervalMs: number): Save[] {
  const out: Save[] = [];
  for (const s of saves) {
    out.push(s);
    for (let start = s.start + intervalMs; start < s.end; start += intervalMs) out.push({ ...s, start });
  }
  return out;
}
const ms = (v: number) => (Number.isNaN(v) ? "-" : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`).padStart(9);
const row = (label: string, s: Stats, extra = "") => `${label.padEnd(28)} ${String(s.n).padStart(6)} ${ms(s.p50)} ${ms(s.p95)} ${ms(s.p99)} ${ms(s.max)}${extra}`;
const HEADER = `${"".padEnd(28)} ${"saves".padStart(6)} ${"p50".padStart(9)} ${"p95".padStart(9)} ${"p99".padStart(9)} ${"max".padStart(9)}`;
const median = (xs: number[]) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const outcomes = (saves: Save[]) => {
  const conflicts = saves.filter((s) => s.result === "conflict").length;
  const errors = saves.filter((s) => s.result === "error");
  return { conflicts, errors: errors.length, firstError: errors[0]?.message };
};

/**
 * Event-loop stalls of this process (the "app"): a 20 ms timer that fires late. On SQLite a save waiting
 * for the write lock sleeps inside better-sqlite3's busy handler, which stalls everything in the process.
 */
const lag: { at: number; ms: number }[] = [];
let lagTimer: NodeJS.Timeout | null = null;
function startLagMonitor(): void {
  let expected = performance.now() + 20;
  lagTimer = setInterval(() => {
    const t = performance.now();
    if (t - expected > 5) lag.push({ at: performance.timeOrigin + t, ms: t - expected });
    expected = t + 20;
  }, 20);
  lagTimer.unref();
}
/** The longest stall that began inside [from, to] (a stall is recorded when it ends). */
const maxLag = (from: number, to: number) => lag.filter((l) => l.at - l.ms >= from && l.at - l.ms <= to).reduce((m, l) => Math.max(m, l.ms), 0);

type Repeat = {
  lagBaseline: number; lagActivation: number;
  baseline: Save[]; activation: Save[]; other: Save[]; transaction: Save[]; activationCorrected: Save[];
  activationMs: number; storeActivateMs: number; runMs: number; steps: Record<string, number>; counts: Record<string, unknown>; locks: string[];
};

/** One scoring run in a child process; resolves with its stage timeline when it exits. */
function scoreInChild(onStage: (stage: string, at: number) => void): Promise<{ stages: { stage: string; at: number }[]; done?: Extract<ScorerMessage, { type: "done" }>; exitAt: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, "activation-scorer.ts"), [], {
      env: { ...process.env, DATABASE_URL: URL },
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    children.add(child);
    const stages: { stage: string; at: number }[] = [];
    let done: Extract<ScorerMessage, { type: "done" }> | undefined;
    let failure: string | undefined;
    child.on("message", (m: ScorerMessage) => {
      if (m.type === "stage") {
        stages.push({ stage: m.stage, at: m.at });
        onStage(m.stage, m.at);
      } else if (m.type === "done") done = m;
      else failure = m.error;
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      children.delete(child);
      const exitAt = performance.timeOrigin + performance.now();
      if (code === 0 && done) resolve({ stages, done, exitAt });
      else reject(new Error(`scoring child exited with ${signal ?? code}${failure ? `: ${failure}` : ""}`));
    });
  });
}

async function prepare(): Promise<void> {
  const { migrateDatabase } = await import("../lib-env");
  await migrateDatabase(URL);
  const { db } = await import("./activation-db");
  if ((await db.account.count()) === 0) {
    const { seedDatabase } = await import("../../prisma/seed/index");
    const t = performance.now();
    await seedDatabase({ url: URL, accounts: ACCOUNTS, reset: false });
    console.log(`seeded ${ACCOUNTS.toLocaleString("en-US")} accounts in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  if (!(await db.scoringRun.findFirst({ where: { active: true }, select: { id: true } }))) {
    console.log("no active scoring run: running one first (its open offers are what the measured activation expires)");
    const t = performance.now();
    await scoreInChild(() => {});
    console.log(`  first scoring run: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
}

async function main(): Promise<void> {
  // lib/db reads DATABASE_URL when it is first imported.
  process.env.DATABASE_URL = URL;
  const provider = databaseProvider(URL);
  console.log(`\n== Activation benchmark: saves while a scoring run activates (${provider}, ${URL.replace(/\/\/[^@/]*@/, "//***@")}) ==`);
  console.log(`${REPS} reps, ${THINK_MS} ms between a rep's saves, ${REPEATS} repeats, ${BASELINE_SECONDS} s baseline before each; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
  await prepare();
  const { db } = await import("./activation-db");
  const { loadReps, runReps } = await import("./activation-reps");
  const { startLockSampler } = await import("./activation-locks");
  const accounts = await db.account.count();
  console.log(`data: ${accounts.toLocaleString("en-US")} accounts, ${(await db.opportunity.count()).toLocaleString("en-US")} opportunities`);
  const results: Repeat[] = [];
  startLagMonitor();
  // Warm-up, not recorded: connections, prepared statements, JIT.
  const warm = await loadReps(REPS);
  const warmEnd = Date.now() + 3000;
  await runReps(warm, { stop: () => Date.now() >= warmEnd, thinkMs: THINK_MS, record: () => {} });

  for (let r = 1; r <= REPEATS; r++) {
    const reps = await loadReps(REPS);
    // Baseline: the same reps, no scoring run.
    const baseline: Save[] = [];
    const baseStart = performance.timeOrigin + performance.now();
    const baseEnd = Date.now() + BASELINE_SECONDS * 1000;
    await runReps(reps, { stop: () => Date.now() >= baseEnd, thinkMs: THINK_MS, record: (s) => baseline.push(s) });

    let stage = "starting";
    const during: Save[] = [];
    let finished = false;
    const sampler = provider === "postgresql" ? await startLockSampler(URL, () => stage === "activate") : null;
    const repsDone = runReps(reps, { stop: () => finished, thinkMs: THINK_MS, record: (s) => during.push(s) });
    let run: Awaited<ReturnType<typeof scoreInChild>>;
    try {
      run = await scoreInChild((s) => {
        stage = s;
        if (s === "activate" || s === "finishing") console.log(`  [repeat ${r}] ${s === "activate" ? "activation started" : "activation done"}`);
      });
    } finally {
      finished = true;
      await repsDone;
      await sampler?.stop();
    }
    const at = (s: string) => run.stages.find((x) => x.stage === s)?.at ?? NaN;
    const actStart = at("activate");
    const actEnd = at("finishing");
    const activation = during.filter((s) => s.end >= actStart && s.start <= actEnd);
    const other = during.filter((s) => !(s.end >= actStart && s.start <= actEnd));
    const a = run.done!.summary;
    // The activation transaction inside the stage: PostgreSQL's store ANALYZEs first (outside it) and
    // settles skipped rows after COMMIT; its steps are timed in order (contactCap, expire, carryOver,
    // accounts). SQLite's activation is one transaction, the whole stage.
    const st = a.activation.ms;
    const txStart = actStart + (st.analyzeBefore ?? 0);
    const txEnd = st.analyzeBefore !== undefined ? txStart + (st.contactCap ?? 0) + (st.expire ?? 0) + (st.carryOver ?? 0) + (st.accounts ?? 0) + 50 : actEnd;
    const transaction = during.filter((s) => s.end >= txStart && s.start <= txEnd);
    const cadence = THINK_MS + stats(baseline).p50;
    results.push({
      lagBaseline: maxLag(baseStart, baseStart + BASELINE_SECONDS * 1000), lagActivation: maxLag(actStart, actEnd),
      baseline, activation, other, transaction, activationCorrected: corrected(activation, cadence),
      activationMs: actEnd - actStart, storeActivateMs: Number(a.timings.activate), runMs: run.exitAt - at("starting"),
      steps: a.activation.ms, counts: { expired: a.activation.expired, carriedOver: a.activation.carriedOver, duplicatesDropped: a.activation.duplicatesDropped, accountsUpdated: a.activation.accountsUpdated },
      locks: sampler?.report() ?? [],
    });
    const res = results[results.length - 1];
    console.log(`\nrepeat ${r}: scoring run ${(res.runMs / 1000).toFixed(1)} s, activation stage ${(res.activationMs / 1000).toFixed(2)} s (store.activate ${(res.storeActivateMs / 1000).toFixed(2)} s)`);
    console.log(`  longest event-loop stall of the reps' process: ${res.lagBaseline.toFixed(0)} ms in the baseline, ${res.lagActivation.toFixed(0)} ms during activation`);
    console.log(`  activation steps (ms): ${JSON.stringify(res.steps)}; ${JSON.stringify(res.counts)}`);
    console.log(HEADER);
    for (const [label, saves] of [["no scoring run (baseline)", baseline], ["other stages", other], ["during activation", activation], ["  of which overlap its tx", transaction], ["activation, CO-corrected", res.activationCorrected]] as const) {
      const o = outcomes(saves);
      const slow = saves.filter((x) => x.end - x.start > GOAL_P95_MS).length;
      console.log(row(label, stats(saves), `   >${GOAL_P95_MS} ms ${slow}, conflicts ${o.conflicts}, errors ${o.errors}${o.firstError ? ` (${o.firstError.replace(/\s+/g, " ").slice(-160)})` : ""}`));
    }
    for (const line of res.locks) console.log(`  ${line}`);
  }

  // Summary: the median over repeats of each figure, and how many saves each rests on in total.
  console.log(`\n== Summary (${provider}, ${accounts.toLocaleString("en-US")} accounts, ${REPS} reps): median over ${results.length} repeats; saves = total over all repeats ==`);
  console.log(HEADER);
  const pooled: string[] = [];
  for (const [label, pick] of [["no scoring run (baseline)", (x: Repeat) => x.baseline], ["other stages", (x: Repeat) => x.other], ["during activation", (x: Repeat) => x.activation], ["  of which overlap its tx", (x: Repeat) => x.transaction], ["activation, CO-corrected", (x: Repeat) => x.activationCorrected]] as const) {
    const per = results.map((x) => stats(pick(x)));
    const m: Stats = { n: per.reduce((s, p) => s + p.n, 0), p50: median(per.map((p) => p.p50)), p95: median(per.map((p) => p.p95)), p99: median(per.map((p) => p.p99)), max: median(per.map((p) => p.max)) };
    const all = results.flatMap(pick);
    const o = outcomes(all);
    console.log(row(label, m, `   >${GOAL_P95_MS} ms ${all.filter((x) => x.end - x.start > GOAL_P95_MS).length}, conflicts ${o.conflicts}, errors ${o.errors}`));
    pooled.push(row(label, stats(all)));
  }
  console.log(`pooled (all repeats' saves together):`, ...pooled.map((l) => `\n${l}`));
  const act = results.map((x) => x.activationMs);
  console.log(`activation stage: median ${(median(act) / 1000).toFixed(2)} s (${act.map((v) => (v / 1000).toFixed(2)).join(", ")} s); scoring run median ${(median(results.map((x) => x.runMs)) / 1000).toFixed(1)} s`);
  console.log(`longest event-loop stall of the reps' process during activation: median ${median(results.map((x) => x.lagActivation)).toFixed(0)} ms (baseline ${median(results.map((x) => x.lagBaseline)).toFixed(0)} ms)`);
  const p95 = median(results.map((x) => stats(x.activation).p95));
  const p95tx = median(results.map((x) => stats(x.transaction).p95));
  const p95co = median(results.map((x) => stats(x.activationCorrected).p95));
  console.log(`goal: p95 of saves during activation <= ${GOAL_P95_MS} ms: ${Math.max(p95, p95co) <= GOAL_P95_MS ? "met" : "NOT met"} (judged on the larger of the stage and the corrected figure; stage ${ms(p95).trim()}, transaction ${ms(p95tx).trim()}, corrected for coordinated omission ${ms(p95co).trim()})`);
  await db.$disconnect();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

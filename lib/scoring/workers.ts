/**
 * A scoring run shared by N worker processes (`npm run score -- --workers N`). This process (the
 * coordinator) starts the run, forks scripts/score-worker.ts N times and keeps the run's heartbeat and
 * progress; worker i writes the metrics and opportunities of the accounts whose stable hash falls in
 * part i (partOf), and worker 0 the mined rules. Every worker reads all order lines and fits the same
 * global statistics (segment quintiles, the CLV fit, co-occurrence, the EASE item model, calibration),
 * which are deterministic, so the offers are exactly those of a one-process run (workers.integration
 * test). When every part has finished, the coordinator activates the run (one activation, as always);
 * when any worker fails or dies, it stops the others and fails the run, whose rows are removed, so a
 * partial result never goes live. If the coordinator itself dies, its workers exit (they watch the IPC
 * channel) and the run's heartbeat goes stale, which the next run detects.
 *
 * What the split buys today is the per-account work (scoring and writing offers, the larger part of a
 * run) on N cores; each worker still holds every order line, so memory per worker is that of a
 * one-process run (see docs/deploy.md for the plan to fit the statistics on a hash sample instead).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { formatDay } from "@/lib/analytics/dates";
import {
  afterActivation, PART_COUNTS, resolveAsOfDay, runParameters, storeForUrl, type PartSummary, type RunScoringOptions, type ScoringSummary,
} from "./run-scoring";
import { STAGES, type ProgressEvent, type StageName } from "./types";

/** The message a worker receives once, on start. */
export interface PartRequest {
  url: string;
  runId: string;
  asOf: string;
  index: number;
  count: number;
  /** Test hook: this worker throws at the start of the stage (RunScoringOptions.failAt goes to the last worker). */
  failAt?: StageName;
}

/** Messages a worker sends back. */
export type PartMessage =
  | { type: "progress"; event: ProgressEvent }
  | { type: "done"; summary: PartSummary; peakRssMb: number }
  | { type: "error"; message: string };

export const MAX_WORKERS = 32;
/** The coordinator's own heartbeat while the workers are busy (a run is stale after two minutes without one). */
const HEARTBEAT_MS = 10_000;

const WORKER_SCRIPT = () => path.join(process.cwd(), "scripts", "score-worker.ts");

function startWorker(request: PartRequest, onMessage: (m: PartMessage) => void): { child: ChildProcess; done: Promise<void> } {
  // Through tsx's loader, as the npm scripts run; the IPC channel carries progress and the result.
  const child = spawn(process.execPath, ["--import", "tsx", WORKER_SCRIPT()], {
    cwd: process.cwd(),
    env: process.env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let error: string | null = null;
  let finished = false;
  const done = new Promise<void>((resolve, reject) => {
    child.on("message", (m: PartMessage) => {
      if (m.type === "error") error = m.message;
      if (m.type === "done") finished = true;
      onMessage(m);
    });
    child.on("error", (e) => reject(new Error(`worker ${request.index} could not start: ${e.message}`)));
    child.on("exit", (code, signal) => {
      if (finished && code === 0) resolve();
      else reject(new Error(`worker ${request.index} of ${request.count} ${error ? `failed: ${error}` : `exited with ${signal ?? `code ${code}`}`}`));
    });
  });
  child.send(request);
  return { child, done };
}

export async function runScoringWithWorkers(options: RunScoringOptions, count: number): Promise<ScoringSummary> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_WORKERS) throw new Error(`workers must be an integer from 1 to ${MAX_WORKERS}`);
  const store = options.store ?? storeForUrl(options.url, options.now);
  const started = performance.now();
  let runId: string | null = null;
  const children: ChildProcess[] = [];
  let timer: NodeJS.Timeout | null = null;
  const parts: { stage: StageName; progress: number }[] = Array.from({ length: count }, () => ({ stage: "loading" as StageName, progress: 0 }));
  const results: { summary: PartSummary; peakRssMb: number }[] = [];
  let beat: Promise<void> = Promise.resolve();
  let lastBeat = 0;
  const overall = () => {
    // The least advanced worker's stage; the mean progress.
    const stage = parts.reduce((s, p) => (STAGES.indexOf(p.stage) < STAGES.indexOf(s) ? p.stage : s), parts[0].stage);
    return { stage, progress: parts.reduce((s, p) => s + p.progress, 0) / count };
  };
  const heartbeat = (force = false) => {
    if (!runId || (!force && performance.now() - lastBeat < 250)) return;
    lastBeat = performance.now();
    const { stage, progress } = overall();
    beat = beat.then(() => store.updateProgress(runId!, stage, progress)).catch((e: unknown) => {
      console.warn(`scoring: heartbeat of run ${runId} failed: ${(e as Error).message}`);
    });
  };

  try {
    const inputs = await store.loadInputs();
    const asOf = formatDay(resolveAsOfDay(options.asOf, inputs.latestOrderAt));
    const run = await store.startRun(runParameters(asOf, inputs.settings, { workers: count }), options.triggeredById ?? null);
    runId = run.runId;
    timer = setInterval(() => heartbeat(true), HEARTBEAT_MS);
    const runs = Array.from({ length: count }, (_, index) => {
      const w = startWorker({ url: options.url, runId: runId!, asOf, index, count, failAt: index === count - 1 ? options.failAt : undefined }, (m) => {
        if (m.type === "progress") {
          parts[index] = { stage: m.event.stage, progress: m.event.progress };
          heartbeat();
          const o = overall();
          options.onProgress?.({ runId: runId!, stage: o.stage, progress: o.progress, message: m.event.message ? `worker ${index + 1}/${count}: ${m.event.message}` : undefined });
        } else if (m.type === "done") results[index] = { summary: m.summary, peakRssMb: m.peakRssMb };
      });
      children.push(w.child);
      return w.done;
    });
    // The first failure stops the others (their rows go with the run).
    await Promise.all(runs.map((p) => p.catch((e: unknown) => {
      for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
      throw e;
    })));
    clearInterval(timer);
    timer = null;
    await beat;

    const counts: Record<string, unknown> = { ...results[0].summary.counts, workers: count };
    for (const key of PART_COUNTS) counts[key] = results.reduce((s, r) => s + Number(r.summary.counts[key] ?? 0), 0);
    const timings: Record<string, number> = {};
    // Per stage the slowest worker (they run side by side).
    for (const r of results) for (const [k, v] of Object.entries(r.summary.timings)) if (k !== "total") timings[k] = Math.max(timings[k] ?? 0, v);
    const workersPeakRssMb = results.map((r) => Math.round(r.peakRssMb));
    counts.workersPeakRssMb = workersPeakRssMb;
    options.onProgress?.({ runId, stage: "activate", progress: 0.95 });
    await store.updateProgress(runId, "activate", 0.95);
    timings.activate = 0;
    timings.total = Math.round(performance.now() - started);
    const t = performance.now();
    const activation = await store.activate(runId, { counts, timings });
    timings.activate = Math.round(performance.now() - t);
    timings.total = Math.round(performance.now() - started);
    await afterActivation(store, options, runId, asOf, timings);
    options.onProgress?.({ runId, stage: "activate", progress: 1, message: "done" });
    return { runId, asOf, counts: { ...counts, activation }, timings, activation, staleRunsFailed: run.staleRunsFailed };
  } catch (error) {
    if (timer) clearInterval(timer);
    for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once("exit", r)) : null)));
    if (runId) {
      try {
        await beat;
        await store.failRun(runId, (error as Error).message ?? String(error), { counts: { workers: count }, timings: { total: Math.round(performance.now() - started) } });
      } catch (cleanup) {
        console.error("scoring: could not mark the run failed:", cleanup);
      }
    }
    throw error;
  } finally {
    if (!options.store) await store.close();
  }
}

import "server-only";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * Who runs a scoring job started from the admin page. With JOBS_WORKER=external, worker processes do
 * (`npm run jobs:worker`) and the page only enqueues and watches. Otherwise (the default, and the demo and
 * e2e servers, which start no worker) the app starts a worker process of its own, `jobs-worker --once`,
 * which runs what is queued and exits. A child process rather than this one, because a scoring run keeps
 * its process busy for seconds at a time (the SQLite store is synchronous) and pages must keep answering.
 * Claiming is atomic, so a worker that happens to run as well never runs a job twice.
 */
const SCRIPT = path.join(process.cwd(), "scripts", "jobs-worker.ts");
const TSX = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");

export function jobsRunInApp(): boolean {
  return process.env.JOBS_WORKER !== "external" && fs.existsSync(TSX) && fs.existsSync(SCRIPT);
}

let child: ChildProcess | null = null;
// A start that came while the worker ran: it may have looked for work just before that job was queued.
let again = false;

/** Starts the worker process unless it is running; then it looks for work once more before it exits. */
export function runQueuedJobsInApp(): void {
  if (child) {
    again = true;
    return;
  }
  again = false;
  const worker = spawn(process.execPath, [TSX, SCRIPT, "--once"], { cwd: process.cwd(), env: process.env, stdio: ["ignore", "inherit", "inherit"] });
  child = worker;
  const done = () => {
    if (child !== worker) return;
    child = null;
    if (again) runQueuedJobsInApp();
  };
  worker.on("exit", done);
  worker.on("error", (e) => {
    console.error("[jobs] could not start the worker process", e);
    done();
  });
}

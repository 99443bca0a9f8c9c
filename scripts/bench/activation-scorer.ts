// Child process of the activation benchmark: one scoring run on DATABASE_URL, in its own process (as a
// job worker would run it) so its CPU work does not stall the simulated reps' event loop. Reports each
// stage change (wall-clock time) and the summary to the parent over IPC; exits when the parent goes away.
import { runScoring } from "../../lib/scoring/run-scoring";
import type { ScoringSummary } from "../../lib/scoring/run-scoring";

export type ScorerMessage =
  | { type: "stage"; stage: string; at: number }
  | { type: "done"; at: number; summary: Pick<ScoringSummary, "runId" | "timings" | "activation"> }
  | { type: "failed"; at: number; error: string };

const wallNow = () => performance.timeOrigin + performance.now();
const send = (m: ScorerMessage) => new Promise<void>((resolve) => (process.send ? process.send(m, () => resolve()) : resolve()));

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  // The parent died or was interrupted: do not leave a scoring run behind.
  process.on("disconnect", () => process.exit(1));
  let stage = "";
  await send({ type: "stage", stage: "starting", at: wallNow() });
  const summary = await runScoring({
    url,
    onProgress: (e) => {
      // "done" comes right after store.activate returns (transaction and settling pass).
      const next = e.message === "done" ? "finishing" : e.stage;
      if (next === stage) return;
      stage = next;
      void send({ type: "stage", stage: next, at: wallNow() });
    },
  });
  // The activation's end: store.activate (transaction + settling pass) has returned.
  await send({ type: "done", at: wallNow(), summary: { runId: summary.runId, timings: summary.timings, activation: summary.activation } });
}

main().then(
  () => process.exit(0),
  async (e: unknown) => {
    await send({ type: "failed", at: wallNow(), error: (e as Error).stack ?? String(e) });
    process.exit(1);
  },
);

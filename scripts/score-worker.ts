// One worker process of a scoring run shared by several (lib/scoring/workers.ts forks it): receives its
// part over IPC, scores it, reports progress and the result, and exits. It exits at once when the
// coordinator goes away, so a killed coordinator leaves no worker writing.
import { runScoringPart } from "../lib/scoring/run-scoring";
import type { PartMessage, PartRequest } from "../lib/scoring/workers";
import { peakRssMb } from "./score";

const send = (m: PartMessage) => new Promise<void>((resolve) => (process.send ? process.send(m, () => resolve()) : resolve()));

process.on("disconnect", () => process.exit(1));
process.once("message", async (request: PartRequest) => {
  try {
    const summary = await runScoringPart({
      url: request.url,
      asOf: request.asOf,
      part: { runId: request.runId, index: request.index, count: request.count },
      failAt: request.failAt,
      onProgress: (event) => void send({ type: "progress", event }),
    });
    await send({ type: "done", summary, peakRssMb: peakRssMb() });
    process.exit(0);
  } catch (e) {
    await send({ type: "error", message: (e as Error).message ?? String(e) });
    process.exit(1);
  }
});

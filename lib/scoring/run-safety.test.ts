// Integration: a failing or killed run leaves the previous results in force, and a second run started
// while one is running is refused.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { outcomeSchema } from "@/lib/validations/outcomes";
import { runScoring, type ScoringSummary } from "./run-scoring";
import { sqliteDate } from "./sqlite-sql";
import { inspect, opportunitiesOf, snapshot, type Inspector } from "./test-helpers";
import { ScoringRunRefusedError, STALE_AFTER_MS, type StageName } from "./types";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let q: Inspector;
let previous: ScoringSummary;

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 150, seed: 5, provider: "sqlite" });
  q = inspect(t.url);
  previous = await runScoring({ url: t.url });
  // One offer being worked, so a half-done activation would have something to move.
  const o = opportunitiesOf(q, previous.runId).find((x) => x.holdout === 0)!;
  const owner = q.get<{ email: string }>('SELECT u."email" FROM "Account" a JOIN "User" u ON u."id" = a."ownerId" WHERE a."id" = ?', o.accountId);
  const { logOutcome } = await import("@/lib/data/outcomes");
  await logOutcome(t.actor(owner.email), outcomeSchema.parse({ idempotencyKey: randomUUID(), opportunityId: o.id, version: o.version, outcome: "NO_ANSWER" }));
});

afterAll(async () => {
  q?.close();
  await t?.cleanup();
});

const failedRuns = () => q.all<{ id: string; error: string; active: number; stage: string }>(`SELECT * FROM "ScoringRun" WHERE "status" = 'FAILED' ORDER BY "startedAt"`);

describe("a run that fails part-way", () => {
  it.each<StageName>(["loading", "clv", "rules", "opportunities", "activate"])("at %s leaves the previous run and its offers untouched", async (stage) => {
    const before = snapshot(q);
    expect(before.active).toEqual([previous.runId]);
    const seen: StageName[] = [];
    await expect(runScoring({ url: t.url, failAt: stage, chunkSize: 40, onProgress: (e) => seen.push(e.stage) })).rejects.toThrow(`injected failure at stage ${stage}`);
    expect(seen).toContain(stage);
    expect(snapshot(q)).toEqual(before);
    const failed = failedRuns().at(-1)!;
    expect(failed.error).toContain(`${stage}: injected failure`);
    expect(failed.active).toBe(0);
    expect(failed.stage).toBe(stage);
    for (const table of ["Opportunity", "AccountMetrics", "MinedRule"]) {
      expect(q.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}" WHERE "runId" = ?`, failed.id).n).toBe(0);
    }
  });

  it("did write rows before failing at activation (so the rollback above was real)", async () => {
    let rows = 0;
    await expect(
      runScoring({
        url: t.url,
        failAt: "activate",
        onProgress: (e) => {
          if (e.stage === "activate") rows = q.get<{ n: number }>('SELECT COUNT(*) AS n FROM "Opportunity" WHERE "runId" = ?', e.runId).n;
        },
      }),
    ).rejects.toThrow(/activate/);
    expect(rows).toBeGreaterThan(100);
  });
});

describe("concurrent runs", () => {
  it("refuses a second run while one is running, with its start time, stage and progress", async () => {
    let refusal: unknown = null;
    const summary = await runScoring({
      url: t.url,
      onProgress: (e) => {
        if (e.stage === "rules" && refusal === null) {
          refusal = "pending";
          runScoring({ url: t.url }).then(
            () => (refusal = new Error("second run was not refused")),
            (err) => (refusal = err),
          );
        }
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(refusal).toBeInstanceOf(ScoringRunRefusedError);
    expect((refusal as Error).message).toMatch(/^a scoring run started at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC is still running \(stage rules, \d+%; run \w+\)$/);
    expect(q.activeRunId()).toEqual([summary.runId]);
    previous = summary;
  });

  it("refuses while another process's run has a fresh heartbeat, and takes over from a stale one", async () => {
    const now = Date.now();
    const insert = (id: string, heartbeat: number) =>
      q.run(
        `INSERT INTO "ScoringRun" ("id", "status", "active", "stage", "progress", "parameters", "startedAt", "heartbeatAt") VALUES (?, 'RUNNING', 0, 'opportunities', 0.4, '{}', ?, ?)`,
        id, sqliteDate(now - 60_000), sqliteDate(heartbeat),
      );
    insert("fresh-run", now - 5_000);
    await expect(runScoring({ url: t.url })).rejects.toThrow(/is still running \(stage opportunities, 40%; run fresh-run\)/);
    expect(q.activeRunId()).toEqual([previous.runId]);

    // The process was killed: no heartbeat for longer than STALE_AFTER_MS.
    q.run(`UPDATE "ScoringRun" SET "heartbeatAt" = ? WHERE "id" = 'fresh-run'`, sqliteDate(now - STALE_AFTER_MS - 1000));
    const summary = await runScoring({ url: t.url });
    expect(summary.staleRunsFailed).toEqual(["fresh-run"]);
    expect(q.get('SELECT "status", "error" FROM "ScoringRun" WHERE "id" = ?', "fresh-run")).toMatchObject({ status: "FAILED", error: expect.stringMatching(/^stale: no heartbeat since/) });
    expect(q.activeRunId()).toEqual([summary.runId]);
  });
});

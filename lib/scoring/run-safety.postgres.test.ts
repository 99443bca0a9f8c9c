// Integration on PostgreSQL (TEST_POSTGRES_URL): a failing or killed run leaves the previous results in
// force, concurrent starts from separate stores (as from two app instances) let exactly one run, a
// stale run is failed and taken over, and readers are not blocked while an activation is open.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { outcomeSchema } from "@/lib/validations/outcomes";
import { pgDate } from "./postgres-sql";
import { createPostgresStore } from "./postgres-store";
import { inspectPg, skipMessage, snapshotPg, TEST_POSTGRES_URL, type PgInspector } from "./postgres-test-helpers";
import { runScoring, type ScoringSummary } from "./run-scoring";
import { ScoringRunRefusedError, STALE_AFTER_MS, type StageName } from "./types";

if (!TEST_POSTGRES_URL) console.warn(skipMessage("lib/scoring/run-safety.postgres.test.ts"));

describe.skipIf(!TEST_POSTGRES_URL)("scoring run safety on PostgreSQL", () => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let q: PgInspector;
  let previous: ScoringSummary;

  beforeAll(async () => {
    t = await createTestDatabase({ accounts: 150, seed: 5, provider: "postgresql" });
    q = inspectPg(t.url);
    previous = await runScoring({ url: t.url });
    // One offer being worked, so a half-done activation would have something to move.
    const o = (await q.all<{ id: string; accountId: string; version: number }>(
      'SELECT "id", "accountId", "version" FROM "Opportunity" WHERE "runId" = ? AND "holdout" = FALSE ORDER BY "id" LIMIT 1', previous.runId))[0];
    const owner = await q.get<{ email: string }>('SELECT u."email" FROM "Account" a JOIN "User" u ON u."id" = a."ownerId" WHERE a."id" = ?', o.accountId);
    const { logOutcome } = await import("@/lib/data/outcomes");
    await logOutcome(t.actor(owner.email), outcomeSchema.parse({ idempotencyKey: randomUUID(), opportunityId: o.id, version: o.version, outcome: "NO_ANSWER" }));
  });

  afterAll(async () => {
    await q?.close();
    await t?.cleanup();
  });

  const failedRuns = () => q.all<{ id: string; error: string; active: boolean; stage: string }>(`SELECT * FROM "ScoringRun" WHERE "status" = 'FAILED' ORDER BY "startedAt", "id"`);

  it.each<StageName>(["loading", "clv", "rules", "opportunities", "activate"])("a run failing at %s leaves the previous run and its offers untouched", async (stage) => {
    const before = await snapshotPg(q);
    expect(before.active).toEqual([previous.runId]);
    const seen: StageName[] = [];
    await expect(runScoring({ url: t.url, failAt: stage, chunkSize: 40, onProgress: (e) => seen.push(e.stage) })).rejects.toThrow(`injected failure at stage ${stage}`);
    expect(seen).toContain(stage);
    expect(await snapshotPg(q)).toEqual(before);
    const failed = (await failedRuns()).at(-1)!;
    expect(failed.error).toContain(`${stage}: injected failure`);
    expect(failed.active).toBe(false);
    expect(failed.stage).toBe(stage);
    for (const table of ["Opportunity", "AccountMetrics", "MinedRule"]) {
      expect((await q.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}" WHERE "runId" = ?`, failed.id)).n).toBe(0);
    }
  });

  it("did write rows before failing at activation (so the rollback above was real), and readers saw the previous run meanwhile", async () => {
    let counted: Promise<{ n: number }> | null = null;
    let activeSeenInside: string[] = [];
    let readMs = Infinity;
    await expect(
      runScoring({
        url: t.url,
        failAt: "activate",
        onProgress: (e) => {
          if (e.stage === "activate") counted ??= q.get<{ n: number }>('SELECT COUNT(*) AS n FROM "Opportunity" WHERE "runId" = ?', e.runId);
        },
      }),
    ).rejects.toThrow(/activate/);
    const rows = (await counted!).n;
    expect(rows).toBeGreaterThan(100);

    // An activation held open (its transaction waits in the hook): a reader is answered at once, with the old run.
    const store = createPostgresStore(t.url);
    const started = await store.startRun({}, null);
    let release!: () => void;
    const holding = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const entered = new Promise<void>((r) => (inside = r));
    const activation = store.activate(started.runId, { counts: {}, timings: {} }, async () => {
      inside();
      await holding;
      throw new Error("injected failure inside the open activation");
    });
    await entered;
    const t0 = performance.now();
    activeSeenInside = await q.activeRunId();
    await q.all('SELECT "id" FROM "Opportunity" WHERE "runId" = ? AND "status" = \'OPEN\' LIMIT 50', previous.runId);
    readMs = performance.now() - t0;
    release();
    await expect(activation).rejects.toThrow(/open activation/);
    await store.failRun(started.runId, "test", { counts: {}, timings: {} });
    await store.close();
    expect(activeSeenInside).toEqual([previous.runId]);
    expect(readMs).toBeLessThan(1000);
    expect(await q.activeRunId()).toEqual([previous.runId]);
  });

  it("refuses a second run while one is running, with its start time, stage and progress", async () => {
    let refusal: unknown = null;
    let second: Promise<void> | null = null;
    const summary = await runScoring({
      url: t.url,
      onProgress: (e) => {
        if (e.stage === "rules" && second === null) {
          second = runScoring({ url: t.url }).then(
            () => void (refusal = new Error("second run was not refused")),
            (err) => void (refusal = err),
          );
        }
      },
    });
    await second;
    expect(refusal).toBeInstanceOf(ScoringRunRefusedError);
    expect((refusal as Error).message).toMatch(/^a scoring run started at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC is still running \(stage \w+, \d+%; run \w+\)$/);
    expect(await q.activeRunId()).toEqual([summary.runId]);
    previous = summary;
  });

  it("lets exactly one of several simultaneous starters (separate connections, as from two instances) run", async () => {
    const stores = Array.from({ length: 4 }, () => createPostgresStore(t.url));
    const results = await Promise.allSettled(stores.map((s) => s.startRun({}, null)));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ScoringRunRefusedError);
    const runId = (won[0] as PromiseFulfilledResult<{ runId: string }>).value.runId;
    expect((await q.all(`SELECT "id" FROM "ScoringRun" WHERE "status" = 'RUNNING'`)).map((r) => r.id)).toEqual([runId]);
    await stores[0].failRun(runId, "test cleanup", { counts: {}, timings: {} });
    await Promise.all(stores.map((s) => s.close()));
  });

  it("refuses while another process's run has a fresh heartbeat, and takes over from a stale one", async () => {
    const now = Date.now();
    await q.run(
      `INSERT INTO "ScoringRun" ("id", "status", "active", "stage", "progress", "parameters", "startedAt", "heartbeatAt") VALUES (?, 'RUNNING', FALSE, 'opportunities', 0.4, '{}', ?::timestamp, ?::timestamp)`,
      "fresh-run", pgDate(now - 60_000), pgDate(now - 5_000),
    );
    await expect(runScoring({ url: t.url })).rejects.toThrow(/is still running \(stage opportunities, 40%; run fresh-run\)/);
    expect(await q.activeRunId()).toEqual([previous.runId]);

    // The process was killed: no heartbeat for longer than STALE_AFTER_MS.
    await q.run(`UPDATE "ScoringRun" SET "heartbeatAt" = ?::timestamp WHERE "id" = 'fresh-run'`, pgDate(now - STALE_AFTER_MS - 1000));
    const summary = await runScoring({ url: t.url });
    expect(summary.staleRunsFailed).toEqual(["fresh-run"]);
    expect(await q.get('SELECT "status"::text AS "status", "error" FROM "ScoringRun" WHERE "id" = ?', "fresh-run")).toMatchObject({
      status: "FAILED", error: expect.stringMatching(/^stale: no heartbeat since/),
    });
    expect(await q.activeRunId()).toEqual([summary.runId]);
    previous = summary;
  });

  it("does not activate a run that was declared stale and failed meanwhile", async () => {
    const store = createPostgresStore(t.url);
    const { runId } = await store.startRun({}, null);
    await q.run(`UPDATE "ScoringRun" SET "status" = 'FAILED', "error" = 'stale' WHERE "id" = ?`, runId);
    await expect(store.activate(runId, { counts: {}, timings: {} })).rejects.toThrow(/no longer RUNNING/);
    await store.close();
    expect((await q.activeRunId())).not.toContain(runId);
  });

  it("never waits for a rep's save that holds an offer and its account: the new run goes live, the held offer is settled after COMMIT", async () => {
    const held = (await q.all<{ id: string; accountId: string }>(
      `SELECT o."id", o."accountId" FROM "Opportunity" o WHERE o."runId" = ? AND o."status" = 'OPEN' AND o."attempts" = 0
         AND NOT EXISTS (SELECT 1 FROM "Activity" a WHERE a."opportunityId" = o."id") ORDER BY o."id" LIMIT 1`, previous.runId))[0];
    expect(held).toBeDefined();
    // The locks a save's UPDATEs take (non-key columns): the offer first, then its account.
    const rep = await q.pool.connect();
    let running: Promise<ScoringSummary> | null = null;
    let active: string[] = [previous.runId];
    try {
      await rep.query("BEGIN");
      await rep.query('SELECT 1 FROM "Opportunity" WHERE "id" = $1 FOR NO KEY UPDATE', [held.id]);
      await rep.query('SELECT 1 FROM "Account" WHERE "id" = $1 FOR NO KEY UPDATE', [held.accountId]);
      running = runScoring({ url: t.url });
      running.catch(() => {});
      for (let i = 0; i < 600 && active[0] === previous.runId; i++) {
        await new Promise((r) => setTimeout(r, 50));
        active = await q.activeRunId();
      }
      expect(active).toHaveLength(1);
      expect(active[0]).not.toBe(previous.runId);
      // Live while the save still holds its rows; that offer waits for the settling pass.
      expect(await q.get('SELECT "status"::text AS "status" FROM "Opportunity" WHERE "id" = ?', held.id)).toEqual({ status: "OPEN" });
    } finally {
      await rep.query("ROLLBACK");
      rep.release();
    }
    const summary = await running!;
    expect(summary.runId).toBe(active[0]);
    expect(await q.get('SELECT "status"::text AS "status", "runId" FROM "Opportunity" WHERE "id" = ?', held.id)).toEqual({ status: "EXPIRED", runId: previous.runId });
    expect(await q.get(`SELECT COUNT(*) AS n FROM "Opportunity" WHERE "runId" = ? AND "status" = 'OPEN'`, previous.runId)).toEqual({ n: 0 });
    const expired = (await q.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "Opportunity" WHERE "runId" = ? AND "status" = 'EXPIRED'`, previous.runId)).n;
    expect(summary.activation.expired).toBe(expired);
    const stored = await q.get<{ counts: { activation: { expired: number } } }>('SELECT "counts" FROM "ScoringRun" WHERE "id" = ?', summary.runId);
    expect(stored.counts.activation.expired).toBe(expired);
    previous = summary;
  });
});

// Integration: pruning EXPIRED opportunities on a real database (SQLite by default, PostgreSQL with
// TEST_DATABASE=postgresql): exactly the ones outside the window without history go, nothing else.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { pruneExpiredOpportunities, readRetentionDays } from "@/lib/retention";
import type { OpportunityStatus, RunStatus } from "@/lib/generated/prisma/enums";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
const NOW = new Date();
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

/** Ids of opportunities that must be deleted, and of every opportunity that must stay. */
const doomed = new Set<string>();
const kept = new Set<string>();
let activityId: string;
let orderLineId: string;
let withActivity: string;
let withOrderLine: string;
let oldRunId: string;
const EXTRA = 25;

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 120 });
  const accounts = await t.db.account.findMany({ select: { id: true, ownerId: true }, orderBy: { id: "asc" }, take: 60 });
  const products = await t.db.product.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: 5 });
  let n = 0;
  const run = (status: RunStatus, active: boolean, started: number, finished: number | null) =>
    t.db.scoringRun.create({ data: { status, active, parameters: {}, startedAt: daysAgo(started), heartbeatAt: daysAgo(started), finishedAt: finished === null ? null : daysAgo(finished) } });
  const opp = async (runId: string, status: OpportunityStatus, closed: number | null, fate: "delete" | "keep", extra: { holdout?: boolean; updated?: number } = {}) => {
    const a = accounts[n % accounts.length];
    const o = await t.db.opportunity.create({
      data: {
        runId, accountId: a.id, productId: products[n++ % products.length].id, assigneeId: a.ownerId, status,
        probability: 0.2, expectedValue: 50, reason: { kind: "test" }, reasonText: "test", rank: 1,
        holdout: extra.holdout ?? false, closedAt: closed === null ? null : daysAgo(closed),
        createdAt: daysAgo(400), updatedAt: daysAgo(extra.updated ?? closed ?? 0),
      },
    });
    (fate === "delete" ? doomed : kept).add(o.id);
    return o;
  };

  // A run finished 400 days ago whose offers expired 390 days ago, when the next run went live.
  const old = await run("COMPLETED", false, 400, 400);
  oldRunId = old.id;
  await opp(old.id, "EXPIRED", 390, "delete");
  await opp(old.id, "EXPIRED", 390, "delete", { holdout: true });
  await opp(old.id, "EXPIRED", null, "delete", { updated: 390 }); // closedAt missing: updatedAt decides
  await opp(old.id, "EXPIRED", null, "keep", { updated: 5 });
  for (let i = 0; i < EXTRA; i++) await opp(old.id, "EXPIRED", 390, "delete", { holdout: i % 10 === 0 });
  withActivity = (await opp(old.id, "EXPIRED", 390, "keep")).id;
  withOrderLine = (await opp(old.id, "EXPIRED", 390, "keep")).id;
  for (const status of ["LOST", "WON", "SUPPRESSED"] as const) await opp(old.id, status, 395, "keep");
  await opp(old.id, "OPEN", null, "keep", { updated: 390 });
  await opp(old.id, "SNOOZED", null, "keep", { updated: 390 });
  const activity = await t.db.activity.create({
    data: { idempotencyKey: "retention-test-1", opportunityId: withActivity, accountId: accounts[0].id, userId: accounts[0].ownerId, channel: "CALL", outcome: "NO_ANSWER", notes: "rang twice", createdAt: daysAgo(392) },
  });
  activityId = activity.id;
  const line = await t.db.orderLine.findFirstOrThrow({ select: { id: true } });
  orderLineId = line.id;
  await t.db.orderLine.update({ where: { id: line.id }, data: { opportunityId: withOrderLine } });

  // A run finished 300 days ago that stayed active until 10 days ago: its offers expired inside the window.
  const longLived = await run("COMPLETED", false, 300, 300);
  await opp(longLived.id, "EXPIRED", 10, "keep");
  // A run younger than the window (100 days): every offer stays for the uplift figures.
  const young = await run("COMPLETED", false, 100, 100);
  await opp(young.id, "EXPIRED", 99, "keep");
  await opp(young.id, "EXPIRED", 99, "keep", { holdout: true });
  // Finished inside the window but started before it (a long run): younger than the window.
  const straddling = await run("COMPLETED", false, 185, 170);
  await opp(straddling.id, "EXPIRED", 190, "keep");
  // A stale RUNNING run and the active run, both old: never touched.
  const stale = await run("RUNNING", false, 400, null);
  await opp(stale.id, "EXPIRED", 390, "keep");
  const active = await run("COMPLETED", true, 400, 400);
  await opp(active.id, "EXPIRED", 390, "keep");
  await opp(active.id, "OPEN", null, "keep", { updated: 390 });
  // A failed run from long ago whose rows somehow remained: outside the window, pruned.
  const failed = await run("FAILED", false, 380, 380);
  await opp(failed.id, "EXPIRED", 380, "delete");
});

afterAll(async () => t?.cleanup());

const allIds = async () => new Set((await t.db.opportunity.findMany({ select: { id: true } })).map((o) => o.id));

describe("pruneExpiredOpportunities", () => {
  it("defaults to 180 days and reads the retentionDays setting", async () => {
    expect(await readRetentionDays(t.db)).toBe(180);
    await t.db.setting.create({ data: { key: "retentionDays", value: 500 } });
    expect(await readRetentionDays(t.db)).toBe(500);
    // Everything is younger than 500 days: nothing to prune.
    const r = await pruneExpiredOpportunities(t.db, { now: NOW, dryRun: true });
    expect(r).toMatchObject({ retentionDays: 500, deleted: 0 });
    await t.db.setting.update({ where: { key: "retentionDays" }, data: { value: 7 } });
    expect(await readRetentionDays(t.db)).toBe(180); // invalid: below the 60-day purchase window
    await t.db.setting.delete({ where: { key: "retentionDays" } });
    await expect(pruneExpiredOpportunities(t.db, { now: NOW, retentionDays: 30 })).rejects.toThrow(/>= 60/);
  });

  it("a dry run counts exactly the prunable ones and deletes nothing", async () => {
    const before = await allIds();
    const r = await pruneExpiredOpportunities(t.db, { now: NOW, dryRun: true });
    expect(r.dryRun).toBe(true);
    expect(r.deleted).toBe(doomed.size);
    expect(r.runs.find((x) => x.runId === oldRunId)).toMatchObject({ deleted: doomed.size - 1, keptWithHistory: 2 });
    expect(await allIds()).toEqual(before);
  });

  it("deletes exactly the EXPIRED offers of past runs without activities or order lines, in batches", async () => {
    const before = await allIds();
    expect(before).toEqual(new Set([...doomed, ...kept]));
    const activitiesBefore = await t.db.activity.count();
    const r = await pruneExpiredOpportunities(t.db, { now: NOW, batchSize: 7, pauseMs: 0 });
    expect(r.deleted).toBe(doomed.size);
    expect(r.batches).toBeGreaterThanOrEqual(Math.ceil((doomed.size - 1) / 7));
    expect(await allIds()).toEqual(kept);
    // History untouched and still linked.
    expect(await t.db.activity.count()).toBe(activitiesBefore);
    expect(await t.db.activity.findUniqueOrThrow({ where: { id: activityId } })).toMatchObject({ opportunityId: withActivity, notes: "rang twice" });
    expect(await t.db.orderLine.findUniqueOrThrow({ where: { id: orderLineId }, select: { opportunityId: true } })).toEqual({ opportunityId: withOrderLine });
    // Runs themselves stay.
    expect(await t.db.scoringRun.count()).toBe(7);
  });

  it("a second prune deletes nothing", async () => {
    const r = await pruneExpiredOpportunities(t.db, { now: NOW });
    expect(r.deleted).toBe(0);
    expect(await allIds()).toEqual(kept);
  });

  it("npm run db:prune -- --dry-run reports on the database DATABASE_URL names", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const out = spawnSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/prune.ts", "--dry-run", "--days=100"], {
      cwd: root, env: { ...process.env, DATABASE_URL: t.url }, encoding: "utf8",
    });
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    // With a 100-day window the 300-day-old run's offer (expired 10 days ago) is still kept; the straddling
    // run (finished 170 days ago, its offer expired 190 days ago) now falls outside.
    expect(out.stdout).toMatch(/dry run: would delete 1 opportunities/);
  });
});

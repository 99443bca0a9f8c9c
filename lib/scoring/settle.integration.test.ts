// Integration (SQLite and PostgreSQL): after the switch, a retired run is settled in batches (its
// untouched offers expire, worked ones move, accounts take the new figures); a run whose settling was cut
// short (the process killed after the switch) is finished by the next activation, including an offer a
// rep worked in between.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { outcomeSchema } from "@/lib/validations/outcomes";

let t: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  // More accounts than one settling batch, so the keyset over account ids is exercised.
  t = await createTestDatabase({ accounts: 1300, seed: 7 });
});
afterAll(async () => t?.cleanup());

async function accountsMatchActiveMetrics(runId: string) {
  const metrics = await t.db.accountMetrics.findMany({ where: { runId }, select: { accountId: true, segment: true, clv: true } });
  const byId = new Map(metrics.map((m) => [m.accountId, m]));
  const accounts = await t.db.account.findMany({ select: { id: true, segment: true, clv: true } });
  return accounts.filter((a) => (byId.get(a.id)?.segment ?? null) !== a.segment || (byId.get(a.id)?.clv ?? null) !== a.clv).length;
}

it("settles the retired run completely and marks it settled", async () => {
  const { runScoring } = await import("@/lib/scoring/run-scoring");
  const first = await runScoring({ url: t.url });
  const second = await runScoring({ url: t.url });
  const old = await t.db.scoringRun.findUniqueOrThrow({ where: { id: first.runId }, select: { active: true, retiredAt: true, settledAt: true } });
  expect(old.active).toBe(false);
  expect(old.retiredAt).not.toBeNull();
  expect(old.settledAt).not.toBeNull();
  expect(await t.db.opportunity.count({ where: { runId: first.runId, status: { in: ["OPEN", "SNOOZED"] } } })).toBe(0);
  const expired = await t.db.opportunity.count({ where: { runId: first.runId, status: "EXPIRED" } });
  expect(expired).toBeGreaterThan(1000);
  expect(second.activation.expired).toBe(expired);
  expect(await accountsMatchActiveMetrics(second.runId)).toBe(0);
  const current = await t.db.scoringRun.findUniqueOrThrow({ where: { id: second.runId }, select: { retiredAt: true, settledAt: true } });
  expect(current).toEqual({ retiredAt: null, settledAt: null });
});

it("finishes a settling cut short by a killed process at the next activation, carrying over an offer worked in between", async () => {
  const { runScoring } = await import("@/lib/scoring/run-scoring");
  const { logOutcome } = await import("@/lib/data/outcomes");
  const active = await t.db.scoringRun.findFirstOrThrow({ where: { active: true }, select: { id: true } });
  // A third run switched over and was killed before settling: the retired run keeps open offers and
  // accounts keep the figures they had.
  const third = await runScoring({ url: t.url });
  const leftIds = (await t.db.opportunity.findMany({ where: { runId: active.id, status: "EXPIRED", holdout: false, attempts: 0 }, select: { id: true }, take: 40, orderBy: { id: "asc" } })).map((o) => o.id);
  expect(leftIds).toHaveLength(40);
  await t.db.opportunity.updateMany({ where: { id: { in: leftIds } }, data: { status: "OPEN", closedAt: null } });
  await t.db.scoringRun.update({ where: { id: active.id }, data: { settledAt: null } });
  const wrongAccount = await t.db.account.findFirstOrThrow({ where: { segment: { not: null } }, select: { id: true } });
  await t.db.account.update({ where: { id: wrongAccount.id }, data: { segment: "stale-segment" } });

  // A rep in call mode logs an attempt on one of the retired run's offers meanwhile.
  const worked = await t.db.opportunity.findUniqueOrThrow({ where: { id: leftIds[0] }, select: { id: true, version: true, assignee: { select: { email: true } } } });
  await logOutcome(t.actor(worked.assignee.email), outcomeSchema.parse({ idempotencyKey: randomUUID(), opportunityId: worked.id, version: worked.version, outcome: "NO_ANSWER" }));

  const fourth = await runScoring({ url: t.url });
  expect(await t.db.scoringRun.findUniqueOrThrow({ where: { id: active.id }, select: { settledAt: true } })).not.toEqual({ settledAt: null });
  expect(await t.db.opportunity.count({ where: { id: { in: leftIds.slice(1) }, status: "EXPIRED" } })).toBe(39);
  // The worked offer travelled on to the live run with its attempt.
  expect(await t.db.opportunity.findUniqueOrThrow({ where: { id: worked.id }, select: { runId: true, status: true, attempts: true } })).toEqual({
    runId: fourth.runId, status: "OPEN", attempts: 1,
  });
  expect(await t.db.opportunity.count({ where: { runId: { in: [active.id, third.runId] }, status: { in: ["OPEN", "SNOOZED"] } } })).toBe(0);
  expect(await accountsMatchActiveMetrics(fourth.runId)).toBe(0);
});

it("never fails a run that went live: its offers stay, whatever goes wrong after the switch", async () => {
  const { storeForUrl } = await import("@/lib/scoring/run-scoring");
  const live = await t.db.scoringRun.findFirstOrThrow({ where: { active: true }, select: { id: true } });
  const offers = await t.db.opportunity.count({ where: { runId: live.id } });
  expect(offers).toBeGreaterThan(0);
  const store = storeForUrl(t.url);
  try {
    await store.failRun(live.id, "activate: database is locked", { counts: {}, timings: {} });
  } finally {
    await store.close();
  }
  expect(await t.db.scoringRun.findUniqueOrThrow({ where: { id: live.id }, select: { status: true, active: true } })).toEqual({ status: "COMPLETED", active: true });
  expect(await t.db.opportunity.count({ where: { runId: live.id } })).toBe(offers);
});

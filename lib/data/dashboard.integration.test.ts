// Integration (SQLite and PostgreSQL): the dashboard facts equal a recomputation from the raw rows on
// seeded data with demo history, and the dashboard is scoped (manager: team; admin: all; rep: not found).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createOpportunities, createTestDatabase } from "@/lib/testing/test-db";
import { outcomeSchema } from "@/lib/validations/outcomes";
import { addDays, dayIn, dayStart } from "@/lib/dashboard/calendar";
import { parseDashboardParams } from "@/lib/dashboard/params";
import type { Actor } from "@/lib/auth/actor";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let data: typeof import("@/lib/data/dashboard");
let nina: Actor, admin: Actor, ava: Actor;
const TZ = "Europe/London";

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 300, seed: 11 });
  const { generateSeedTables, DEFAULT_END_DATE } = await import("@/prisma/seed/generator");
  const { writeHistory } = await import("@/prisma/seed/history-writer");
  await writeHistory(t.url, generateSeedTables({ accounts: 300, seed: 11 }), { seed: 11, endDate: DEFAULT_END_DATE });
  // Segments as a scoring run leaves them (a third each in two segments, a third without), then the facts
  // rebuilt: every per-segment fact is exercised.
  const ids = (await t.db.account.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((a) => a.id);
  await t.db.account.updateMany({ where: { id: { in: ids.filter((_, i) => i % 3 === 0) } }, data: { segment: "Champions" } });
  await t.db.account.updateMany({ where: { id: { in: ids.filter((_, i) => i % 3 === 1) } }, data: { segment: "Loyal" } });
  const { refreshDashboardFacts } = await import("@/lib/dashboard/refresh");
  await refreshDashboardFacts(t.db);
  data = await import("@/lib/data/dashboard");
  nina = t.actor("nina.manager@example.com");
  admin = t.actor("admin@example.com");
  ava = t.actor("ava@example.com");
});

afterAll(async () => {
  await t?.cleanup();
});

/** Business-day bounds of [from, to] as instants. */
const bounds = (from: string, to: string) => ({ gte: dayStart(from, TZ), lt: dayStart(addDays(to, 1), TZ) });

describe("dashboard facts equal a recomputation from the raw rows", () => {
  it("orders, revenue and buyers per team over 90 days (across the October clock change)", async () => {
    const from = "2026-08-17";
    const to = "2026-11-14";
    for (const teamId of ["team_north", "team_south"]) {
      const raw = await t.db.order.findMany({ where: { account: { teamId }, orderedAt: bounds(from, to) }, select: { accountId: true, orderedAt: true, totalCents: true } });
      const facts = await t.db.orderDayFact.aggregate({ where: { teamId, day: { gte: from, lte: to } }, _sum: { orders: true, revenueCents: true, buyers: true } });
      expect(raw.length).toBeGreaterThan(100);
      expect(facts._sum.orders).toBe(raw.length);
      expect(facts._sum.revenueCents).toBe(raw.reduce((s, o) => s + o.totalCents, 0));
      const buyerDays = new Set(raw.map((o) => `${o.accountId}|${dayIn(o.orderedAt, TZ)}`));
      expect(facts._sum.buyers).toBe(buyerDays.size);
    }
  });

  it("cross-sold lines: revenue, quantity and returns", async () => {
    const lines = await t.db.orderLine.findMany({ where: { opportunityId: { not: null } }, select: { quantity: true, unitPriceCents: true, returnedQuantity: true } });
    const facts = await t.db.categoryDayFact.aggregate({ _sum: { crossSellRevenueCents: true, crossSellQuantity: true, crossSellReturned: true } });
    expect(lines.length).toBeGreaterThan(0);
    expect(facts._sum.crossSellRevenueCents).toBe(lines.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0));
    expect(facts._sum.crossSellQuantity).toBe(lines.reduce((s, l) => s + l.quantity, 0));
    expect(facts._sum.crossSellReturned).toBe(lines.reduce((s, l) => s + l.returnedQuantity, 0));
    // The order facts carry the same sums (what the page reads without a category filter), per team too.
    const onOrders = await t.db.orderDayFact.aggregate({ _sum: { crossSellRevenueCents: true, crossSellQuantity: true, crossSellReturned: true } });
    expect(onOrders._sum).toEqual(facts._sum);
    const all = await t.db.orderLine.aggregate({ where: { order: { account: { teamId: "team_south" } } }, _sum: { quantity: true } });
    const revenue = await t.db.orderLine.findMany({ where: { order: { account: { teamId: "team_south" } } }, select: { quantity: true, unitPriceCents: true } });
    const south = await t.db.orderDayFact.aggregate({ where: { teamId: "team_south" }, _sum: { lineRevenueCents: true } });
    expect(all._sum.quantity).toBeGreaterThan(0);
    expect(south._sum.lineRevenueCents).toBe(revenue.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0));
  });

  it("attach rate of a pair per team: orders with A and B / orders with A", async () => {
    const { attachRateFromOrders } = await import("@/lib/analytics/kpis");
    const facts = await t.db.pairDayFact.groupBy({ by: ["pairId"], where: { teamId: "team_north" }, _sum: { ordersWithSource: true, ordersWithBoth: true }, orderBy: { _sum: { ordersWithBoth: "desc" } }, take: 1 });
    const pair = await t.db.productPair.findUniqueOrThrow({ where: { id: facts[0].pairId }, select: { sourceProductId: true, targetProductId: true } });
    const orders = await t.db.order.findMany({ where: { account: { teamId: "team_north" } }, select: { lines: { select: { productId: true } } } });
    const baskets = orders.map((o) => o.lines.map((l) => l.productId));
    expect(facts[0]._sum.ordersWithBoth).toBeGreaterThan(0);
    expect(facts[0]._sum.ordersWithBoth! / facts[0]._sum.ordersWithSource!).toBeCloseTo(attachRateFromOrders(baskets, pair.sourceProductId, pair.targetProductId)!, 12);
    expect(facts[0]._sum.ordersWithSource).toBe(baskets.filter((b) => b.includes(pair.sourceProductId)).length);
  });

  it("attach rate per owner and segment: the rep-level facts add up to the team's and equal the baskets", async () => {
    const { attachRateFromOrders } = await import("@/lib/analytics/kpis");
    const team = await t.db.pairDayFact.groupBy({ by: ["pairId"], where: { teamId: "team_north" }, _sum: { ordersWithSource: true, ordersWithBoth: true }, orderBy: { pairId: "asc" } });
    const reps = await t.db.pairRepDayFact.groupBy({ by: ["pairId"], where: { teamId: "team_north" }, _sum: { ordersWithSource: true, ordersWithBoth: true }, orderBy: { pairId: "asc" } });
    expect(reps).toEqual(team);
    const facts = await t.db.pairRepDayFact.groupBy({
      by: ["pairId"], where: { ownerId: ava.id, segment: "Champions" }, _sum: { ordersWithSource: true, ordersWithBoth: true }, orderBy: { _sum: { ordersWithBoth: "desc" } }, take: 1,
    });
    const pair = await t.db.productPair.findUniqueOrThrow({ where: { id: facts[0].pairId }, select: { sourceProductId: true, targetProductId: true } });
    const orders = await t.db.order.findMany({ where: { account: { ownerId: ava.id, segment: "Champions" } }, select: { lines: { select: { productId: true } } } });
    const baskets = orders.map((o) => o.lines.map((l) => l.productId));
    expect(facts[0]._sum.ordersWithBoth).toBeGreaterThan(0);
    expect(facts[0]._sum.ordersWithSource).toBe(baskets.filter((b) => b.includes(pair.sourceProductId)).length);
    expect(facts[0]._sum.ordersWithBoth! / facts[0]._sum.ordersWithSource!).toBeCloseTo(attachRateFromOrders(baskets, pair.sourceProductId, pair.targetProductId)!, 12);
  });

  it("the attach-rate tile applies rep and segment filters: over the period's orders of that rep's accounts in the segment", async () => {
    const from = "2026-08-17";
    const to = "2026-11-14";
    const d = await data.dashboardData(nina, parseDashboardParams({ period: "custom", from, to, rep: ava.id, segment: "Champions" }));
    const pairs = await t.db.productPair.findMany({ where: { active: true }, select: { sourceProductId: true, targetProductId: true } });
    const orders = await t.db.order.findMany({ where: { account: { ownerId: ava.id, segment: "Champions" }, orderedAt: bounds(from, to) }, select: { lines: { select: { productId: true } } } });
    let withSource = 0;
    let withBoth = 0;
    for (const o of orders) {
      const products = new Set(o.lines.map((l) => l.productId));
      for (const p of pairs) {
        if (!products.has(p.sourceProductId)) continue;
        withSource++;
        if (products.has(p.targetProductId)) withBoth++;
      }
    }
    expect(withBoth).toBeGreaterThan(0);
    expect(d.tiles.find((x) => x.key === "attachRate")!.value).toBeCloseTo(withBoth / withSource, 12);
    const team = await data.dashboardData(nina, parseDashboardParams({ period: "custom", from, to }));
    expect(d.tiles.find((x) => x.key === "attachRate")!.value).not.toBe(team.tiles.find((x) => x.key === "attachRate")!.value);
  });

  it("offer contacts: activities logged on each run's offers, per pair, adding up to the run's contacts", async () => {
    const runs = await t.db.scoringRun.findMany({ where: { id: { startsWith: "hrun_" } }, select: { id: true } });
    for (const run of runs) {
      const acts = await t.db.activity.findMany({ where: { opportunity: { runId: run.id } }, select: { opportunity: { select: { pairId: true } } } });
      const want = new Map<string, number>();
      for (const a of acts) want.set(a.opportunity!.pairId ?? "", (want.get(a.opportunity!.pairId ?? "") ?? 0) + 1);
      const facts = await t.db.upliftOfferFact.groupBy({ by: ["pairId"], where: { runId: run.id }, _sum: { contacts: true } });
      expect(new Map(facts.filter((f) => f._sum.contacts! > 0).map((f) => [f.pairId, f._sum.contacts]))).toEqual(want);
      const total = await t.db.upliftFact.aggregate({ where: { runId: run.id }, _sum: { contacts: true } });
      expect(total._sum.contacts).toBe(acts.length);
    }
    expect(await t.db.upliftOfferFact.aggregate({ _sum: { contacts: true } }).then((r) => r._sum.contacts)).toBeGreaterThan(0);
  });

  it("with a pair filter ROI is shown: outreach cost = contacts on that pair's treated offers in the measured runs × cost per contact", async () => {
    const { getSettings } = await import("@/lib/data/settings");
    const settings = await getSettings();
    const from = "2026-05-01";
    const to = "2026-11-14";
    const top = await t.db.upliftOfferFact.groupBy({ by: ["pairId"], where: { pairId: { not: "" } }, _sum: { contacts: true }, orderBy: { _sum: { contacts: "desc" } }, take: 1 });
    const pairId = top[0].pairId;
    const d = await data.dashboardData(admin, parseDashboardParams({ period: "custom", from, to, pair: pairId }));
    const last = d.anchor < to ? d.anchor : to;
    const runs = (await t.db.scoringRun.findMany({ where: { id: { startsWith: "hrun_" } }, select: { id: true, parameters: true } }))
      .filter((r) => { const end = addDays((r.parameters as { asOf: string }).asOf, 59); return end >= from && end <= last; })
      .map((r) => r.id);
    expect(runs.length).toBeGreaterThan(0);
    const contacts = await t.db.activity.count({ where: { opportunity: { runId: { in: runs }, pairId, holdout: false } } });
    expect(contacts).toBeGreaterThan(0);
    expect(d.uplift.treated.contacts).toBe(contacts);
    expect(d.uplift.incremental!.outreachCost).toBeCloseTo((contacts * settings.outreachCostCents) / 100, 9);
    const roi = d.tiles.find((x) => x.key === "roi")!;
    expect(roi.value).toBeCloseTo((d.uplift.incremental!.grossProfit! - d.uplift.incremental!.outreachCost) / d.uplift.incremental!.outreachCost, 9);
  });

  it("activities per rep and outcome (the detailed facts and their rollup over categories and pairs)", async () => {
    const raw = await t.db.activity.groupBy({ by: ["userId", "outcome"], _count: { _all: true } });
    const facts = await t.db.activityDayFact.groupBy({ by: ["userId"], _sum: { activities: true, won: true }, orderBy: { userId: "asc" } });
    const rollup = await t.db.activityRepDayFact.groupBy({ by: ["userId"], _sum: { activities: true, won: true }, orderBy: { userId: "asc" } });
    expect(rollup).toEqual(facts);
    const perDay = await t.db.activityDayFact.groupBy({ by: ["day", "userId", "segment"], _sum: { connects: true, wonAmountCents: true }, orderBy: [{ day: "asc" }, { userId: "asc" }, { segment: "asc" }] });
    const perDayRollup = await t.db.activityRepDayFact.groupBy({ by: ["day", "userId", "segment"], _sum: { connects: true, wonAmountCents: true }, orderBy: [{ day: "asc" }, { userId: "asc" }, { segment: "asc" }] });
    expect(perDayRollup).toEqual(perDay);
    for (const f of facts) {
      const mine = raw.filter((r) => r.userId === f.userId);
      expect(f._sum.activities).toBe(mine.reduce((s, r) => s + r._count._all, 0));
      expect(f._sum.won).toBe(mine.find((r) => r.outcome === "WON")?._count._all ?? 0);
    }
  });

  it("uplift per run: accounts offered and accounts that bought an offered product within 60 days", async () => {
    const runs = await t.db.scoringRun.findMany({ where: { id: { startsWith: "hrun_" } }, select: { id: true, parameters: true } });
    expect(runs).toHaveLength(6);
    for (const run of runs) {
      const asOf = (run.parameters as { asOf: string }).asOf;
      const window = bounds(asOf, addDays(asOf, 59));
      const opps = await t.db.opportunity.findMany({ where: { runId: run.id }, select: { accountId: true, productId: true, holdout: true } });
      const lines = await t.db.orderLine.findMany({ where: { accountId: { in: [...new Set(opps.map((o) => o.accountId))] }, orderedAt: window }, select: { accountId: true, productId: true } });
      const boughtPairs = new Set(lines.map((l) => `${l.accountId}|${l.productId}`));
      const want = { treated: { n: new Set<string>(), buyers: new Set<string>() }, holdout: { n: new Set<string>(), buyers: new Set<string>() } };
      for (const o of opps) {
        const g = o.holdout ? want.holdout : want.treated;
        g.n.add(o.accountId);
        if (boughtPairs.has(`${o.accountId}|${o.productId}`)) g.buyers.add(o.accountId);
      }
      const facts = await t.db.upliftFact.groupBy({ by: ["holdout"], where: { runId: run.id }, _sum: { accounts: true, buyers: true } });
      const fact = (h: boolean) => facts.find((f) => f.holdout === h)?._sum;
      expect(fact(false)?.accounts).toBe(want.treated.n.size);
      expect(fact(false)?.buyers).toBe(want.treated.buyers.size);
      expect(fact(true)?.accounts).toBe(want.holdout.n.size);
      expect(fact(true)?.buyers).toBe(want.holdout.buyers.size);
    }
  });

  it("funnel: opportunities and won per run", async () => {
    const raw = await t.db.opportunity.groupBy({ by: ["runId", "status"], _count: { _all: true } });
    const facts = await t.db.opportunityFact.groupBy({ by: ["runId"], _sum: { opportunities: true, won: true, lost: true } });
    for (const f of facts) {
      const mine = raw.filter((r) => r.runId === f.runId);
      expect(f._sum.opportunities).toBe(mine.reduce((s, r) => s + r._count._all, 0));
      expect(f._sum.won).toBe(mine.find((r) => r.status === "WON")?._count._all ?? 0);
      expect(f._sum.lost).toBe(mine.find((r) => r.status === "LOST")?._count._all ?? 0);
    }
  });
});

describe("dashboard scope", () => {
  const params = parseDashboardParams({ period: "custom", from: "2026-05-01", to: "2026-11-14" });

  it("a manager sees the team's figures, an admin everyone's, and the team filter is the admin's only", async () => {
    const mine = await data.dashboardData(nina, params);
    const all = await data.dashboardData(admin, params);
    const north = await data.dashboardData(admin, { ...params, team: "team_north" });
    const forced = await data.dashboardData(nina, { ...params, team: "team_south" });
    const raw = await t.db.order.aggregate({ where: { account: { teamId: "team_north" }, orderedAt: bounds("2026-05-01", "2026-11-14") }, _sum: { totalCents: true }, _count: { _all: true } });
    const aov = (d: typeof mine) => d.tiles.find((x) => x.key === "aov")!.value!;
    expect(aov(mine)).toBeCloseTo(raw._sum.totalCents! / 100 / raw._count._all, 6);
    expect(aov(north)).toBeCloseTo(aov(mine), 9);
    expect(aov(forced)).toBeCloseTo(aov(mine), 9);
    expect(aov(all)).not.toBeCloseTo(aov(mine), 3);
    expect(mine.uplift.result!.treated.n).toBeLessThan(all.uplift.result!.treated.n);
    expect(mine.options.teams).toBeNull();
    expect(all.options.teams?.length).toBe(2);
    expect(mine.reps.every((r) => r.team === "North")).toBe(true);
    // The funnel per team and per rep, and the declines, are summed from one read of the period's rows.
    const runs = (await t.db.scoringRun.findMany({ select: { id: true, parameters: true } }))
      .filter((r) => { const asOf = (r.parameters as { asOf?: string }).asOf; return asOf !== undefined && asOf >= "2026-05-01" && asOf <= "2026-11-14"; }).map((r) => r.id);
    const where = { runId: { in: runs }, holdout: false, assignee: { teamId: "team_north" } };
    const [offered, won, lost] = await Promise.all([
      t.db.opportunity.count({ where }), t.db.opportunity.count({ where: { ...where, status: "WON" } }), t.db.opportunity.count({ where: { runId: { in: runs }, status: "LOST", assignee: { teamId: "team_north" } } }),
    ]);
    expect(offered).toBeGreaterThan(0);
    expect(mine.funnel.byTeam.map((r) => r.stages[0])).toEqual([offered]);
    expect(mine.funnel.byRep.reduce((s, r) => s + r.stages[5], 0)).toBe(won);
    expect(mine.funnel.declines.reduce((s, r) => s + r.total, 0)).toBe(lost);
  });

  it("a rep gets not found", async () => {
    await expect(data.dashboardData(ava, params)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a filter changes the numbers: one rep's uplift is part of the team's", async () => {
    const team = await data.dashboardData(nina, params);
    const rep = await data.dashboardData(nina, { ...params, rep: ava.id });
    expect(rep.uplift.treated.accounts).toBeGreaterThan(0);
    expect(rep.uplift.treated.accounts).toBeLessThan(team.uplift.treated.accounts);
    expect(rep.uplift.forest.rep.map((r) => r.key)).toEqual([ava.id]);
  });
});

describe("facts kept current", () => {
  it("an outcome logged through the app reaches the activity and funnel facts after the scheduled refresh", async () => {
    const account = await t.db.account.findFirstOrThrow({ where: { ownerId: ava.id, doNotContact: false, phoneConsent: true }, select: { id: true } });
    const product = await t.db.product.findFirstOrThrow({ where: { active: true, regulated: false }, select: { id: true } });
    const { run, opportunities } = await createOpportunities(t.db, [{ accountId: account.id, productId: product.id, assigneeId: ava.id }]);
    const { logOutcome } = await import("@/lib/data/outcomes");
    const { flushDashboardRefresh } = await import("@/lib/dashboard/refresh-schedule");
    const before = await t.db.activityDayFact.aggregate({ where: { userId: ava.id }, _sum: { activities: true, won: true } });
    await logOutcome(ava, outcomeSchema.parse({ opportunityId: opportunities[0].id, version: 1, idempotencyKey: randomUUID(), channel: "CALL", outcome: "WON", wonAmount: 120 }));
    await flushDashboardRefresh();
    const after = await t.db.activityDayFact.aggregate({ where: { userId: ava.id }, _sum: { activities: true, won: true } });
    expect(after._sum.activities).toBe((before._sum.activities ?? 0) + 1);
    expect(after._sum.won).toBe((before._sum.won ?? 0) + 1);
    const funnel = await t.db.opportunityFact.aggregate({ where: { runId: run.id }, _sum: { won: true, wonAmountCents: true, attempted: true } });
    expect(funnel._sum).toEqual({ won: 1, wonAmountCents: 12_000, attempted: 1 });
  });

  it("the after-outcome refresh rebuilds only the outcome's parts, in short transactions, and leaves the facts equal to a whole-run rebuild", async () => {
    const { refreshAfterOutcomes, refreshDashboardFacts } = await import("@/lib/dashboard/refresh");
    const { logOutcome } = await import("@/lib/data/outcomes");
    const run = await t.db.scoringRun.findFirstOrThrow({ where: { id: { startsWith: "hrun_" } }, orderBy: { startedAt: "desc" }, select: { id: true } });
    // An offer of a history run reopened (as if still in the queue), then won through the app.
    const opp = await t.db.opportunity.findFirstOrThrow({
      where: { runId: run.id, assigneeId: ava.id, holdout: false, account: { segment: "Champions", phoneConsent: true, doNotContact: false }, product: { regulated: false } },
      select: { id: true, version: true },
    });
    await t.db.opportunity.update({ where: { id: opp.id }, data: { status: "OPEN", closedAt: null, wonAmountCents: null } });
    const before = await t.db.opportunityFact.aggregate({ where: { runId: run.id }, _sum: { won: true } });
    await logOutcome(ava, outcomeSchema.parse({ opportunityId: opp.id, version: opp.version, idempotencyKey: randomUUID(), channel: "CALL", outcome: "WON", wonAmount: 75 }));
    const summary = await refreshAfterOutcomes(t.db, [opp.id]);
    expect(summary.transactions).toBe(3);
    const snapshot = async () => ({
      funnel: await t.db.opportunityFact.findMany({ where: { runId: run.id }, orderBy: [{ assigneeId: "asc" }, { segment: "asc" }, { category: "asc" }, { pairId: "asc" }, { holdout: "asc" }] }),
      uplift: await t.db.upliftFact.findMany({ where: { runId: run.id }, orderBy: [{ ownerId: "asc" }, { segment: "asc" }, { holdout: "asc" }] }),
      offers: await t.db.upliftOfferFact.findMany({ where: { runId: run.id }, orderBy: [{ ownerId: "asc" }, { segment: "asc" }, { productId: "asc" }, { pairId: "asc" }, { holdout: "asc" }] }),
      activities: await t.db.activityDayFact.findMany({ orderBy: [{ day: "asc" }, { userId: "asc" }, { segment: "asc" }, { category: "asc" }, { pairId: "asc" }] }),
      rollup: await t.db.activityRepDayFact.findMany({ orderBy: [{ day: "asc" }, { userId: "asc" }, { segment: "asc" }] }),
    });
    const partial = await snapshot();
    const today = dayIn(new Date(), TZ);
    await refreshDashboardFacts(t.db, { from: today, to: today, runs: [run.id] });
    const full = await snapshot();
    expect(partial).toEqual(full);
    expect(full.funnel.reduce((s, r) => s + r.won, 0)).toBe((before._sum.won ?? 0) + 1);
    expect(full.funnel.reduce((s, r) => s + r.won, 0)).toBe(await t.db.opportunity.count({ where: { runId: run.id, status: "WON" } }));
  });

  it("a scoring run refreshes the facts of its own run when it activates", async () => {
    const { runScoring } = await import("@/lib/scoring/run-scoring");
    const summary = await runScoring({ url: t.url });
    const facts = await t.db.opportunityFact.aggregate({ where: { runId: summary.runId }, _sum: { opportunities: true } });
    expect(facts._sum.opportunities).toBe(await t.db.opportunity.count({ where: { runId: summary.runId } }));
    expect(facts._sum.opportunities).toBeGreaterThan(0);
  });

  it("after an orders import, the next scoring run rebuilds the days the imported orders fall on", async () => {
    const { runScoring } = await import("@/lib/scoring/run-scoring");
    const day = "2026-06-10";
    const before = (await t.db.orderDayFact.aggregate({ where: { day }, _sum: { orders: true } }))._sum.orders ?? 0;
    // What an import writes: an order on an old day, and its finished ImportRun.
    const account = await t.db.account.findFirstOrThrow({ select: { id: true } });
    await t.db.order.create({ data: { orderNumber: "IMPORTED-1", accountId: account.id, orderedAt: new Date(`${day}T12:00:00Z`), totalCents: 12_345 } });
    await t.db.importRun.create({ data: { kind: "orders", fileName: "orders.csv", status: "COMPLETED", source: "cli", finishedAt: new Date() } });
    await runScoring({ url: t.url });
    expect((await t.db.orderDayFact.aggregate({ where: { day }, _sum: { orders: true } }))._sum.orders).toBe(before + 1);
  });

  it("after the business time zone changes, the next scoring run rebuilds every day in the new zone", async () => {
    const { runScoring } = await import("@/lib/scoring/run-scoring");
    const NY = "America/New_York";
    // A stretch far older than the run's own window: only a full rebuild re-buckets it.
    const from = "2026-06-01";
    const to = "2026-07-31";
    const perDay = (orders: { orderedAt: Date }[], zone: string) => {
      const m = new Map<string, number>();
      for (const o of orders) m.set(dayIn(o.orderedAt, zone), (m.get(dayIn(o.orderedAt, zone)) ?? 0) + 1);
      return m;
    };
    await t.db.setting.upsert({ where: { key: "timeZone" }, create: { key: "timeZone", value: NY }, update: { value: NY } });
    try {
      await runScoring({ url: t.url });
      const raw = await t.db.order.findMany({ where: { orderedAt: { gte: dayStart(from, NY), lt: dayStart(addDays(to, 1), NY) } }, select: { orderedAt: true } });
      const expected = perDay(raw, NY);
      expect([...expected]).not.toEqual([...perDay(raw, TZ)].filter(([d]) => d >= from && d <= to));
      const facts = await t.db.orderDayFact.groupBy({ by: ["day"], where: { day: { gte: from, lte: to } }, _sum: { orders: true } });
      expect(new Map(facts.map((f) => [f.day, f._sum.orders]))).toEqual(expected);
    } finally {
      await t.db.setting.delete({ where: { key: "timeZone" } });
    }
  });
});

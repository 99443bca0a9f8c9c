// Integration: outcome logging and the working queue against a real SQLite database.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "date-fns";
import { createOpportunities, createTestDatabase } from "@/lib/testing/test-db";
import { outcomeSchema, type OutcomeInput } from "@/lib/validations/outcomes";
import { queueListSchema } from "@/lib/validations/queue";
import type { Actor } from "@/lib/auth/actor";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let outcomes: typeof import("@/lib/data/outcomes");
let queue: typeof import("@/lib/data/queue");
let ava: Actor, ben: Actor, nina: Actor, omar: Actor, admin: Actor;
let accounts: { id: string }[];
let products: { id: string }[];
let regulated: { id: string };

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 200 });
  outcomes = await import("@/lib/data/outcomes");
  queue = await import("@/lib/data/queue");
  ava = t.actor("ava@example.com");
  ben = t.actor("ben@example.com");
  nina = t.actor("nina.manager@example.com");
  omar = t.actor("omar.manager@example.com");
  admin = t.actor("admin@example.com");
  accounts = await t.db.account.findMany({ where: { ownerId: ava.id, doNotContact: false, phoneConsent: true }, select: { id: true }, orderBy: { id: "asc" }, take: 12 });
  products = await t.db.product.findMany({ where: { active: true, regulated: false }, select: { id: true }, orderBy: { id: "asc" }, take: 6 });
  regulated = await t.db.product.findFirstOrThrow({ where: { regulated: true }, select: { id: true } });
});

afterAll(async () => t?.cleanup());

const log = async (actor: Actor, input: Partial<OutcomeInput> & { opportunityId: string; version: number; outcome: OutcomeInput["outcome"] }) =>
  outcomes.logOutcome(actor, outcomeSchema.parse({ idempotencyKey: randomUUID(), channel: "CALL", ...input }));

const openQueue = (actor: Actor, now?: Date, extra: Record<string, string> = {}) =>
  queue.listQueue(actor, queueListSchema.parse({ pageSize: "100", ...extra }), now);

describe("outcome effects", () => {
  it("no answer and voicemail count attempts; the third drops the offer down the queue", async () => {
    const { opportunities: [a, b] } = await createOpportunities(t.db, [
      { accountId: accounts[0].id, productId: products[0].id, assigneeId: ava.id, expectedValue: 900 },
      { accountId: accounts[1].id, productId: products[0].id, assigneeId: ava.id, expectedValue: 10 },
    ]);
    let v = a.version;
    for (const outcome of ["NO_ANSWER", "VOICEMAIL", "NO_ANSWER"] as const) {
      const r = await log(ava, { opportunityId: a.id, version: v, outcome });
      expect(r.status).toBe("OPEN");
      v = r.version;
    }
    const after = await t.db.opportunity.findUniqueOrThrow({ where: { id: a.id } });
    expect(after).toMatchObject({ attempts: 3, priority: 2, status: "OPEN" });
    const ids = (await openQueue(ava)).rows.map((r) => r.id);
    // Despite a far higher expected value, the thrice-unanswered offer now comes after b.
    expect(ids.indexOf(a.id)).toBeGreaterThan(ids.indexOf(b.id));
    expect(await t.db.activity.count({ where: { opportunityId: a.id } })).toBe(3);
  });

  it("not interested closes the offer as lost, suppresses the same product on the account, and caps contact", async () => {
    const { opportunities: [a, dup, other] } = await createOpportunities(t.db, [
      { accountId: accounts[2].id, productId: products[1].id, assigneeId: ava.id },
      { accountId: accounts[2].id, productId: products[1].id, assigneeId: ava.id },
      { accountId: accounts[2].id, productId: products[2].id, assigneeId: ava.id },
    ]);
    await expect(log(ava, { opportunityId: a.id, version: a.version, outcome: "NOT_INTERESTED" })).rejects.toThrow(/not interested/);
    const r = await log(ava, { opportunityId: a.id, version: a.version, outcome: "NOT_INTERESTED", declineReason: "PRICE", notes: "too expensive" });
    expect(r.status).toBe("LOST");
    expect(await t.db.opportunity.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "LOST", lostReason: "PRICE" });
    expect((await t.db.opportunity.findUniqueOrThrow({ where: { id: dup.id } })).status).toBe("SUPPRESSED");
    const ids = (await openQueue(ava)).rows.map((x) => x.id);
    expect(ids).not.toContain(other.id); // reached today: contact cap of 7 days
    const inEightDays = (await openQueue(ava, addDays(new Date(), 8))).rows.map((x) => x.id);
    expect(inEightDays).toContain(other.id);
    expect(inEightDays).not.toContain(dup.id);
  });

  it("interested snoozes until the follow-up date, then puts the offer first", async () => {
    const { opportunities: [a] } = await createOpportunities(t.db, [{ accountId: accounts[3].id, productId: products[0].id, assigneeId: ava.id, expectedValue: 1 }]);
    await expect(log(ava, { opportunityId: a.id, version: a.version, outcome: "INTERESTED" })).rejects.toThrow();
    const followUp = addDays(new Date(), 2);
    const r = await log(ava, { opportunityId: a.id, version: a.version, outcome: "INTERESTED", followUpAt: followUp });
    expect(r.status).toBe("SNOOZED");
    expect((await openQueue(ava)).rows.map((x) => x.id)).not.toContain(a.id);
    const later = await openQueue(ava, addDays(new Date(), 3));
    expect(later.rows[0].id).toBe(a.id);
    expect(later.rows[0].followUpDue).toBe(true);
    expect(later.followUpsDue).toBeGreaterThanOrEqual(1);
  });

  it("won records the amount; regulated products need a suitability note", async () => {
    const { opportunities: [a, reg] } = await createOpportunities(t.db, [
      { accountId: accounts[4].id, productId: products[3].id, assigneeId: ava.id },
      { accountId: accounts[5].id, productId: regulated.id, assigneeId: ava.id },
    ]);
    expect(outcomeSchema.safeParse({ opportunityId: a.id, version: 1, idempotencyKey: randomUUID(), outcome: "WON" }).error?.issues[0].path).toEqual(["wonAmount"]);
    const r = await log(ava, { opportunityId: a.id, version: a.version, outcome: "WON", wonAmount: 129.99 });
    expect(r.status).toBe("WON");
    expect((await t.db.opportunity.findUniqueOrThrow({ where: { id: a.id } })).wonAmountCents).toBe(12999);

    await expect(log(ava, { opportunityId: reg.id, version: reg.version, outcome: "WON", wonAmount: 50 })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect((await t.db.opportunity.findUniqueOrThrow({ where: { id: reg.id } })).status).toBe("OPEN");
    const ok = await log(ava, { opportunityId: reg.id, version: reg.version, outcome: "WON", wonAmount: 50, suitabilityNote: "Explained cover and exclusions" });
    expect(ok.status).toBe("WON");
  });

  it("do not contact flags the account and suppresses all its open offers at once", async () => {
    const { opportunities: [a, b, c] } = await createOpportunities(t.db, [
      { accountId: accounts[6].id, productId: products[0].id, assigneeId: ava.id },
      { accountId: accounts[6].id, productId: products[1].id, assigneeId: ava.id },
      { accountId: accounts[6].id, productId: products[2].id, assigneeId: ava.id },
    ]);
    await log(ava, { opportunityId: b.id, version: b.version, outcome: "DO_NOT_CONTACT" });
    const account = await t.db.account.findUniqueOrThrow({ where: { id: accounts[6].id } });
    expect(account).toMatchObject({ doNotContact: true, phoneConsent: false, emailConsent: false });
    const statuses = await t.db.opportunity.findMany({ where: { id: { in: [a.id, b.id, c.id] } }, select: { status: true } });
    expect(statuses.map((s) => s.status)).toEqual(["SUPPRESSED", "SUPPRESSED", "SUPPRESSED"]);
    const later = await openQueue(ava, addDays(new Date(), 30));
    expect(later.rows.map((r) => r.accountId)).not.toContain(accounts[6].id);
    expect(await t.db.auditLog.count({ where: { action: "opportunity.outcome", entityId: b.id } })).toBe(1);
  });
});

describe("idempotency and concurrency", () => {
  it("records a repeated submit once", async () => {
    const { opportunities: [a] } = await createOpportunities(t.db, [{ accountId: accounts[7].id, productId: products[0].id, assigneeId: ava.id }]);
    const input = outcomeSchema.parse({ opportunityId: a.id, version: a.version, idempotencyKey: randomUUID(), outcome: "NO_ANSWER" });
    const first = await outcomes.logOutcome(ava, input);
    const second = await outcomes.logOutcome(ava, input);
    expect(second).toMatchObject({ activityId: first.activityId, replayed: true });
    const racing = outcomeSchema.parse({ opportunityId: a.id, version: first.version, idempotencyKey: randomUUID(), outcome: "VOICEMAIL" });
    const results = await Promise.all([outcomes.logOutcome(ava, racing), outcomes.logOutcome(ava, racing), outcomes.logOutcome(ava, racing)]);
    expect(new Set(results.map((r) => r.activityId)).size).toBe(1);
    expect(await t.db.activity.count({ where: { opportunityId: a.id } })).toBe(2);
    expect((await t.db.opportunity.findUniqueOrThrow({ where: { id: a.id } })).attempts).toBe(2);
  });

  it("gives the second of two concurrent edits a conflict and overwrites nothing", async () => {
    const { opportunities: [a] } = await createOpportunities(t.db, [{ accountId: accounts[8].id, productId: products[4].id, assigneeId: ava.id }]);
    const results = await Promise.allSettled([
      log(ava, { opportunityId: a.id, version: a.version, outcome: "WON", wonAmount: 10 }),
      log(nina, { opportunityId: a.id, version: a.version, outcome: "NOT_INTERESTED", declineReason: "OTHER" }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toMatchObject({ code: "CONFLICT" });
    expect(failed[0].reason.message).toMatch(/Someone else/);
    expect(await t.db.activity.count({ where: { opportunityId: a.id } })).toBe(1);
    // A stale version from a screen opened earlier is refused too.
    await expect(log(ava, { opportunityId: a.id, version: a.version, outcome: "NO_ANSWER" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("authorization", () => {
  it("treats another rep's or another team's opportunity as not found", async () => {
    const { opportunities: [a, h] } = await createOpportunities(t.db, [
      { accountId: accounts[9].id, productId: products[0].id, assigneeId: ava.id },
      { accountId: accounts[10].id, productId: products[0].id, assigneeId: ava.id, holdout: true },
    ]);
    await expect(log(ben, { opportunityId: a.id, version: a.version, outcome: "NO_ANSWER" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(log(omar, { opportunityId: a.id, version: a.version, outcome: "NO_ANSWER" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(log(ava, { opportunityId: h.id, version: h.version, outcome: "NO_ANSWER" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.activity.count({ where: { opportunityId: { in: [a.id, h.id] } } })).toBe(0);
    expect((await log(nina, { opportunityId: a.id, version: a.version, outcome: "NO_ANSWER" })).status).toBe("OPEN");
  });

  it("never lists holdout offers, and scopes queues by role", async () => {
    const ids = (await openQueue(ava, addDays(new Date(), 30))).rows;
    expect(ids.every((r) => r.assigneeName === ava.name)).toBe(true);
    const holdouts = await t.db.opportunity.findMany({ where: { holdout: true }, select: { id: true } });
    for (const view of ["open", "won", "lost", "followups"]) {
      const rows = (await openQueue(admin, addDays(new Date(), 30), { view })).rows.map((r) => r.id);
      for (const h of holdouts) expect(rows).not.toContain(h.id);
    }
    expect((await openQueue(ben)).total).toBe(0);
    expect((await openQueue(omar, addDays(new Date(), 30))).total).toBe(0);
    expect((await openQueue(nina, addDays(new Date(), 30))).total).toBeGreaterThan(0);
    // A rep cannot widen the scope with the rep filter.
    expect((await openQueue(ben, addDays(new Date(), 30), { rep: ava.id })).total).toBe(0);
  });
});

describe("snooze", () => {
  it("hides a snoozed offer until its date, then brings it back in the normal order", async () => {
    const { opportunities: [a] } = await createOpportunities(t.db, [{ accountId: accounts[11].id, productId: products[5].id, assigneeId: ava.id, expectedValue: 5000 }]);
    await expect(outcomes.snoozeOpportunity(ava, { opportunityId: a.id, version: a.version, until: new Date(Date.now() - 1000) })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await outcomes.snoozeOpportunity(ava, { opportunityId: a.id, version: a.version, until: addDays(new Date(), 3) });
    expect((await openQueue(ava)).rows.map((r) => r.id)).not.toContain(a.id);
    const later = await openQueue(ava, addDays(new Date(), 4));
    const row = later.rows.find((r) => r.id === a.id);
    expect(row).toBeDefined();
    expect(row!.followUpDue).toBe(false);
    await expect(outcomes.snoozeOpportunity(ben, { opportunityId: a.id, version: a.version + 1, until: addDays(new Date(), 3) })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("consent and channel", () => {
  it("refuses a call on an account without phone consent, naming the channel, and saves nothing", async () => {
    const noPhone = await t.db.account.findFirstOrThrow({ where: { ownerId: ava.id, doNotContact: false, phoneConsent: false }, select: { id: true } });
    const { opportunities: [a] } = await createOpportunities(t.db, [{ accountId: noPhone.id, productId: products[3].id, assigneeId: ava.id }]);
    const refused = log(ava, { opportunityId: a.id, version: a.version, outcome: "NO_ANSWER" });
    await expect(refused).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { channel: expect.stringMatching(/No consent to phone calls/) } });
    expect(await t.db.activity.count({ where: { opportunityId: a.id } })).toBe(0);
    expect(await t.db.opportunity.findUniqueOrThrow({ where: { id: a.id }, select: { version: true, attempts: true } })).toEqual({ version: a.version, attempts: 0 });
    // Recording the customer's opt-out is always allowed.
    await expect(log(ava, { opportunityId: a.id, version: a.version, outcome: "DO_NOT_CONTACT" })).resolves.toMatchObject({ status: "SUPPRESSED" });
  });

  it("keeps email offers on the email list, logs them as emails, and refuses a call on them", async () => {
    const emailOnly = await t.db.account.findFirstOrThrow({ where: { ownerId: ava.id, doNotContact: false, phoneConsent: false, emailConsent: true }, select: { id: true } });
    const { opportunities: [e] } = await createOpportunities(t.db, [{ accountId: emailOnly.id, productId: products[4].id, assigneeId: ava.id, channel: "EMAIL", expectedValue: 7000 }]);
    const calls = await openQueue(ava);
    const emails = await openQueue(ava, undefined, { channel: "email" });
    expect(calls.rows.map((r) => r.id)).not.toContain(e.id);
    expect(emails.rows.map((r) => r.id)).toContain(e.id);
    expect(emails.rows.every((r) => r.channel === "EMAIL")).toBe(true);
    expect(calls.channelCounts).toEqual({ call: calls.total, email: emails.total });
    await expect(log(ava, { opportunityId: e.id, version: e.version, outcome: "NO_ANSWER" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const r = await log(ava, { opportunityId: e.id, version: e.version, outcome: "NO_ANSWER", channel: "EMAIL" });
    expect(r.status).toBe("OPEN");
    expect(await t.db.activity.findFirstOrThrow({ where: { opportunityId: e.id }, select: { channel: true } })).toEqual({ channel: "EMAIL" });
    expect(await queue.nextInQueue(ava, { channel: "email", exclude: [] })).not.toBeNull();
  });
});

describe("one account, one row", () => {
  it("shows an account once per page with the count of its other offers", async () => {
    const acct = accounts[10];
    await createOpportunities(t.db, [
      { accountId: acct.id, productId: products[0].id, assigneeId: ava.id, expectedValue: 9001 },
      { accountId: acct.id, productId: products[1].id, assigneeId: ava.id, expectedValue: 9000 },
      { accountId: acct.id, productId: products[2].id, assigneeId: ava.id, expectedValue: 8999 },
    ]);
    const page = await openQueue(ava, addDays(new Date(), 30));
    const rows = page.rows.filter((r) => r.accountId === acct.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].expectedValue).toBe(9001);
    expect(rows[0].moreOffers).toBe(2);
    const ids = page.rows.map((r) => r.accountId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

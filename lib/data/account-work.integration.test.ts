// Integration: reassignment and the account's work view, against a real SQLite database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpportunities, createTestDatabase } from "@/lib/testing/test-db";
import type { Actor } from "@/lib/auth/actor";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let work: typeof import("@/lib/data/account-work");
let ava: Actor, ben: Actor, eva: Actor, nina: Actor, omar: Actor;

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 120, seed: 5 });
  work = await import("@/lib/data/account-work");
  [ava, ben, eva, nina, omar] = ["ava@example.com", "ben@example.com", "eva@example.com", "nina.manager@example.com", "omar.manager@example.com"].map(t.actor);
});

afterAll(async () => t?.cleanup());

describe("reassign", () => {
  it("lets a manager move an opportunity to another rep of the team, audited", async () => {
    const account = await t.db.account.findFirstOrThrow({ where: { ownerId: ava.id } });
    const product = await t.db.product.findFirstOrThrow({ where: { active: true } });
    const { opportunities: [o] } = await createOpportunities(t.db, [{ accountId: account.id, productId: product.id, assigneeId: ava.id }]);
    await expect(work.reassign(ava, { scope: "opportunity", opportunityId: o.id, toUserId: ben.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(work.reassign(omar, { scope: "opportunity", opportunityId: o.id, toUserId: ben.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(work.reassign(nina, { scope: "opportunity", opportunityId: o.id, toUserId: eva.id })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await work.reassign(nina, { scope: "opportunity", opportunityId: o.id, toUserId: ben.id })).toEqual({ moved: 1 });
    const after = await t.db.opportunity.findUniqueOrThrow({ where: { id: o.id } });
    expect(after.assigneeId).toBe(ben.id);
    expect(after.version).toBe(o.version + 1);
    expect(await t.db.auditLog.count({ where: { action: "opportunity.reassign", entityId: o.id, userId: nina.id } })).toBe(1);
  });

  it("moves a whole account with its open opportunities, leaving closed ones alone", async () => {
    const account = await t.db.account.findFirstOrThrow({ where: { ownerId: ben.id } });
    const products = await t.db.product.findMany({ where: { active: true }, take: 3 });
    const { opportunities } = await createOpportunities(t.db, products.map((p) => ({ accountId: account.id, productId: p.id, assigneeId: ben.id })));
    await t.db.opportunity.update({ where: { id: opportunities[2].id }, data: { status: "WON" } });
    expect(await work.reassign(nina, { scope: "account", accountId: account.id, toUserId: ava.id })).toEqual({ moved: 2 });
    expect((await t.db.account.findUniqueOrThrow({ where: { id: account.id } })).ownerId).toBe(ava.id);
    const assignees = await t.db.opportunity.findMany({ where: { accountId: account.id }, select: { assigneeId: true, status: true }, orderBy: { status: "asc" } });
    expect(assignees.filter((a) => a.status === "OPEN").every((a) => a.assigneeId === ava.id)).toBe(true);
    expect(assignees.find((a) => a.status === "WON")?.assigneeId).toBe(ben.id);
    // Ben no longer sees the account; Ava does.
    await expect(work.getAccountWork(ben, account.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const view = await work.getAccountWork(ava, account.id);
    expect(view.opportunities.filter((o) => o.status === "OPEN")).toHaveLength(2);
    expect(view.canReassign).toBe(false);
  });

  it("shows managers the team's reps as reassignment targets", async () => {
    const account = await t.db.account.findFirstOrThrow({ where: { ownerId: ava.id } });
    const view = await work.getAccountWork(nina, account.id);
    expect(view.canReassign).toBe(true);
    expect(view.reps.map((r) => r.name)).toContain(ben.name);
    expect(view.reps.map((r) => r.name)).not.toContain(eva.name);
  });
});

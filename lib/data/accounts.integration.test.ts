// Integration: data functions against a real, freshly migrated and seeded database (SQLite, or
// PostgreSQL with TEST_DATABASE=postgresql).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let db: PrismaClient;
let data: typeof import("@/lib/data/accounts");
let actors: Record<"admin" | "managerNorth" | "managerSouth" | "ava" | "ben" | "eva", Actor>;

const params = (over: Partial<import("@/lib/validations/accounts").AccountListParams> = {}) => ({
  page: 1,
  pageSize: 100 as number,
  sort: "name" as const,
  dir: "asc" as const,
  q: undefined,
  segment: undefined,
  owner: undefined,
  region: undefined,
  ...over,
});

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 300, seed: 7 });
  db = t.db;
  data = await import("@/lib/data/accounts");
  actors = {
    admin: t.actor("admin@example.com"),
    managerNorth: t.actor("nina.manager@example.com"),
    managerSouth: t.actor("omar.manager@example.com"),
    ava: t.actor("ava@example.com"),
    ben: t.actor("ben@example.com"),
    eva: t.actor("eva@example.com"),
  };
});

afterAll(async () => t?.cleanup());

async function allAccountIds(actor: Actor): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const res = await data.listAccounts(actor, params({ page }));
    ids.push(...res.rows.map((r) => r.id));
    if (page >= res.pageCount) break;
  }
  return ids;
}

describe("listAccounts scope", () => {
  it("gives a rep exactly the accounts they own", async () => {
    const ids = await allAccountIds(actors.ava);
    const owned = await db.account.findMany({ where: { ownerId: actors.ava.id }, select: { id: true } });
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids)).toEqual(new Set(owned.map((a) => a.id)));
  });

  it("gives a manager exactly the team's accounts", async () => {
    const ids = await allAccountIds(actors.managerNorth);
    const team = await db.account.findMany({ where: { owner: { teamId: actors.managerNorth.teamId } }, select: { id: true } });
    expect(new Set(ids)).toEqual(new Set(team.map((a) => a.id)));
    const total = await db.account.count();
    expect(ids.length).toBeLessThan(total);
  });

  it("gives an admin every account", async () => {
    const res = await data.listAccounts(actors.admin, params());
    expect(res.total).toBe(await db.account.count());
  });

  it("keeps the scope when a rep filters by another owner", async () => {
    const res = await data.listAccounts(actors.ava, params({ owner: actors.ben.id }));
    expect(res.total).toBe(0);
    const mgr = await data.listAccounts(actors.managerNorth, params({ owner: actors.eva.id }));
    expect(mgr.total).toBe(0);
  });

  it("searches case-insensitively and sorts", async () => {
    const [sample] = await db.account.findMany({ where: { ownerId: actors.ava.id }, take: 1, select: { name: true } });
    const fragment = sample.name.slice(0, 4).toUpperCase();
    const res = await data.listAccounts(actors.ava, params({ q: fragment }));
    expect(res.rows.length).toBeGreaterThan(0);
    for (const r of res.rows) expect(r.name.toLowerCase()).toContain(fragment.toLowerCase());

    const byRevenue = await data.listAccounts(actors.managerSouth, params({ sort: "revenue", dir: "desc" }));
    const revenues = byRevenue.rows.map((r) => r.revenue);
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
  });
});

describe("account detail scope", () => {
  it("returns NOT_FOUND for an account outside the actor's scope, and the record otherwise", async () => {
    const bens = await db.account.findFirstOrThrow({ where: { ownerId: actors.ben.id }, select: { id: true } });
    const evas = await db.account.findFirstOrThrow({ where: { ownerId: actors.eva.id }, select: { id: true } });

    await expect(data.getAccountDetail(actors.ava, bens.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(data.getPurchaseHistory(actors.ava, bens.id, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(data.getAccountDetail(actors.managerNorth, evas.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(data.getAccountDetail(actors.ava, "no-such-id")).rejects.toMatchObject({ code: "NOT_FOUND" });

    const detail = await data.getAccountDetail(actors.ben, bens.id);
    expect(detail.owner.id).toBe(actors.ben.id);
    expect((await data.getAccountDetail(actors.managerNorth, bens.id)).id).toBe(bens.id);
    expect((await data.getAccountDetail(actors.admin, evas.id)).id).toBe(evas.id);
  });

  it("computes totals that match the order lines", async () => {
    const a = await db.account.findFirstOrThrow({ where: { ownerId: actors.ava.id, orderCount: { gt: 2 } }, select: { id: true } });
    const detail = await data.getAccountDetail(actors.ava, a.id);
    const lines = await db.orderLine.findMany({ where: { accountId: a.id }, select: { quantity: true, returnedQuantity: true, unitPriceCents: true, productId: true } });
    const net = lines.reduce((s, l) => s + (l.quantity - l.returnedQuantity) * l.unitPriceCents, 0) / 100;
    expect(detail.totals.revenue).toBeCloseTo(net, 2);
    expect(detail.totals.distinctProducts).toBe(new Set(lines.map((l) => l.productId)).size);
    const history = await data.getPurchaseHistory(actors.ava, a.id, 1);
    expect(history.total).toBe(lines.length);
    const dates = history.rows.map((r) => r.orderedAt);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("records who viewed the account", async () => {
    const a = await db.account.findFirstOrThrow({ where: { ownerId: actors.eva.id }, select: { id: true } });
    await data.getAccountDetail(actors.eva, a.id);
    const log = await db.auditLog.findFirst({ where: { action: "account.view", entityId: a.id, userId: actors.eva.id } });
    expect(log).not.toBeNull();
  });
});

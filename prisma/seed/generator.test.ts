import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { RepurchaseAccumulator, repurchaseStats, utcDay } from "@/lib/analytics/repurchase";
import { CATEGORIES, CATEGORY_POLICIES } from "./catalog-data";
import { DEFAULT_END_DATE, generateSeedData, generateSeedTables } from "./generator";
import { RULES } from "./rules";
import type { SeedData } from "./types";

const DAY = 86_400_000;

function digest(data: SeedData): string {
  return createHash("sha256").update(JSON.stringify(data)).digest("hex");
}

const data = generateSeedData({ accounts: 2000, passwordHash: "hash" });

describe("generateSeedData determinism", () => {
  it("returns identical rows for the same seed", () => {
    const again = generateSeedData({ accounts: 2000, passwordHash: "hash" });
    expect(again.accounts).toEqual(data.accounts);
    expect(again.orders).toEqual(data.orders);
    expect(again.productPairs).toEqual(data.productPairs);
    expect(digest(again)).toBe(digest(data));
  });

  it("makes the same orders and lines on demand, whatever the chunk size", () => {
    const tables = generateSeedTables({ accounts: 2000, passwordHash: "hash" });
    expect(tables.accounts).toEqual(data.accounts);
    for (const size of [1, 7, 4000, 1_000_000]) {
      const orders = [...tables.orders.chunks(size)];
      const lines = [...tables.orderLines.chunks(size)];
      expect(orders.slice(0, -1).every((c) => c.length === size)).toBe(true);
      expect(lines.slice(0, -1).every((c) => c.length === size)).toBe(true);
      expect(orders.flat()).toEqual(data.orders);
      expect(lines.flat()).toEqual(data.orderLines);
    }
    expect(tables.orders.length).toBe(data.orders.length);
    expect(tables.orderLines.length).toBe(data.orderLines.length);
  });

  it("returns different purchase data for a different seed, with the same catalog", () => {
    const other = generateSeedData({ accounts: 2000, seed: 42, passwordHash: "hash" });
    expect(digest(other)).not.toBe(digest(data));
    expect(other.accounts.map((a) => a.name)).not.toEqual(data.accounts.map((a) => a.name));
    expect(other.orderLines.length).not.toBe(data.orderLines.length);
    expect(other.products).toEqual(data.products);
  });

  it("does not depend on the clock: the history ends before the configured end date", () => {
    const last = Math.max(...data.orders.map((o) => o.orderedAt.getTime()));
    const first = Math.min(...data.orders.map((o) => o.orderedAt.getTime()));
    expect(last).toBeLessThan(DEFAULT_END_DATE.getTime());
    expect(last).toBeGreaterThan(DEFAULT_END_DATE.getTime() - 7 * DAY);
    expect(first).toBeGreaterThanOrEqual(DEFAULT_END_DATE.getTime() - 730 * DAY);
    const shifted = generateSeedData({ accounts: 50, endDate: new Date("2025-06-30T00:00:00Z") });
    expect(Math.max(...shifted.orders.map((o) => o.orderedAt.getTime()))).toBeLessThan(Date.parse("2025-06-30T00:00:00Z"));
  });
});

describe("users, catalog and pairs", () => {
  it("creates the demo users in two teams with one shared password hash", () => {
    expect(data.teams.map((t) => t.name)).toEqual(["North", "South"]);
    expect(data.users).toHaveLength(11);
    expect(data.users.filter((u) => u.role === "ADMIN").map((u) => u.email)).toEqual(["admin@example.com"]);
    expect(data.users.filter((u) => u.role === "MANAGER")).toHaveLength(2);
    const reps = data.users.filter((u) => u.role === "REP");
    expect(reps).toHaveLength(8);
    expect(reps.filter((u) => u.teamId === "team_north").map((u) => u.email)).toEqual([
      "ava@example.com", "ben@example.com", "chloe@example.com", "dan@example.com",
    ]);
    expect(new Set(data.users.map((u) => u.passwordHash))).toEqual(new Set(["hash"]));
  });

  it("has about 200 products in about 20 categories with sane prices and margins", () => {
    expect(data.products.length).toBeGreaterThanOrEqual(180);
    expect(data.products.length).toBeLessThanOrEqual(220);
    const categories = new Set(data.products.map((p) => p.category));
    expect(categories.size).toBeGreaterThanOrEqual(18);
    expect(categories.size).toBeLessThanOrEqual(24);
    expect(new Set(data.products.map((p) => p.sku)).size).toBe(data.products.length);
    for (const p of data.products) {
      expect(Number.isInteger(p.priceCents) && Number.isInteger(p.unitCostCents)).toBe(true);
      expect(p.unitCostCents).toBeGreaterThan(0);
      expect(p.unitCostCents).toBeLessThan(p.priceCents);
    }
    expect(data.products.filter((p) => !p.active).length).toBeGreaterThanOrEqual(3);
    const warranties = data.products.filter((p) => p.category === "Extended warranties");
    expect(warranties.length).toBeGreaterThan(0);
    expect(warranties.every((p) => p.regulated)).toBe(true);
    expect(data.products.filter((p) => p.regulated).every((p) => p.category === "Extended warranties")).toBe(true);
  });

  it("curates about 60 pairs of every type between existing products", () => {
    const pairs = data.productPairs;
    expect(pairs.length).toBeGreaterThanOrEqual(50);
    expect(pairs.length).toBeLessThanOrEqual(70);
    expect(new Set(pairs.map((p) => p.type))).toEqual(new Set(["CROSS_SELL", "ACCESSORY", "UPSELL", "BUNDLE"]));
    const products = new Map(data.products.map((p) => [p.id, p]));
    const keys = new Set<string>();
    for (const pair of pairs) {
      const source = products.get(pair.sourceProductId);
      const target = products.get(pair.targetProductId);
      expect(source && target).toBeTruthy();
      expect(pair.sourceProductId).not.toBe(pair.targetProductId);
      keys.add(`${pair.sourceProductId}>${pair.targetProductId}`);
      expect(pair.windowMinDays).toBeLessThanOrEqual(pair.windowMaxDays);
      expect(Array.isArray(pair.eligibleSegments)).toBe(true);
      expect(pair.talkingPoints).toMatch(/\{\{(source|target)\.product\}\}/);
      expect(pair.objectionHandling.length).toBeGreaterThan(40);
      if (pair.type === "BUNDLE") expect(pair.bundleDiscountPct).toBeGreaterThan(0);
      else expect(pair.bundleDiscountPct).toBeNull();
      if (pair.type === "UPSELL") expect(target!.priceCents).toBeGreaterThan(source!.priceCents);
      if (pair.active) expect(source!.active && target!.active).toBe(true);
    }
    expect(keys.size).toBe(pairs.length);
    expect(pairs.filter((p) => !p.active).length).toBeGreaterThanOrEqual(2);
    expect(pairs.filter((p) => p.suppressed).length).toBeGreaterThanOrEqual(1);
    expect(pairs.filter((p) => p.eligibleSegments.length === 0).length).toBeGreaterThan(pairs.length / 2);
    expect(pairs.some((p) => p.eligibleSegments.includes("Champions"))).toBe(true);
  });

  it("writes talking points only with the supported placeholders", () => {
    const known = new Set(["account.name", "contact.name", "source.product", "target.product", "days_since_purchase", "attach_rate"]);
    const used = new Set<string>();
    for (const pair of data.productPairs) {
      for (const m of `${pair.talkingPoints} ${pair.objectionHandling}`.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)) used.add(m[1]);
    }
    expect([...used].filter((p) => !known.has(p))).toEqual([]);
    expect(used).toEqual(known);
  });

  it("writes the default settings", () => {
    expect(Object.fromEntries(data.settings.map((s) => [s.key, s.value]))).toEqual({
      holdoutShare: 0.1, cooldownDays: 90, contactCapDays: 7, maxOffersPerAccount: 3, outreachCostCents: 500,
    });
  });
});

describe("accounts and orders", () => {
  it("hits the size targets for 2,000 accounts", () => {
    expect(data.accounts).toHaveLength(2000);
    expect(data.orderLines.length).toBeGreaterThanOrEqual(30_000);
    expect(data.orderLines.length).toBeLessThanOrEqual(50_000);
    expect(new Set(data.accounts.map((a) => a.externalId)).size).toBe(2000);
    expect(data.accounts[122].externalId).toBe("C000123");
  });

  it("spreads accounts over all reps, in their team's regions, with consent mixes", () => {
    const users = new Map(data.users.map((u) => [u.id, u]));
    const perOwner = new Map<string, number>();
    for (const a of data.accounts) {
      const owner = users.get(a.ownerId)!;
      expect(owner.role).toBe("REP");
      expect(a.region.startsWith(owner.teamId === "team_north" ? "North" : "South")).toBe(true);
      expect(a.searchName).toBe(a.name.toLowerCase());
      if (a.kind === "COMPANY") expect(a.industry).not.toBeNull();
      else expect(a.industry).toBeNull();
      if (a.doNotContact) expect(a.phoneConsent || a.emailConsent).toBe(false);
      perOwner.set(a.ownerId, (perOwner.get(a.ownerId) ?? 0) + 1);
    }
    expect(perOwner.size).toBe(8);
    for (const n of perOwner.values()) expect(n).toBeGreaterThan(150);
    const dnc = data.accounts.filter((a) => a.doNotContact).length / data.accounts.length;
    expect(dnc).toBeGreaterThan(0.01);
    expect(dnc).toBeLessThan(0.06);
    const kinds = new Set(data.accounts.map((a) => a.kind));
    expect(kinds).toEqual(new Set(["PERSON", "COMPANY"]));
    const phoneConsent = data.accounts.filter((a) => a.phoneConsent).length / data.accounts.length;
    expect(phoneConsent).toBeGreaterThan(0.4);
    expect(phoneConsent).toBeLessThan(0.9);
  });

  it("keeps order totals and denormalised account columns consistent", () => {
    const orders = new Map(data.orders.map((o) => [o.id, { order: o, sum: 0 }]));
    const perAccount = new Map<string, { count: Set<string>; net: number; first: number; last: number }>();
    for (const line of data.orderLines) {
      const entry = orders.get(line.orderId)!;
      expect(line.accountId).toBe(entry.order.accountId);
      expect(line.orderedAt.getTime()).toBe(entry.order.orderedAt.getTime());
      expect(line.quantity).toBeGreaterThan(0);
      expect(line.returnedQuantity).toBeGreaterThanOrEqual(0);
      expect(line.returnedQuantity).toBeLessThanOrEqual(line.quantity);
      entry.sum += line.quantity * line.unitPriceCents;
      const acc = perAccount.get(line.accountId) ?? { count: new Set(), net: 0, first: Infinity, last: -Infinity };
      acc.count.add(line.orderId);
      acc.net += (line.quantity - line.returnedQuantity) * line.unitPriceCents;
      acc.first = Math.min(acc.first, line.orderedAt.getTime());
      acc.last = Math.max(acc.last, line.orderedAt.getTime());
      perAccount.set(line.accountId, acc);
    }
    for (const { order, sum } of orders.values()) expect(order.totalCents).toBe(sum);
    for (const a of data.accounts) {
      const acc = perAccount.get(a.id)!;
      expect(acc).toBeDefined();
      expect(a.orderCount).toBe(acc.count.size);
      expect(a.revenueCents).toBe(acc.net);
      expect(a.firstOrderAt!.getTime()).toBe(acc.first);
      expect(a.lastOrderAt!.getTime()).toBe(acc.last);
      expect(a.createdAt.getTime()).toBeLessThanOrEqual(acc.first);
    }
    const numbers = data.orders.map((o) => o.orderedAt.getTime());
    expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
  });

  it("has heterogeneous, partly churning customers and some returns", () => {
    const counts = data.accounts.map((a) => a.orderCount).sort((x, y) => x - y);
    expect(counts[Math.floor(counts.length * 0.1)]).toBeLessThanOrEqual(2);
    expect(counts[Math.floor(counts.length * 0.9)]).toBeGreaterThanOrEqual(20);
    // Churned: bought early, nothing in the last 6 months.
    const cutoff = DEFAULT_END_DATE.getTime() - 180 * DAY;
    const lapsed = data.accounts.filter((a) => a.orderCount >= 3 && a.lastOrderAt!.getTime() < cutoff).length;
    expect(lapsed).toBeGreaterThan(100);
    const returned = data.orderLines.filter((l) => l.returnedQuantity > 0).length / data.orderLines.length;
    expect(returned).toBeGreaterThan(0.02);
    expect(returned).toBeLessThan(0.045);
  });
});

describe("complement patterns", () => {
  const category = new Map(data.products.map((p) => [p.id, p.category]));
  const byAccount = new Map<string, { at: number; category: string; orderId: string }[]>();
  for (const l of data.orderLines) {
    const list = byAccount.get(l.accountId) ?? [];
    list.push({ at: l.orderedAt.getTime(), category: category.get(l.productId)!, orderId: l.orderId });
    byAccount.set(l.accountId, list);
  }

  it("camera buyers buy a tripod within 60 days far more often than the base rate", () => {
    const end = DEFAULT_END_DATE.getTime();
    let cameraBuyers = 0;
    let withTripod = 0;
    let others = 0;
    let othersWithTripod = 0;
    for (const lines of byAccount.values()) {
      const camera = lines.filter((l) => l.category === "Cameras" && l.at < end - 60 * DAY).map((l) => l.at);
      if (camera.length > 0) {
        const t0 = Math.min(...camera);
        cameraBuyers++;
        if (lines.some((l) => l.category === "Tripods" && l.at > t0 && l.at <= t0 + 60 * DAY)) withTripod++;
      } else if (!lines.some((l) => l.category === "Cameras")) {
        // Base rate: a tripod in the 60 days after any first purchase of a non-camera buyer.
        const t0 = Math.min(...lines.map((l) => l.at));
        if (t0 >= end - 60 * DAY) continue;
        others++;
        if (lines.some((l) => l.category === "Tripods" && l.at > t0 && l.at <= t0 + 60 * DAY)) othersWithTripod++;
      }
    }
    expect(cameraBuyers).toBeGreaterThan(200);
    const rate = withTripod / cameraBuyers;
    const base = othersWithTripod / others;
    expect(rate).toBeGreaterThan(0.2);
    expect(rate).toBeGreaterThan(5 * base);
  });

  it("orders with a camera contain a memory card far more often than other orders", () => {
    const orders = new Map<string, Set<string>>();
    for (const lines of byAccount.values()) {
      for (const l of lines) {
        const set = orders.get(l.orderId) ?? new Set<string>();
        set.add(l.category);
        orders.set(l.orderId, set);
      }
    }
    let withCamera = 0;
    let both = 0;
    let withCard = 0;
    for (const cats of orders.values()) {
      if (cats.has("Memory cards")) withCard++;
      if (cats.has("Cameras")) {
        withCamera++;
        if (cats.has("Memory cards")) both++;
      }
    }
    const confidence = both / withCamera;
    const lift = confidence / (withCard / orders.size);
    expect(confidence).toBeGreaterThan(0.4);
    expect(lift).toBeGreaterThan(5);
  });

  it("curated pairs are the product-level targets the generator favours", () => {
    const pairKeys = new Set(data.productPairs.map((p) => `${p.sourceProductId}>${p.targetProductId}`));
    const sameOrder = new Map<string, number>();
    const orderProducts = new Map<string, string[]>();
    for (const l of data.orderLines) {
      const list = orderProducts.get(l.orderId) ?? [];
      list.push(l.productId);
      orderProducts.set(l.orderId, list);
    }
    for (const products of orderProducts.values()) {
      for (const a of products) for (const b of products) if (a !== b) sameOrder.set(`${a}>${b}`, (sameOrder.get(`${a}>${b}`) ?? 0) + 1);
    }
    const sameRules = new Set(RULES.filter((r) => r.sameProb >= 0.2).map((r) => r.key));
    expect(sameRules.size).toBeGreaterThan(5);
    // Most curated same-order pairs co-occur in at least a handful of orders.
    const bundleLike = data.productPairs.filter((p) => p.type === "BUNDLE" || p.type === "ACCESSORY");
    const seen = bundleLike.filter((p) => (sameOrder.get(`${p.sourceProductId}>${p.targetProductId}`) ?? 0) >= 3);
    expect(seen.length / bundleLike.length).toBeGreaterThan(0.6);
    expect(pairKeys.size).toBe(data.productPairs.length);
  });
});

describe("durables and consumables", () => {
  const acc = new RepurchaseAccumulator(data.products.map((p) => [p.id, p.category] as const));
  for (const l of data.orderLines) acc.add(l.accountId, l.productId, utcDay(l.orderedAt));
  const stats = new Map(acc.histograms().map((h) => [h.category, h]));
  const policyOf = new Map(CATEGORIES.map((c) => [c.name, CATEGORY_POLICIES[c.key]]));

  it("a durable is bought again within a year by few of its buyers (curated upgrades), within 180 days by almost none", () => {
    const durables = [...policyOf].filter(([, p]) => p.durability === "DURABLE").map(([name]) => name);
    expect(durables).toEqual(expect.arrayContaining(["Cameras", "Laptops", "Phones", "TVs", "Monitors", "Printers", "Soundbars"]));
    for (const name of durables) {
      const h = stats.get(name)!;
      expect(h.buyers, name).toBeGreaterThan(300);
      expect(repurchaseStats(h, 365).withinShare!, name).toBeLessThan(0.05);
      expect(repurchaseStats(h, 180).withinShare!, name).toBeLessThan(0.02);
    }
  });

  it("consumables come round again: ink within its 90-day cycle, subscriptions within a year", () => {
    expect(repurchaseStats(stats.get("Ink & toner")!, 90).withinShare!).toBeGreaterThan(0.4);
    expect(repurchaseStats(stats.get("Software subscriptions")!, 365).withinShare!).toBeGreaterThan(0.3);
  });
});

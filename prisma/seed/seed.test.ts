import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "@/lib/prisma-client";
import { verifyPassword, DEMO_PASSWORD } from "@/lib/auth/password";
import { generateSeedData } from "./generator";
import { MigrationsMissingError, seedDatabase } from "./index";

const ACCOUNTS = 300;
let dir: string;

function migratedUrl(name: string): string {
  const file = path.join(dir, name);
  const db = new Database(file);
  const migrations = path.resolve(__dirname, "../migrations");
  for (const entry of fs.readdirSync(migrations).sort()) {
    const sql = path.join(migrations, entry, "migration.sql");
    if (fs.existsSync(sql)) db.exec(fs.readFileSync(sql, "utf8"));
  }
  db.close();
  return `file:${file}`;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-seed-"));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("seedDatabase", () => {
  it("refuses a missing or unmigrated database with a clear message", async () => {
    const missing = path.join(dir, "missing.db");
    await expect(seedDatabase({ url: `file:${missing}`, accounts: 10 })).rejects.toThrow(MigrationsMissingError);
    expect(fs.existsSync(missing)).toBe(false);
    const empty = path.join(dir, "empty.db");
    new Database(empty).close();
    await expect(seedDatabase({ url: `file:${empty}`, accounts: 10 })).rejects.toThrow(/tables missing.*npm run db:migrate first/);
  });

  it("refuses a URL that names neither SQLite nor PostgreSQL", async () => {
    await expect(seedDatabase({ url: "mysql://root@localhost/crm", accounts: 10 })).rejects.toThrow(/"mysql:\.\.\." is not supported/);
  });

  it("writes rows that Prisma reads back with the right types, and skips or resets on later runs", async () => {
    const url = migratedUrl("seed.db");
    const expected = generateSeedData({ accounts: ACCOUNTS });
    const first = await seedDatabase({ url, accounts: ACCOUNTS });
    expect(first.skipped).toBe(false);
    expect(first.counts).toMatchObject({
      users: 11, accounts: ACCOUNTS, orders: expected.orders.length, orderLines: expected.orderLines.length,
      products: expected.products.length, productPairs: expected.productPairs.length, settings: 5,
    });

    const prisma = createPrismaClient(url);
    try {
      const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
      expect(admin.role).toBe("ADMIN");
      expect(admin.active).toBe(true);
      expect(admin.createdAt).toBeInstanceOf(Date);
      expect(await verifyPassword(admin.passwordHash, DEMO_PASSWORD)).toBe(true);
      const ava = await prisma.user.findUniqueOrThrow({ where: { email: "ava@example.com" }, include: { team: true } });
      expect(ava.team?.name).toBe("North");

      const want = expected.accounts[0];
      const account = await prisma.account.findUniqueOrThrow({ where: { externalId: want.externalId } });
      expect(account).toMatchObject({
        id: want.id, name: want.name, kind: want.kind, doNotContact: want.doNotContact, orderCount: want.orderCount, revenueCents: want.revenueCents,
      });
      expect(account.firstOrderAt).toEqual(want.firstOrderAt);
      expect(account.lastOrderAt).toEqual(want.lastOrderAt);
      expect(account.updatedAt).toEqual(want.updatedAt);

      // Date comparisons run in SQL against the stored text, so the format must match the adapter's.
      const cutoff = expected.orders[Math.floor(expected.orders.length / 2)].orderedAt;
      const after = expected.orderLines.filter((l) => l.orderedAt.getTime() >= cutoff.getTime()).length;
      expect(await prisma.orderLine.count({ where: { orderedAt: { gte: cutoff } } })).toBe(after);
      const lines = await prisma.orderLine.findMany({ where: { accountId: want.id }, orderBy: { orderedAt: "desc" }, include: { order: true } });
      expect(lines.length).toBe(expected.orderLines.filter((l) => l.accountId === want.id).length);
      expect(lines[0].orderedAt).toEqual(want.lastOrderAt);
      expect(lines[0].order.orderedAt).toEqual(lines[0].orderedAt);

      const pairs = await prisma.productPair.findMany({ include: { sourceProduct: true, targetProduct: true } });
      expect(pairs).toHaveLength(expected.productPairs.length);
      for (const pair of pairs) expect(Array.isArray(pair.eligibleSegments)).toBe(true);
      expect(pairs.some((p) => (p.eligibleSegments as string[]).includes("Champions"))).toBe(true);
      expect(pairs.find((p) => p.type === "BUNDLE")?.bundleDiscountPct).toBeGreaterThan(0);

      const warranty = await prisma.product.findFirstOrThrow({ where: { category: "Extended warranties" } });
      expect(warranty.regulated).toBe(true);
      const holdout = await prisma.setting.findUniqueOrThrow({ where: { key: "holdoutShare" } });
      expect(holdout.value).toBe(0.1);

      const revenue = await prisma.orderLine.groupBy({ by: ["accountId"], where: { accountId: want.id }, _sum: { quantity: true } });
      expect(revenue[0]._sum.quantity).toBeGreaterThan(0);
      expect(await prisma.opportunity.count()).toBe(0);
      expect(await prisma.scoringRun.count()).toBe(0);
    } finally {
      await prisma.$disconnect();
    }

    const db = new Database(url.slice("file:".length), { readonly: true });
    try {
      expect(db.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
      expect(db.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'OrderLine' AND sql IS NOT NULL").all();
      expect(indexes).toHaveLength(4);
    } finally {
      db.close();
    }

    const second = await seedDatabase({ url, accounts: ACCOUNTS });
    expect(second.skipped).toBe(true);

    // Another process reading the database (the app) must not make a reset fail.
    const reader = new Database(url.slice("file:".length), { readonly: true });
    reader.prepare('SELECT COUNT(*) FROM "Account"').get();
    const reset = await seedDatabase({ url, accounts: 120, reset: true });
    reader.close();
    expect(reset.skipped).toBe(false);
    const check = createPrismaClient(url);
    try {
      expect(await check.account.count()).toBe(120);
      expect(await check.user.count()).toBe(11);
      expect(await check.orderLine.count()).toBe(reset.counts.orderLines);
    } finally {
      await check.$disconnect();
    }
  });
});

describe("npm run db:seed", () => {
  const run = async (url: string, args: string[]) => {
    const { spawnSync } = await import("node:child_process");
    const tsx = path.resolve(__dirname, "../../node_modules/.bin/tsx");
    return spawnSync(tsx, [path.resolve(__dirname, "index.ts"), ...args], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
    });
  };

  it("tells the user to migrate first, seeds an empty database, then skips", async () => {
    const missing = await run(`file:${path.join(dir, "cli-empty.db")}`, []);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("run npm run db:migrate first");

    const url = migratedUrl("cli.db");
    const seeded = await run(url, ["--accounts", "50", "--seed", "7"]);
    expect(seeded.status).toBe(0);
    expect(seeded.stdout).toMatch(/accounts\s+50/);
    expect(seeded.stdout).toMatch(/seeded in [\d.]+ s/);

    const again = await run(url, ["--accounts", "50"]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("database already has data; skipping (use --reset)");

    const bad = await run(url, ["--accounts", "zero"]);
    expect(bad.status).toBe(2);
  });
});

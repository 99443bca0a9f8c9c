// Integration: imports of small fixtures into a seeded database (SQLite by default; PostgreSQL with
// TEST_DATABASE=postgresql): upserts by key, merged repeated lines, idempotent re-import, cancellations
// booked as returns, guest and non-product lines, bad input named by line and column, the lock.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ImportBusyError } from "./lock";
import { ImportFileError, runImport } from "./run-import";
import type { ImportOptions } from "./types";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "import-test-"));
const writeTmp = (name: string, text: string) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return p;
};
const importFile = (kind: ImportOptions["kind"], file: string, extra: Partial<ImportOptions> = {}) => runImport(t.url, { kind, file, ...extra });

async function tableCounts() {
  const [products, accounts, orders, lines, returns] = await Promise.all([
    t.db.product.count(), t.db.account.count(), t.db.order.count(), t.db.orderLine.count(), t.db.importedReturn.count(),
  ]);
  return { products, accounts, orders, lines, returns };
}

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 40, seed: 3 });
});

afterAll(async () => {
  await t?.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("orders import", () => {
  it("bootstraps accounts and products, merges repeated lines, books cancellations and reports every treatment", async () => {
    const before = await tableCounts();
    const r = await importFile("orders", fixture("orders.csv"));
    expect(r.status).toBe("COMPLETED");
    expect(r.wrote).toBe(true);
    expect(r.counts.products).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(r.counts.accounts).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(r.counts.orders).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(r.counts.orderLines).toEqual({ created: 3, updated: 0, unchanged: 0, merged: 1 });
    expect(r.counts.returns).toEqual({ booked: 1, unchanged: 0, unmatchedLines: 1, unmatchedQuantity: 1 });
    expect(r.counts.skipped).toEqual({ guest: 1, "non-product": 2, "zero-price": 1, "cancellation-unmatched": 1 });
    expect(r.counts.nonProductCodes).toEqual({ POST: 1, M: 1 });
    expect(r.issues.find((i) => i.kind === "guest")).toMatchObject({ line: 7, column: "customer_id" });
    expect(r.issues.find((i) => i.kind === "cancellation-unmatched")).toMatchObject({ line: 10 });
    expect(r.notes.join("\n")).toMatch(/consent defaults from settings \(phone consent no, email consent no\)/);
    expect(await tableCounts()).toEqual({ ...before, products: before.products + 2, accounts: before.accounts + 2, orders: before.orders + 2, lines: before.lines + 3, returns: before.returns + 1 });

    const order = await t.db.order.findUniqueOrThrow({ where: { orderNumber: "100001" }, include: { lines: { include: { product: true } }, account: true } });
    const mug = order.lines.find((l) => l.product.sku === "SKU-A")!;
    // 2 + 3 on two lines of the same order; the later cancellation of 2 is a return on it.
    expect(mug).toMatchObject({ quantity: 5, unitPriceCents: 350, returnedQuantity: 2 });
    expect(order.totalCents).toBe(5 * 350 + 1000);
    expect(order.account).toMatchObject({ externalId: "C900", region: "United Kingdom", orderCount: 1, revenueCents: 3 * 350 + 1000, phoneConsent: false, emailConsent: false });
    expect(mug.product).toMatchObject({ name: "Alpha mug", priceCents: 350, unitCostCents: 210, unitCostEstimated: true });
    expect(await t.db.product.findUnique({ where: { sku: "POST" } })).toBeNull();
    expect(await t.db.product.findUnique({ where: { sku: "SKU-C" } })).toBeNull();
    const owner = await t.db.user.findUniqueOrThrow({ where: { id: order.account.ownerId } });
    expect(owner.role).toBe("REP");
  });

  it("re-importing the same file changes nothing and says so", async () => {
    const before = await tableCounts();
    const lineBefore = await t.db.orderLine.findMany({ where: { order: { orderNumber: { in: ["100001", "100002"] } } }, orderBy: { id: "asc" } });
    const r = await importFile("orders", fixture("orders.csv"));
    expect(r.wrote).toBe(false);
    expect(r.changed).toBe(false);
    expect(r.counts.orders).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(r.counts.orderLines).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(r.counts.returns).toMatchObject({ booked: 0, unchanged: 1 });
    expect(r.notes.join("\n")).toMatch(/nothing changed/);
    expect(await tableCounts()).toEqual(before);
    expect(await t.db.orderLine.findMany({ where: { order: { orderNumber: { in: ["100001", "100002"] } } }, orderBy: { id: "asc" } })).toEqual(lineBefore);
  });

  it("a changed row updates its record and nothing else", async () => {
    const changed = fs.readFileSync(fixture("orders.csv"), "utf8").replace("100002,SKU-B,Beta plate,4,", "100002,SKU-B,Beta plate,6,");
    const before = await tableCounts();
    const r = await importFile("orders", writeTmp("changed.csv", changed));
    expect(r.counts.orders).toEqual({ created: 0, updated: 1, unchanged: 1 });
    expect(r.counts.orderLines).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(await tableCounts()).toEqual(before);
    const order = await t.db.order.findUniqueOrThrow({ where: { orderNumber: "100002" }, include: { lines: true, account: true } });
    expect(order.lines[0].quantity).toBe(6);
    expect(order.totalCents).toBe(6000);
    expect(order.account.revenueCents).toBe(6000);
  });

  it("without --skip-invalid a file with bad rows writes nothing and names line, column and value", async () => {
    const before = await tableCounts();
    const r = await importFile("orders", fixture("bad-orders.csv"));
    expect(r.status).toBe("INVALID");
    expect(r.wrote).toBe(false);
    const errors = r.issues.filter((i) => i.kind === "error");
    expect(errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [3, "quantity", "two"],
      [4, "order_date", "2024-13-45"],
      [5, "unit_price", "abc"],
    ]);
    expect(errors[0].message).toBe('line 3, column quantity: not a number: "two"');
    expect(await tableCounts()).toEqual(before);
    const run = await t.db.importRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(run).toMatchObject({ status: "INVALID", activeKey: null });
  });

  it("with --skip-invalid the valid rows are imported and the invalid ones reported", async () => {
    const before = await tableCounts();
    const r = await importFile("orders", fixture("bad-orders.csv"), { skipInvalid: true });
    expect(r.status).toBe("COMPLETED");
    expect(r.counts.invalidRows).toBe(3);
    expect(r.counts.orders).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(await tableCounts()).toMatchObject({ orders: before.orders + 1, lines: before.lines + 1 });
  });

  it("a dry run validates and counts but writes nothing", async () => {
    const before = await tableCounts();
    const csv = "Invoice,StockCode,Quantity,InvoiceDate,Price,Customer ID\n300001,SKU-Z,1,2024-03-01,2.00,C990\n";
    const r = await importFile("orders", writeTmp("dry.csv", csv), { dryRun: true });
    expect(r.counts.orders).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(r.counts.accounts.created).toBe(1);
    expect(r.wrote).toBe(false);
    expect(await tableCounts()).toEqual(before);
  });

  it("a missing required column is an error naming line 1 and the column", async () => {
    const csv = "Invoice,StockCode,Quantity,InvoiceDate,Customer ID\n1,A,1,2024-01-01,C1\n";
    await expect(importFile("orders", writeTmp("missing.csv", csv))).rejects.toThrow(/line 1, column unit_price: missing required column/);
    await expect(importFile("orders", writeTmp("missing.csv", csv))).rejects.toBeInstanceOf(ImportFileError);
  });

  it("new accounts go to the reps of --team, balanced by revenue", async () => {
    const csv = ["order_id,customer_id,order_date,product_id,quantity,unit_price", ...Array.from({ length: 8 }, (_, i) => `T${i},TEAM-${i},2024-04-0${(i % 9) + 1},SKU-A,${i + 1},3.50`)].join("\n");
    await importFile("orders", writeTmp("team.csv", csv), { team: "South" });
    const accounts = await t.db.account.findMany({ where: { externalId: { startsWith: "TEAM-" } }, include: { owner: { include: { team: true } } } });
    expect(accounts).toHaveLength(8);
    expect(new Set(accounts.map((a) => a.owner.team?.name))).toEqual(new Set(["South"]));
    // Four South reps, eight accounts dealt largest first to the least loaded: two each.
    const perRep = new Map<string, number>();
    for (const a of accounts) perRep.set(a.ownerId, (perRep.get(a.ownerId) ?? 0) + 1);
    expect([...perRep.values()]).toEqual([2, 2, 2, 2]);
    await expect(importFile("orders", writeTmp("team2.csv", csv.replace(/TEAM-/g, "TEAMX-")), { team: "Nowhere" })).rejects.toThrow(/no active rep in team "Nowhere"/);
  });

  it("--consent-default gives new accounts consent when the file has none, and the summary says where it came from", async () => {
    const csv = "Invoice,StockCode,Quantity,InvoiceDate,Price,Customer ID\n400001,SKU-A,1,2024-03-01,3.50,CONSENT-1\n";
    const r = await importFile("orders", writeTmp("consent.csv", csv), { consentDefaults: { phone: true, email: false } });
    expect(r.notes.join("\n")).toMatch(/consent defaults from --consent-default \(phone consent yes, email consent no\)/);
    expect(await t.db.account.findUniqueOrThrow({ where: { externalId: "CONSENT-1" } })).toMatchObject({ phoneConsent: true, emailConsent: false });
  });

  it("refuses to run while another import holds the lock", async () => {
    await t.db.importRun.create({ data: { kind: "orders", fileName: "other.csv", source: "cli", activeKey: "import", holder: `${os.hostname()}:${process.pid}` } });
    try {
      await expect(importFile("orders", fixture("orders.csv"))).rejects.toBeInstanceOf(ImportBusyError);
    } finally {
      await t.db.importRun.updateMany({ where: { activeKey: "import" }, data: { activeKey: null, status: "FAILED" } });
    }
  });
});

describe("accounts and products imports", () => {
  it("upserts accounts by external id with consent defaults and owner emails", async () => {
    const r = await importFile("accounts", fixture("accounts.csv"));
    expect(r.counts.accounts).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(r.notes.join("\n")).toMatch(/no consent columns: new accounts take the defaults from settings \(phone consent no, email consent no\)/);
    const bob = await t.db.account.findUniqueOrThrow({ where: { externalId: "ACC-2" }, include: { owner: true } });
    expect(bob).toMatchObject({ name: "Bob Baker", kind: "PERSON", email: "bob@baker.example", phoneConsent: false });
    expect(bob.owner.email).toBe("eva@example.com");
    const again = await importFile("accounts", fixture("accounts.csv"));
    expect(again.counts.accounts).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const update = await importFile("accounts", writeTmp("acc.csv", "Customer ID,Phone consent,Do not contact\nACC-1,yes,no\nACC-3,maybe,no\n"), { skipInvalid: true });
    expect(update.counts.accounts).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(update.issues.filter((i) => i.kind === "error").map((i) => [i.line, i.column, i.value])).toEqual([[3, "phone_consent", "maybe"]]);
    expect((await t.db.account.findUniqueOrThrow({ where: { externalId: "ACC-1" } })).phoneConsent).toBe(true);
  });

  it("names an owner email that is no rep's", async () => {
    const r = await importFile("accounts", writeTmp("owner.csv", "external_id,name,owner_email\nACC-9,Nine,nobody@example.com\n"));
    expect(r.status).toBe("INVALID");
    expect(r.issues[0]).toMatchObject({ line: 2, column: "owner_email", value: "nobody@example.com" });
  });

  it("upserts products by SKU and flags estimated unit costs", async () => {
    const r = await importFile("products", fixture("products.csv"));
    expect(r.counts.products).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await t.db.product.findUniqueOrThrow({ where: { sku: "P-100" } })).toMatchObject({ priceCents: 4900, unitCostCents: 2000, unitCostEstimated: false });
    expect(await t.db.product.findUniqueOrThrow({ where: { sku: "P-200" } })).toMatchObject({ priceCents: 1250, unitCostCents: 750, unitCostEstimated: true });
    const again = await importFile("products", fixture("products.csv"));
    expect(again.counts.products).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const priced = await importFile("products", writeTmp("p.csv", "sku,price,unit cost\nP-200,15.00,6.00\n"));
    expect(priced.counts.products).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await t.db.product.findUniqueOrThrow({ where: { sku: "P-200" } })).toMatchObject({ priceCents: 1500, unitCostCents: 600, unitCostEstimated: false });
  });
});

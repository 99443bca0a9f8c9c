// Integration: the command line on a real database (SQLite by default; PostgreSQL with
// TEST_DATABASE=postgresql). An import killed inside its write transaction leaves the database as it
// was and its lock is taken over by the next import; invalid input exits 2 with the errors on stderr
// and in the error report.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
const root = path.resolve(import.meta.dirname, "../..");
const fixture = (name: string) => path.join(import.meta.dirname, "fixtures", name);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "import-cli-"));

function cli(args: string[], env: Record<string, string> = {}) {
  // One process (tsx as a loader, not its CLI, which runs the script in a child): the kill must hit the importer.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], {
    cwd: root, env: { ...process.env, DATABASE_URL: t.url, ...env }, stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function snapshot() {
  const [products, accounts, orders, lines, returns, revenue] = await Promise.all([
    t.db.product.count(), t.db.account.count(), t.db.order.count(), t.db.orderLine.count(), t.db.importedReturn.count(),
    t.db.account.aggregate({ _sum: { revenueCents: true } }),
  ]);
  return { products, accounts, orders, lines, returns, revenue: revenue._sum.revenueCents };
}

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 30, seed: 4 });
});

afterAll(async () => {
  await t?.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("import command line", () => {
  it("an import killed part-way through its transaction leaves the database as before", async () => {
    const before = await snapshot();
    const run = cli(["orders", fixture("orders.csv")], { IMPORT_PAUSE_AFTER_PHASE: "lines" });
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (run.out().includes("PAUSED after lines")) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
      void run.exited.then((code) => {
        clearInterval(timer);
        reject(new Error(`exited ${code} before pausing: ${run.out()} ${run.err()}`));
      });
    });
    // Products, accounts, orders and lines have been written inside the transaction: kill it there.
    run.child.kill("SIGKILL");
    await run.exited.catch(() => {});
    expect(await snapshot()).toEqual(before);
    expect(await t.db.product.findUnique({ where: { sku: "SKU-A" } })).toBeNull();

    // The dead import's lock does not block the next one, which imports the file completely.
    const next = cli(["orders", fixture("orders.csv")]);
    expect(await next.exited).toBe(0);
    expect(next.out()).toMatch(/committed/);
    const after = await snapshot();
    expect(after).toMatchObject({ orders: before.orders + 2, lines: before.lines + 3, accounts: before.accounts + 2, products: before.products + 2 });
    const runs = await t.db.importRun.findMany({ orderBy: { startedAt: "asc" } });
    expect(runs.map((r) => r.status)).toEqual(["FAILED", "COMPLETED"]);
    expect(runs[0].error).toMatch(/stopped without finishing/);
  });

  it("invalid input exits 2, writes nothing, prints the errors and writes the error report", async () => {
    const before = await snapshot();
    const report = path.join(tmp, "report.csv");
    const run = cli(["orders", fixture("bad-orders.csv"), "--error-report", report]);
    expect(await run.exited).toBe(2);
    expect(run.err()).toContain('error: line 3, column quantity: not a number: "two"');
    expect(run.err()).toContain("line 4, column order_date");
    expect(await snapshot()).toEqual(before);
    const rows = fs.readFileSync(report, "utf8").trim().split("\n");
    expect(rows[0]).toBe("line,column,value,treatment,message");
    expect(rows.slice(1).map((r) => r.split(",").slice(0, 4).join(","))).toEqual(["3,quantity,two,error", "4,order_date,2024-13-45,error", "5,unit_price,abc,error"]);
  });

  it("--dry-run prints what would happen and exits 0 without writing", async () => {
    const before = await snapshot();
    const run = cli(["orders", fixture("bad-orders.csv"), "--dry-run", "--skip-invalid"]);
    expect(await run.exited).toBe(0);
    expect(run.out()).toMatch(/dry run, nothing written/);
    expect(run.out()).toMatch(/orders\s+1 created, 0 updated, 0 unchanged/);
    expect(await snapshot()).toEqual(before);
  });
});

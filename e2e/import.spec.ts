// The admin import screen: upload, automatic and manual column mapping, dry run, the import as a
// background job and its result, a bad file whose row errors are shown and downloadable, the history,
// and axe on every state. Reps get a 404.
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { login, USERS } from "./fixtures";

// Playwright runs from the repository root.
const data = (name: string) => path.resolve("e2e", "fixtures-data", name);

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(0);
}

async function upload(page: Page, file: string) {
  await page.goto("/admin/import");
  await page.getByLabel("What the file holds").selectOption("orders");
  await page.getByLabel(/CSV file/).setInputFiles(data(file));
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByText(/First rows of/)).toBeVisible();
}

test.describe.configure({ mode: "serial" });
// Several background jobs per test on a shared machine.
test.setTimeout(120_000);

test("upload, map the unmatched column, dry run, import, and the history", async ({ page }) => {
  await login(page, USERS.admin.email);
  await page.goto("/admin/import");
  await expect(page.getByRole("heading", { name: "Import", level: 1 })).toBeVisible();
  await expect(page.getByText(/at most 200 MB/).first()).toBeVisible();
  await expectAxeClean(page);

  await upload(page, "import-orders.csv");
  // Aliases matched by header name; the German "Kunde" column is left for the admin to choose.
  await expect(page.getByLabel(/Order id/)).toHaveValue("Invoice");
  await expect(page.getByLabel(/Unit price/)).toHaveValue("Price");
  await expect(page.getByLabel(/Customer id/)).toHaveValue("");
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "map the required" })).toContainText("map the required column(s): customer_id");
  await page.getByLabel(/Customer id/).selectOption("Kunde");
  await expectAxeClean(page);

  await page.getByRole("button", { name: "Dry run" }).click();
  const result = page.getByTestId("import-result");
  await expect(result).toContainText("Dry run: nothing was written", { timeout: 30_000 });
  await expect(result).toContainText("2 created, 0 updated, 0 unchanged");
  await expect(result).toContainText("Guest lines (no customer id)");

  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(result).toContainText("Imported: all changes committed in one transaction.", { timeout: 30_000 });
  await expect(result).toContainText("Non-product lines");
  const history = page.getByRole("table", { name: /Import history/ });
  await expect(history.getByRole("row").filter({ hasText: "import-orders.csv" }).filter({ hasText: "completed" }).first()).toBeVisible();
  await expectAxeClean(page);

  // The same file again: nothing changes, and the screen says so.
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(result).toContainText("Nothing changed", { timeout: 30_000 });
});

test("a bad file shows its row errors and writes nothing; the error report downloads", async ({ page }) => {
  await login(page, USERS.admin.email);
  await upload(page, "import-bad-orders.csv");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const result = page.getByTestId("import-result");
  await expect(result).toContainText("2 invalid row(s): nothing was written.", { timeout: 30_000 });
  const errors = page.getByRole("table", { name: /Row errors/ });
  await expect(errors.getByRole("row").filter({ hasText: "quantity" })).toContainText('line 3, column quantity: not a number: "two"');
  await expect(errors.getByRole("row").filter({ hasText: "order_date" })).toContainText("2026-13-45");
  await expectAxeClean(page);

  const href = await result.getByRole("link", { name: /Download the error report/ }).getAttribute("href");
  const report = await page.request.get(href!);
  expect(report.status()).toBe(200);
  expect(report.headers()["content-type"]).toContain("text/csv");
  const text = await report.text();
  expect(text.split("\n")[0]).toBe("line,column,value,treatment,message");
  expect(text).toContain("3,quantity,two,error");
});

test("reps do not find the import screen", async ({ page }) => {
  await login(page, USERS.repAva.email);
  const res = await page.goto("/admin/import");
  expect(res?.status()).toBe(404);
});

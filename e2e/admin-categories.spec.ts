// The admin's category policies: a category without a policy shows the default and gets one (a durable
// needs a cycle, named as a field error), the save is audited and applies from the next scoring run; a
// stale edit is refused naming the admin who saved first; the measured repurchase figures are the
// database's; the page is axe clean.
import AxeBuilder from "@axe-core/playwright";
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { withDb } from "./db";
import { login, USERS } from "./fixtures";

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(0);
}

/** A product in a category of its own, so the category has no policy and no other test touches it. */
function newCategory(): string {
  const suffix = randomUUID().slice(0, 8);
  const category = `E2E Gadgets ${suffix}`;
  withDb((db) =>
    db
      .prepare(
        `INSERT INTO "Product" (id, sku, name, category, "priceCents", "unitCostCents", active, regulated, version, "createdAt", "updatedAt")
         VALUES (?, ?, ?, ?, 9900, 5000, 1, 0, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
      )
      .run(`e2ecat${suffix}`, `E2E-CAT-${suffix}`, `E2E Gadget ${suffix}`, category),
  );
  return category;
}

/** A second admin (demo password), to be the one who saved first. */
function createAdmin(): { email: string; name: string } {
  const id = `e2e${randomUUID().replaceAll("-", "")}`;
  const user = { email: `e2e-admin-${id.slice(3, 11)}@example.com`, name: `E2E Admin ${id.slice(3, 7)}` };
  withDb((db) =>
    db
      .prepare(
        `INSERT INTO "User" (id, email, name, role, teamId, passwordHash, active, failedLoginCount, sessionVersion, createdAt, updatedAt)
         SELECT ?, ?, ?, 'ADMIN', NULL, passwordHash, 1, 0, 0, createdAt, updatedAt FROM "User" WHERE email = ?`,
      )
      .run(id, user.email, user.name, USERS.admin.email),
  );
  return user;
}

test("an admin gives a category without a policy one: a durable needs a cycle, the save is audited and applies from the next run", async ({ page }) => {
  // Two axe scans and a save: over 30 s on the shared machine under load.
  test.setTimeout(60_000);
  const category = newCategory();
  await login(page, USERS.admin.email);
  await page.goto("/admin");
  await page.getByRole("link", { name: /Categories/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Categories" })).toBeVisible();
  await expect(page.getByText("Changes apply from the next scoring run.")).toBeVisible();
  await expectAxeClean(page);

  const row = page.getByTestId("category-row").filter({ hasText: category });
  await expect(row).toContainText("replenished");
  await expect(row).toContainText("(default)");
  await expect(row).toContainText("never saved");
  await row.getByRole("button", { name: `Edit ${category}` }).click();
  const dialog = page.getByRole("alertdialog", { name: `Edit ${category}` });
  await expect(dialog).toContainText("no policy yet");
  await dialog.getByLabel("Durability").selectOption("DURABLE");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText("A durable category needs a replacement cycle")).toBeVisible();
  await expect(dialog.getByLabel("Replacement cycle (days)")).toHaveAttribute("aria-invalid", "true");
  await expectAxeClean(page);
  await dialog.getByLabel("Replacement cycle (days)").fill("730");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`${category} saved: durable. Applies from the next scoring run.`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("durable");
  await expect(row).not.toContainText("(default)");
  await expect(row).toContainText("cycle 730 d");
  await expect(row).toContainText(USERS.admin.name);

  const stored = withDb((db) => db.prepare(`SELECT durability, "replacementCycleDays", version FROM "CategoryPolicy" WHERE category = ?`).get(category));
  expect(stored).toEqual({ durability: "DURABLE", replacementCycleDays: 730, version: 1 });
  const audit = withDb((db) => db.prepare(`SELECT details FROM "AuditLog" WHERE action = 'category-policy.create' AND "entityId" = ?`).get(category) as { details: string });
  expect(JSON.parse(audit.details)).toMatchObject({ before: { durability: "REPLENISHED", replacementCycleDays: null }, after: { durability: "DURABLE", replacementCycleDays: 730 } });
});

test("a stale edit is refused naming the admin who saved first, and nothing of it is saved", async ({ page, browser, baseURL }) => {
  test.setTimeout(60_000);
  const category = newCategory();
  const other = createAdmin();
  await login(page, USERS.admin.email);
  await page.goto("/admin/categories");
  const row = page.getByTestId("category-row").filter({ hasText: category });
  await row.getByRole("button", { name: `Edit ${category}` }).click();
  const dialog = page.getByRole("alertdialog", { name: `Edit ${category}` });
  await dialog.getByLabel("Replacement cycle (days)").fill("90");

  // Meanwhile the other admin saves the same category first.
  const otherContext = await browser.newContext({ baseURL });
  const otherPage = await otherContext.newPage();
  await login(otherPage, other.email);
  await otherPage.goto("/admin/categories");
  const otherRow = otherPage.getByTestId("category-row").filter({ hasText: category });
  await otherRow.getByRole("button", { name: `Edit ${category}` }).click();
  const otherDialog = otherPage.getByRole("alertdialog", { name: `Edit ${category}` });
  await otherDialog.getByLabel("Durability").selectOption("DURABLE");
  await otherDialog.getByLabel("Replacement cycle (days)").fill("1095");
  await otherDialog.getByRole("button", { name: "Save" }).click();
  await expect(otherPage.getByText(`${category} saved: durable.`)).toBeVisible();
  await otherContext.close();

  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText(`${other.name} saved the policy of ${category}`)).toBeVisible();
  await expect(dialog).toContainText("Nothing was saved");
  const stored = withDb((db) => db.prepare(`SELECT durability, "replacementCycleDays", version FROM "CategoryPolicy" WHERE category = ?`).get(category));
  expect(stored).toEqual({ durability: "DURABLE", replacementCycleDays: 1095, version: 1 });
});

test("the measured figures are the order data's: buyers per category as the database counts them", async ({ page }) => {
  const cameras = withDb(
    (db) =>
      db
        .prepare(`SELECT COUNT(DISTINCT l."accountId") AS n FROM "OrderLine" l JOIN "Product" p ON p.id = l."productId" WHERE p.category = 'Cameras' AND l.quantity > 0`)
        .get() as { n: number },
  ).n;
  expect(cameras).toBeGreaterThan(30);
  await login(page, USERS.admin.email);
  await page.goto("/admin/categories");
  await expect(page.getByTestId("measured-note")).toContainText(/Figures measured/);
  const row = page.getByTestId("category-row").filter({ has: page.getByText("Cameras", { exact: true }) });
  await expect(row.getByRole("cell").nth(2)).toHaveText(cameras.toLocaleString("en-US"));
  await expect(row).toContainText("durable");
  await expect(row).toContainText("1,095 d");
  await expect(row.getByRole("cell").nth(6)).toContainText(/fits the data|data disagrees/);
});

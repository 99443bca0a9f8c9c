import { expect, test } from "@playwright/test";
import { firstAccountOf, login, USERS } from "./fixtures";

test("a rep opening another rep's account by URL gets a 404", async ({ page }) => {
  await login(page, USERS.admin.email);
  const bensAccount = await firstAccountOf(page, USERS.repBen.name);
  const avasAccount = await firstAccountOf(page, USERS.repAva.name);

  await login(page, USERS.repAva.email);
  const own = await page.goto(avasAccount);
  expect(own?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Purchase history" })).toBeVisible();

  const other = await page.goto(bensAccount);
  expect(other?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("a manager sees the team's accounts but not the other team's", async ({ page }) => {
  await login(page, USERS.admin.email);
  const northAccount = await firstAccountOf(page, USERS.repBen.name);
  const southAccount = await firstAccountOf(page, USERS.repEva.name);

  await login(page, USERS.managerNorth.email);
  expect((await page.goto(northAccount))?.status()).toBe(200);
  expect((await page.goto(southAccount))?.status()).toBe(404);

  await page.goto("/accounts");
  const owners = await page.getByLabel("Owner").locator("option").allTextContents();
  expect(owners).toContain(USERS.repBen.name);
  expect(owners).not.toContain(USERS.repEva.name);
});

test("a rep's list shows only own accounts, and search and pagination work", async ({ page }) => {
  await login(page, USERS.repAva.email);
  await page.goto("/accounts");
  await expect(page.getByLabel("Owner")).toHaveCount(0);
  const summary = page.getByTestId("pagination-summary");
  await expect(summary).toContainText(/^1–25 of [\d,]+ accounts$/);
  const total = Number((await summary.textContent())!.match(/of ([\d,]+)/)![1].replace(/,/g, ""));
  expect(total).toBeGreaterThan(100);

  const firstPageNames = await page.getByTestId("account-row").getByRole("link").allTextContents();
  expect(firstPageNames).toHaveLength(25);
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(summary).toContainText(`26–50 of`);
  const secondPageNames = await page.getByTestId("account-row").getByRole("link").allTextContents();
  expect(secondPageNames).toHaveLength(25);
  expect(secondPageNames.filter((n) => firstPageNames.includes(n))).toEqual([]);
  // Sorted by name: the second page continues the first.
  expect(secondPageNames[0].localeCompare(firstPageNames[24], undefined, { sensitivity: "base" })).toBeGreaterThanOrEqual(0);

  // Search by a fragment of a name on the first page, case-insensitively.
  const target = firstPageNames[3];
  const fragment = target.split(" ")[0].slice(0, 5).toUpperCase();
  await page.getByLabel("Search by name").fill(fragment);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(fragment)}`));
  const results = await page.getByTestId("account-row").getByRole("link").allTextContents();
  expect(results.length).toBeGreaterThan(0);
  for (const name of results) expect(name.toLowerCase()).toContain(fragment.toLowerCase());

  await page.getByLabel("Search by name").fill("zzzz-no-such-account");
  await expect(page.getByText("No accounts match these filters")).toBeVisible();
});

test("sorting by revenue puts the biggest account first", async ({ page }) => {
  await login(page, USERS.managerNorth.email);
  await page.goto("/accounts");
  await page.getByRole("button", { name: "Revenue" }).click();
  await expect(page).toHaveURL(/sort=revenue/);
  const header = page.getByRole("columnheader", { name: "Revenue" });
  const sort = await header.getAttribute("aria-sort");
  if (sort !== "descending") {
    await page.getByRole("button", { name: "Revenue" }).click();
    await expect(header).toHaveAttribute("aria-sort", "descending");
  }
  const cells = await page.getByTestId("account-row").locator("td:nth-child(6)").allTextContents();
  const values = cells.map((c) => Number(c.replace(/[^0-9.]/g, "")));
  expect(values.length).toBeGreaterThan(1);
  for (let i = 1; i < values.length; i++) expect(values[i - 1]).toBeGreaterThanOrEqual(values[i]);
});

test("account detail shows profile, consent, totals and purchase history with returns", async ({ page }) => {
  await login(page, USERS.repAva.email);
  await page.goto("/accounts?sort=orders&dir=desc");
  await page.getByTestId("account-row").first().getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Contact" })).toBeVisible();
  await expect(page.getByLabel("Consent")).toContainText("Phone consent");
  await expect(page.getByText("Net revenue")).toBeVisible();
  await expect(page.getByTestId("history-row").first()).toBeVisible();
  await expect(page.getByTestId("pagination-summary")).toContainText("order lines");
});

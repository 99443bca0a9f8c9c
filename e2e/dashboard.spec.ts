// The manager dashboard: filters change the numbers and the URL, drill-downs open the matching rows,
// exports carry the rows on screen, and the page is axe clean (manager and admin).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { withDb } from "./db";
import { login, USERS } from "./fixtures";

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(0);
}

const tileValue = (page: Page, key: string) => page.getByTestId(`tile-${key}`).getByTestId("tile-value").innerText();

test.describe("dashboard", () => {
  // Each test ends with an axe scan of a long page; on a loaded machine that alone can pass 30 s.
  test.describe.configure({ timeout: 120_000 });
  test("a manager's filter changes the numbers and the URL, and the back button restores them", async ({ page }) => {
    await login(page, USERS.managerNorth.email);
    await page.goto("/dashboard?period=ytd");
    await expect(page.getByRole("heading", { name: "Uplift against the holdout" })).toBeVisible();
    await expect(page.getByTestId("uplift-verdict")).not.toBeEmpty();
    // A manager has no team filter: the team is theirs.
    await expect(page.getByRole("combobox", { name: "Team", exact: true })).toHaveCount(0);
    const before = await tileValue(page, "aov");
    const repsBefore = await page.getByTestId("rep-row").count();
    expect(repsBefore).toBeGreaterThan(1);
    await page.getByRole("combobox", { name: "Rep", exact: true }).selectOption({ label: "Ava Thompson" });
    await expect(page).toHaveURL(/rep=usr_ava/);
    await expect(page.getByTestId("rep-row")).toHaveCount(1);
    expect(await tileValue(page, "aov")).not.toBe(before);
    await page.goBack();
    await expect(page).not.toHaveURL(/rep=/);
    await expect(page.getByTestId("rep-row")).toHaveCount(repsBefore);
    await expectAxeClean(page);
  });

  test("a drill-down opens the matching rows, and an export has the rows on screen", async ({ page }) => {
    await login(page, USERS.managerNorth.email);
    await page.goto("/dashboard?period=ytd");
    await page.getByTestId("tile-conversion").getByRole("link", { name: /See the rows/ }).click();
    await expect(page).toHaveURL(/\/dashboard\/drill\?.*kind=opportunities.*stage=WON/);
    const rows = page.getByTestId("drill-row");
    await expect(rows.first()).toBeVisible();
    const n = await rows.count();
    for (let i = 0; i < n; i++) await expect(rows.nth(i)).toContainText("WON");
    await expectAxeClean(page);

    await page.goto("/dashboard?period=ytd");
    const names = await page.getByTestId("rep-row").locator("th, td").first().allInnerTexts();
    const href = await page.getByRole("link", { name: "Export reps CSV" }).getAttribute("href");
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/csv");
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe("rep,team,calls,connects,conversions,wonRevenue,avgDaysToClose,uplift,upliftCiLow,upliftCiHigh,upliftPValue");
    expect(lines.length - 1).toBe(await page.getByTestId("rep-row").count());
    for (const name of names) expect(lines.some((l) => l.startsWith(name))).toBe(true);
    expect(lines.slice(1).every((l) => l.includes(",North,"))).toBe(true);
  });

  test("an admin can pick a team, and an empty period says so", async ({ page }) => {
    await login(page, USERS.admin.email);
    await page.goto("/dashboard?period=ytd");
    await expect(page.getByRole("combobox", { name: "Team", exact: true })).toBeVisible();
    const all = await page.getByTestId("rep-row").count();
    await page.getByRole("combobox", { name: "Team", exact: true }).selectOption({ label: "South" });
    await expect(page).toHaveURL(/team=team_south/);
    await expect(page.getByTestId("rep-row")).not.toHaveCount(all);
    await expectAxeClean(page);
    await page.goto("/dashboard?period=custom&from=2020-01-01&to=2020-01-31");
    await expect(page.getByTestId("uplift-verdict")).toContainText("No scoring run");
    await expect(page.getByTestId("tile-aov").getByTestId("tile-value")).toHaveText("—");
  });

  test("a pair filter shows ROI, its outreach cost being the contacts on that pair's offers", async ({ page }) => {
    await login(page, USERS.managerNorth.email);
    await page.goto("/dashboard?period=ytd");
    await expect(page.getByTestId("tile-roi").getByTestId("tile-value")).not.toHaveText("—");
    const allCost = await page.getByText(/contacts × cost per contact/).innerText();
    const pair = page.getByRole("combobox", { name: "Product pair", exact: true });
    // The pair whose offers to the team's reps were contacted most (a pair nobody called has no ROI).
    const value = withDb((db) =>
      (db
        .prepare(
          `SELECT o."pairId" AS id FROM "Activity" a JOIN "Opportunity" o ON o.id = a."opportunityId" JOIN "User" u ON u.id = o."assigneeId"
            WHERE o."pairId" IS NOT NULL AND u."teamId" = (SELECT "teamId" FROM "User" WHERE email = ?)
            GROUP BY o."pairId" ORDER BY COUNT(*) DESC, o."pairId" LIMIT 1`,
        )
        .get(USERS.managerNorth.email) as { id: string }).id,
    );
    await pair.selectOption(value!);
    await expect(page).toHaveURL(new RegExp(`pair=${value}`));
    await expect(page.getByTestId("tile-roi")).toContainText("contacts on the filtered offers");
    await expect(page.getByTestId("tile-roi").getByTestId("tile-value")).not.toHaveText("—");
    // The pair's contacts are a part of all the offers' contacts.
    const pairCost = await page.getByText(/contacts × cost per contact/).innerText();
    const contacts = (t: string) => Number(t.replace(/[^\d]/g, ""));
    expect(contacts(pairCost)).toBeGreaterThan(0);
    expect(contacts(pairCost)).toBeLessThan(contacts(allCost));
    if (process.env.DASHBOARD_SCREENSHOT_DIR) {
      await page.setViewportSize({ width: 1440, height: 1800 });
      await page.screenshot({ path: `${process.env.DASHBOARD_SCREENSHOT_DIR}/dash-pair-filter-manager.png` });
      await page.screenshot({ path: `${process.env.DASHBOARD_SCREENSHOT_DIR}/dash-pair-filter-full.png`, fullPage: true });
    }
    await expectAxeClean(page);
  });

  test("screenshots for the README", async ({ page }) => {
    test.skip(!process.env.DASHBOARD_SCREENSHOTS, "set DASHBOARD_SCREENSHOTS=1 to refresh docs/screenshots");
    await page.setViewportSize({ width: 1440, height: 1800 });
    await login(page, USERS.managerNorth.email);
    await page.goto("/dashboard?period=ytd");
    await page.screenshot({ path: "docs/screenshots/dashboard-manager.png" });
    await login(page, USERS.admin.email);
    await page.goto("/dashboard?period=ytd");
    await page.screenshot({ path: "docs/screenshots/dashboard-admin.png" });
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto("/dashboard?period=custom&from=2020-01-01&to=2020-01-31");
    await page.screenshot({ path: "docs/screenshots/dashboard-empty.png" });
  });
});

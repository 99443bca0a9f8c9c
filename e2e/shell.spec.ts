import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { login, USERS } from "./fixtures";

/** Accessible label of the focused element, and whether it sits inside the given container. */
async function focusIn(page: Page, container: Locator): Promise<{ inside: boolean; label: string }> {
  const handle = await container.elementHandle();
  return page.evaluate((el) => {
    const active = document.activeElement as HTMLElement | null;
    return {
      inside: !!el && !!active && el.contains(active),
      label: active?.getAttribute("aria-label") ?? active?.textContent?.trim() ?? "",
    };
  }, handle);
}

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the navigation drawer traps focus, closes on Escape and gives focus back to the menu button", async ({ page }) => {
    await login(page, USERS.repEva.email);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    const openButton = page.getByRole("button", { name: "Open navigation" });
    // The desktop sidebar is hidden, so no navigation is exposed until the drawer opens.
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

    await openButton.click();
    const drawer = page.getByRole("dialog", { name: "Navigation" });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Queue", "Accounts"]);
    await expect(drawer.getByRole("button", { name: "Close navigation" })).toBeVisible();
    // Modal: the page behind is hidden from assistive technology while the drawer is open.
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(0);
    await expect.poll(async () => (await focusIn(page, drawer)).inside).toBe(true);

    // The brand link, the close button and the two nav links: Tab goes round them and never leaves.
    const start = (await focusIn(page, drawer)).label;
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press("Tab");
      const f = await focusIn(page, drawer);
      expect(f.inside, `focus left the drawer after ${i + 1} Tab presses (on "${f.label}")`).toBe(true);
      seen.push(f.label);
    }
    expect(new Set(seen).size).toBe(4);
    expect(seen.at(-1)).toBe(start);
    await page.keyboard.press("Shift+Tab");
    expect((await focusIn(page, drawer)).inside).toBe(true);

    await page.keyboard.press("Escape");
    await expect(drawer).toHaveCount(0);
    await expect(openButton).toBeFocused();
    await expect(openButton).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  });

  test("a link in the drawer navigates and closes the drawer", async ({ page }) => {
    await login(page, USERS.repEva.email);
    await page.goto("/queue");
    await page.getByRole("button", { name: "Open navigation" }).click();
    const drawer = page.getByRole("dialog", { name: "Navigation" });
    await expect(drawer.getByRole("link", { name: "Queue" })).toHaveAttribute("aria-current", "page");
    await drawer.getByRole("link", { name: "Accounts" }).click();
    await expect(page).toHaveURL(/\/accounts$/);
    await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
    await expect(drawer).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Open navigation" })).toBeVisible();
  });

  test("the open drawer has no serious accessibility violations", async ({ page }) => {
    await login(page, USERS.repEva.email);
    await page.getByRole("button", { name: "Open navigation" }).click();
    await expect(page.getByRole("dialog", { name: "Navigation" })).toBeVisible();
    const results = await new AxeBuilder({ page }).include('[role="dialog"]').withTags(["wcag2a", "wcag2aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    // The scan looked at the drawer's contents, not at an empty selection.
    expect(results.passes.length).toBeGreaterThan(0);
  });
});

test("on a desktop the sidebar is the one navigation and there is no menu button", async ({ page }) => {
  await login(page, USERS.repEva.email);
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(1);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Open navigation" })).toBeHidden();
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

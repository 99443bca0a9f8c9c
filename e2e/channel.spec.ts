import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { login } from "./fixtures";

// Read-only walks (nothing is saved), so they can share Eva's queue with other specs.
const EVA = "eva@example.com";

test("the call list shows each account once per page; the email list holds the email-only accounts' offers", async ({ page }) => {
  await login(page, EVA);
  await page.goto("/queue");
  const rows = page.getByTestId("queue-row");
  await expect(rows.first()).toBeVisible();
  const accounts = await rows.locator("td:first-child a").allTextContents();
  expect(accounts.length).toBeGreaterThan(5);
  expect(new Set(accounts).size).toBe(accounts.length);
  await expect(rows.getByRole("link", { name: /^Email / })).toHaveCount(0);

  const emailTab = page.getByRole("button", { name: /^Email list \(\d[\d,]*\)$/ });
  const emailCount = Number((await emailTab.textContent())!.match(/\(([\d,]+)\)/)![1].replace(/,/g, ""));
  expect(emailCount).toBeGreaterThan(0);
  await emailTab.click();
  await expect(page).toHaveURL(/channel=email/);
  await expect(page.getByRole("button", { name: /^Email list/ })).toHaveAttribute("aria-current", "page");
  await expect(rows.first().getByRole("link", { name: /^Email / })).toBeVisible();
  await expect(rows.getByRole("link", { name: /^Call / })).toHaveCount(0);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.getByRole("link", { name: "Start emailing" }).click();
  await expect(page).toHaveURL(/\/queue\/call\?id=.*channel=email/);
  await expect(page.getByTestId("offer-channel")).toHaveText("by email");
  await expect(page.getByRole("region", { name: "Email draft" })).toBeVisible();
  await expect(page.getByTestId("email-draft")).toContainText("Dear ");
  await expect(page.getByText("No phone consent")).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test("a crafted call outcome on an account without phone consent is refused with a clear message", async ({ page }) => {
  await login(page, EVA);
  await page.goto("/queue?channel=email");
  const href = await page.getByTestId("queue-row").first().getByRole("link", { name: /^Email / }).getAttribute("href");
  await page.goto(href!);
  await expect(page.getByTestId("offer-channel")).toHaveText("by email");
  // The form logs as email; a crafted request claiming a phone call is refused by the server.
  await page.route("**/queue/call**", async (route) => {
    const req = route.request();
    if (req.method() !== "POST") return route.continue();
    const body = req.postData() ?? "";
    await route.continue({ postData: body.replace('"channel":"EMAIL"', '"channel":"CALL"') });
  });
  await page.locator("label").filter({ hasText: "No answer" }).click();
  await page.getByRole("button", { name: /Save outcome/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: /not consented to phone calls/ })).toBeVisible();
});

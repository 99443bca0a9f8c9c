// A short walk through the app for a second database (npm run test:pg runs it against PostgreSQL):
// every role signs in and sees its pages, and a rep logs an outcome that the queue then reflects.
import { expect, test } from "@playwright/test";
import { login, USERS } from "./fixtures";

for (const key of ["repAva", "managerNorth", "admin"] as const) {
  test(`${USERS[key].role} signs in and opens the queue and the accounts`, async ({ page }) => {
    await login(page, USERS[key].email);
    await page.goto("/queue");
    await expect(page.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();
    await expect(page.getByTestId("queue-row").first()).toBeVisible();
    await page.goto("/accounts");
    await expect(page.getByTestId("account-row").first()).toBeVisible();
    await page.getByTestId("account-row").first().getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Purchase history" })).toBeVisible();
  });
}

test("a rep logs an outcome in call mode and the queue moves on", async ({ page }) => {
  await login(page, USERS.repBen.email);
  await page.goto("/queue");
  await page.getByRole("link", { name: "Start calling" }).click();
  await expect(page).toHaveURL(/\/queue\/call\?id=/);
  const first = new URL(page.url()).searchParams.get("id")!;
  await page.locator("label").filter({ hasText: "Not interested" }).click();
  await page.getByLabel(/Reason/).selectOption({ label: "Price" });
  await page.getByRole("button", { name: /Save outcome/ }).click();
  await expect(page).not.toHaveURL(new RegExp(`id=${first}`));
  await page.goto("/queue?view=lost");
  await expect(page.getByTestId("queue-row").first()).toBeVisible();
});

test("the manager's dashboard and the admin page render", async ({ page }) => {
  await login(page, USERS.managerNorth.email);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await login(page, USERS.admin.email);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 2, name: "Users" })).toBeVisible();
});

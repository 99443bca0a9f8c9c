import { expect, test } from "@playwright/test";
import { login, PASSWORD, USERS } from "./fixtures";

test("anonymous visitors are sent to the login page and back after signing in", async ({ page }) => {
  await page.goto("/accounts");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccounts/);
  await page.getByLabel("Email").fill(USERS.repAva.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/accounts$/);
  await expect(page.getByRole("heading", { name: "Accounts" })).toBeVisible();
});

test("a wrong password gets a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(USERS.repBen.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);
});

test("five failed sign-ins lock the account for 15 minutes, even for the right password", async ({ page }) => {
  await page.goto("/login");
  const email = page.getByLabel("Email");
  const password = page.getByLabel("Password");
  const submit = page.getByRole("button", { name: "Sign in" });
  for (let i = 1; i <= 4; i++) {
    await email.fill(USERS.repLockout.email);
    await password.fill(`wrong-${i}`);
    await submit.click();
    await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
    await expect(submit).toBeEnabled();
  }
  await password.fill("wrong-5");
  await submit.click();
  await expect(page.getByTestId("form-error")).toContainText("locked for 15 more minutes");

  await password.fill(PASSWORD);
  await submit.click();
  await expect(page.getByTestId("form-error")).toContainText("Too many failed sign-ins");
  await expect(page).toHaveURL(/\/login/);
});

const NAV = {
  repAva: ["Queue", "Accounts"],
  managerNorth: ["Queue", "Accounts", "Dashboard"],
  admin: ["Queue", "Accounts", "Dashboard", "Admin"],
} as const;

for (const [key, items] of Object.entries(NAV) as [keyof typeof NAV, readonly string[]][]) {
  test(`${USERS[key].role} sees ${items.join(", ")} in the sidebar`, async ({ page }) => {
    await login(page, USERS[key].email);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText([...items]);
    await expect(page.getByTestId("user-role")).toContainText(USERS[key].role);
    for (const item of items) {
      await nav.getByRole("link", { name: item }).click();
      await expect(page.getByRole("heading", { level: 1, name: item })).toBeVisible();
    }
  });
}

test("pages outside the role are not found", async ({ page }) => {
  await login(page, USERS.repAva.email);
  for (const path of ["/admin", "/dashboard"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  await login(page, USERS.managerNorth.email);
  expect((await page.goto("/admin"))?.status()).toBe(404);
});

test("signing out ends the session", async ({ page }) => {
  await login(page, USERS.repEva.email);
  await page.getByRole("button", { name: /User menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1/);
  await expect(page.getByRole("status")).toHaveText("You have signed out.");
  await page.goto("/queue");
  await expect(page).toHaveURL(/\/login/);
});

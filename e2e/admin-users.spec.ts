import { expect, test } from "@playwright/test";
import { createRep, withDb } from "./db";
import { login, USERS } from "./fixtures";

// Two browsers each, a dozen dialogs on the users page: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 60_000 });

const sessionVersionOf = (id: string) => withDb((db) => (db.prepare(`SELECT sessionVersion FROM "User" WHERE id = ?`).get(id) as { sessionVersion: number }).sessionVersion);

test("an admin deactivates a rep from the users table: the rep's open session ends at once; reactivating lets them back in", async ({ page, browser, baseURL }) => {
  const rep = createRep("admin-ui");
  const repContext = await browser.newContext({ baseURL });
  const repPage = await repContext.newPage();
  await login(repPage, rep.email);
  await repPage.goto("/queue");
  await expect(repPage.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();

  await login(page, USERS.admin.email);
  await page.goto("/admin/users");
  await page.getByRole("button", { name: `Deactivate ${rep.name}` }).click();
  const dialog = page.getByRole("alertdialog", { name: `Deactivate ${rep.name}?` });
  await expect(dialog).toContainText("signed out everywhere");
  await dialog.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByText(`${rep.name} is deactivated and signed out everywhere.`)).toBeVisible();
  await expect(page.getByRole("button", { name: `Reactivate ${rep.name}` })).toBeVisible();

  await repPage.goto("/accounts");
  await expect(repPage).toHaveURL(/\/login/);

  await page.getByRole("button", { name: `Reactivate ${rep.name}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByText(`${rep.name} can sign in again.`)).toBeVisible();
  await login(repPage, rep.email);
  await expect(repPage.getByRole("heading", { level: 1 })).toBeVisible();
  await repContext.close();
});

test("changing a rep's team from the users table ends their sessions; an unchanged form says what to do", async ({ page, browser, baseURL }) => {
  const rep = createRep("team-change");
  const repContext = await browser.newContext({ baseURL });
  const repPage = await repContext.newPage();
  await login(repPage, rep.email);
  const before = sessionVersionOf(rep.id);

  await login(page, USERS.admin.email);
  await page.goto("/admin/users");
  await page.getByRole("button", { name: `Change access of ${rep.name}` }).click();
  const dialog = page.getByRole("alertdialog", { name: `Access of ${rep.name}` });
  await dialog.getByRole("button", { name: "Save and sign out" }).click();
  await expect(dialog.getByText("Change the role or the team")).toBeVisible();
  await dialog.getByLabel("Team").selectOption({ label: "North" });
  await dialog.getByRole("button", { name: "Save and sign out" }).click();
  await expect(page.getByText(`${rep.name}: Sales rep, North. Their sessions have ended.`)).toBeVisible();
  expect(sessionVersionOf(rep.id)).toBe(before + 1);
  expect(withDb((db) => db.prepare(`SELECT teamId FROM "User" WHERE id = ?`).get(rep.id))).toEqual({ teamId: "team_north" });

  await repPage.goto("/queue");
  await expect(repPage).toHaveURL(/\/login/);
  await repContext.close();
});

test("the users table offers no way to deactivate oneself (the data function refuses it too)", async ({ page }) => {
  await login(page, USERS.admin.email);
  await page.goto("/admin/users");
  await expect(page.getByRole("button", { name: `Change access of ${USERS.admin.name}` })).toBeVisible();
  await expect(page.getByRole("button", { name: `Deactivate ${USERS.admin.name}` })).toHaveCount(0);
});

test("working in the app renews the sliding session cookie", async ({ page }) => {
  const rep = createRep("keep-alive");
  await login(page, rep.email);
  await page.goto("/accounts");
  await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
  // Activity (here a key press) renews the session; merely having a page open does not.
  const renewal = page.waitForResponse((r) => r.url().endsWith("/api/auth/session") && r.request().method() === "GET");
  await page.keyboard.press("Shift");
  const res = await renewal;
  expect(res.status()).toBe(200);
  expect((await res.json()).user.email).toBe(rep.email);
  const cookie = ((await res.headerValue("set-cookie")) ?? "").split("\n").find((c) => c.startsWith("next-auth.session-token=")) ?? "";
  expect(cookie).toContain("next-auth.session-token=");
  const expires = Date.parse(/Expires=([^;]+)/i.exec(cookie)![1]);
  // The idle limit (2 h) counts again from now.
  expect(expires - Date.now()).toBeGreaterThan(115 * 60_000);
  expect(expires - Date.now()).toBeLessThan(125 * 60_000);
});

// The admin workspace's users, settings, scoring and audit sections, end to end.
//
// Changing a setting and running a scoring run change what every other spec sees (a run replaces the
// offers they work on), so those tests run against a second `next start` of the same build on a snapshot
// of the e2e database, started here and stopped afterwards. Creating a user touches nobody else.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { login, USERS } from "./fixtures";

const axe = async (page: Page) => expect((await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze()).violations).toEqual([]);

test("an admin creates a user with a generated password; the user signs in and must choose their own first", async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  const email = `ops-new-${Date.now().toString(36)}@example.com`;
  await login(page, USERS.admin.email);
  await page.goto("/admin");
  await page.getByRole("link", { name: /Users and teams/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users and teams" })).toBeVisible();
  await axe(page);

  await page.getByRole("button", { name: "New user" }).click();
  const dialog = page.getByRole("dialog", { name: "New user" });
  await dialog.getByLabel("Name").fill("Olive Newhire");
  await dialog.getByLabel("Email").fill("not-an-email");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByText("Enter a valid email address")).toBeVisible();
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Team").selectOption({ label: "North" });
  await axe(page);
  await dialog.getByRole("button", { name: "Create user" }).click();
  const shown = page.getByRole("dialog", { name: "Olive Newhire was created" }).getByTestId("generated-password");
  await expect(shown).toHaveText(/^[A-Za-z2-9]{18}$/);
  const first = (await shown.textContent())!;
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("user-row").filter({ hasText: email })).toContainText("must change password");

  const context = await browser.newContext({ baseURL });
  const newbie = await context.newPage();
  await newbie.goto("/login");
  await newbie.getByLabel("Email").fill(email);
  await newbie.getByLabel("Password").fill(first);
  await newbie.getByRole("button", { name: "Sign in" }).click();
  await expect(newbie).toHaveURL(/\/change-password/);
  await expect(newbie.getByRole("heading", { level: 1, name: "Choose your password" })).toBeVisible();
  // Nothing else opens meanwhile.
  await newbie.goto("/accounts");
  await expect(newbie).toHaveURL(/\/change-password\?callbackUrl=%2Faccounts/);
  await axe(newbie);
  await newbie.getByLabel("Current password").fill(first);
  await newbie.getByLabel("New password", { exact: true }).fill("olive-chose-this-one");
  await newbie.getByLabel("Repeat the new password").fill("olive-chose-this-one");
  await newbie.getByRole("button", { name: "Save and continue" }).click();
  await expect(newbie).toHaveURL(/\/accounts$/);
  await expect(newbie.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
  await context.close();

  await page.reload();
  await expect(page.getByTestId("user-row").filter({ hasText: email })).not.toContainText("must change password");
});

test("managers and reps get not found on every admin section", async ({ page }) => {
  test.setTimeout(60_000);
  for (const who of [USERS.managerNorth.email, USERS.repAva.email]) {
    await login(page, who);
    for (const p of ["/admin/users", "/admin/settings", "/admin/scoring", "/admin/audit"]) expect((await page.goto(p))?.status(), `${who} ${p}`).toBe(404);
  }
});

// A second server of the same build on a snapshot of the e2e database.
let server: ChildProcess | null = null;
let origin = "";
let dir = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

test.describe.serial("on a server of its own", () => {
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const source = (process.env.DATABASE_URL ?? "file:./data/e2e.db").slice("file:".length);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-ops-e2e-"));
    const copy = path.join(dir, "ops.db");
    const db = new Database(source);
    await db.backup(copy);
    db.close();
    const port = await freePort();
    origin = `http://localhost:${port}`;
    server = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
      env: { ...process.env, DATABASE_URL: `file:${copy}`, NEXTAUTH_URL: origin, APP_URL: origin, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-only-secret-not-for-production" },
      stdio: "ignore",
    });
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`${origin}/login`)).ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error("the second server did not start");
  });

  test.afterAll(async () => {
    server?.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const go = (page: Page, p: string) => page.goto(`${origin}${p}`);
  async function signIn(page: Page) {
    await page.goto(`${origin}/login`);
    await page.getByLabel("Email").fill(USERS.admin.email);
    await page.getByLabel("Password").fill("crosssell-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/\/login/);
  }

  test("changing a setting: a range error names the field, a good value is saved and found in the audit log with before and after", async ({ page }) => {
    await signIn(page);
    await go(page, "/admin/settings");
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await expect(page.getByText("Applies at the next scoring run").first()).toBeVisible();
    await axe(page);
    const cap = page.getByLabel("Contact cap (days)");
    const before = await cap.inputValue();
    await cap.fill("120");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("must be between 0 and 90 days")).toBeVisible();
    await cap.fill("12");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Saved: Contact cap (days).")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Contact cap (days)")).toHaveValue("12");

    await go(page, "/admin/audit");
    await axe(page);
    await page.getByLabel("Action").fill("settings.update");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/action=settings.update/);
    const row = page.getByTestId("audit-row").first();
    await expect(row).toContainText("settings.update");
    await expect(row).toContainText("Alex Morgan");
    await row.locator("summary").click();
    const changed = row.locator("tr[data-changed]", { hasText: "contactCapDays" });
    await expect(changed).toContainText(before);
    await expect(changed).toContainText("12");

    // The CSV export of the same filter holds the row.
    const csv = await page.request.get(`${origin}/api/admin/audit?action=settings.update`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("createdAt,seq,userName,userId,action,entityType,entityId,ip,userAgent,details");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[1]).toContain("settings.update");
    expect(lines[1]).toContain("contactCapDays");

    await page.getByRole("button", { name: "Check the chain now" }).click();
    await expect(page.getByTestId("chain-check")).toContainText(/Intact: [\d,]+ rows checked/);
  });

  test("starting a scoring run from the page: a second start is refused, the progress shows, the run finishes in the history", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page);
    await go(page, "/admin/scoring");
    await expect(page.getByRole("heading", { level: 1, name: "Scoring runs" })).toBeVisible();
    await axe(page);
    const runsBefore = await page.getByTestId("scoring-run-row").count();
    await page.getByRole("button", { name: "Start a scoring run" }).click();
    await expect(page.getByTestId("current-run")).toBeVisible();
    await expect(page.getByRole("progressbar", { name: "Scoring run progress" })).toBeVisible();
    // While it runs, another start is refused with a clear message.
    await page.getByRole("button", { name: "Start another run" }).click();
    await expect(page.getByText(/A scoring run is already (running|queued)/)).toBeVisible();
    // The page follows the run by itself until it has finished.
    await expect(page.getByTestId("no-current-run")).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId("scoring-run-row")).toHaveCount(runsBefore + 1);
    const newest = page.getByTestId("scoring-run-row").first();
    await expect(newest).toContainText("completed, live");
    await expect(newest).toContainText("Alex Morgan");
    await newest.getByText("Timings, counts, parameters").click();
    await expect(newest).toContainText("opportunities");
    await axe(page);
  });
});

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { login } from "./fixtures";

// Each test works a different rep's queue, so tests running in parallel do not disturb each other.
const CHLOE = { email: "chloe@example.com", name: "Chloe Nguyen" };
const DAN = { email: "dan@example.com", name: "Dan Okafor" };
const FINN = { email: "finn@example.com", name: "Finn Larsen" };
const HUGO = { email: "hugo@example.com", name: "Hugo Silva" };
const OMAR = { email: "omar.manager@example.com" };

function idOf(url: string): string {
  const id = new URL(url).searchParams.get("id");
  if (!id) throw new Error(`no id in ${url}`);
  return id;
}

async function openCallMode(page: Page): Promise<string> {
  await page.goto("/queue");
  await page.getByRole("link", { name: "Start calling" }).click();
  await expect(page).toHaveURL(/\/queue\/call\?id=/);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  return idOf(page.url());
}

async function pickOutcome(page: Page, label: string) {
  await page.locator("label").filter({ hasText: label }).click();
}

async function saveAndExpectNext(page: Page, previousId: string): Promise<string> {
  await page.getByRole("button", { name: /Save outcome/ }).click();
  await expect(page).not.toHaveURL(new RegExp(`id=${previousId}`));
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  return idOf(page.url());
}

test("the queue lists offers by expected value with reasons, and call mode shows everything for the call", async ({ page }) => {
  await login(page, CHLOE.email);
  await page.goto("/queue");
  const rows = page.getByTestId("queue-row");
  await expect(rows.first()).toBeVisible();
  const values = (await rows.locator("td:nth-child(5)").allTextContents()).map((v) => Number(v.replace(/[^0-9.]/g, "")));
  for (let i = 1; i < values.length; i++) expect(values[i - 1]).toBeGreaterThanOrEqual(values[i]);
  await expect(rows.first()).toContainText(/\d+%|\d+ (days|customers|orders)/);

  await openCallMode(page);
  await expect(page.getByTestId("offer-reason")).toContainText(/\d/);
  await expect(page.getByText("Price", { exact: true })).toBeVisible();
  await expect(page.getByText("Margin", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Last orders" })).toBeVisible();
  const tel = page.locator('a[href^="tel:"]');
  if ((await tel.count()) > 0) await expect(tel.first()).toBeVisible();
});

test("every outcome has its effect on the queue", async ({ page }) => {
  await login(page, CHLOE.email);
  // No answer: stays open with one attempt.
  const first = await openCallMode(page);
  await pickOutcome(page, "No answer");
  const second = await saveAndExpectNext(page, first);
  await page.goto(`/queue/call?id=${first}`);
  await expect(page.getByText("Attempts 1")).toBeVisible();

  // Voicemail.
  await page.goto(`/queue/call?id=${second}`);
  await pickOutcome(page, "Voicemail");
  const third = await saveAndExpectNext(page, second);

  // Not interested needs a reason, then leaves the queue.
  await page.goto(`/queue/call?id=${third}`);
  await pickOutcome(page, "Not interested");
  await page.getByRole("button", { name: /Save outcome/ }).click();
  await expect(page.getByText("Choose why the customer is not interested")).toBeVisible();
  await page.getByLabel("Reason").selectOption({ label: "Price" });
  const fourth = await saveAndExpectNext(page, third);
  await page.goto(`/queue/call?id=${third}`);
  await expect(page.getByRole("status")).toContainText("This opportunity is lost");

  // Interested needs a follow-up date, then is snoozed.
  await page.goto(`/queue/call?id=${fourth}`);
  await pickOutcome(page, "Interested – follow up");
  await page.getByLabel("Follow-up date").fill("");
  await page.getByRole("button", { name: /Save outcome/ }).click();
  await expect(page.getByText(/follow-up date is required|valid date/i)).toBeVisible();
  await page.getByLabel("Follow-up date").fill(new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10));
  const fifth = await saveAndExpectNext(page, fourth);
  await page.goto(`/queue/call?id=${fourth}`);
  await expect(page.getByRole("status")).toContainText("snoozed until");

  // Won records the amount and shows in the Won view.
  await page.goto(`/queue/call?id=${fifth}`);
  const wonProduct = await page.locator("#offer-heading").textContent();
  await pickOutcome(page, "Won");
  const amount = page.getByLabel("Amount won (USD)");
  await amount.fill("");
  await page.getByRole("button", { name: /Save outcome/ }).click();
  await expect(page.getByText("The amount won is required")).toBeVisible();
  await amount.fill("149.50");
  const regulated = page.getByLabel("Suitability note (regulated product)");
  if ((await regulated.count()) > 0) await regulated.fill("Explained cover and exclusions");
  const sixth = await saveAndExpectNext(page, fifth);
  await page.goto("/queue?view=won");
  await expect(page.getByTestId("queue-row").filter({ hasText: wonProduct! })).toHaveCount(1);

  // Do not contact: the account and all its offers disappear from the queue at once.
  await page.goto(`/queue/call?id=${sixth}`);
  const accountName = (await page.getByRole("heading", { level: 1 }).textContent())!;
  await pickOutcome(page, "Do not contact");
  await saveAndExpectNext(page, sixth);
  await page.goto(`/queue?q=${encodeURIComponent(accountName.slice(0, 40))}`);
  await expect(page.getByTestId("queue-row").filter({ hasText: accountName })).toHaveCount(0);
  await page.goto(`/queue/call?id=${sixth}`);
  await expect(page.getByRole("status")).toContainText("do not contact");

  // The account page shows the whole story.
  await page.goto(`/accounts?q=${encodeURIComponent(accountName.slice(0, 40))}`);
  await page.getByRole("link", { name: accountName }).first().click();
  await expect(page.getByRole("note")).toContainText("Do not contact");
  await expect(page.getByTestId("timeline-entry").first()).toContainText("Do not contact");
});

test("a rep can work the queue with the keyboard only", async ({ page }) => {
  await login(page, DAN.email);
  const first = await openCallMode(page);
  await page.keyboard.press("?");
  await expect(page.getByRole("region", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("region", { name: "Keyboard shortcuts" })).toBeHidden();

  await page.keyboard.press("2");
  await expect(page.getByRole("radio", { name: /Voicemail/ })).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(new RegExp(`id=${first}`));
  const second = idOf(page.url());

  await page.keyboard.press("n");
  await expect(page).not.toHaveURL(new RegExp(`id=${second}`));
  const third = idOf(page.url());

  await page.keyboard.press("s");
  await expect(page).not.toHaveURL(new RegExp(`id=${third}`));
  await page.goto(`/queue/call?id=${third}`);
  await expect(page.getByRole("status")).toContainText("snoozed until");

  // Tab reaches the outcome radios and the focused one is visibly outlined.
  await page.goto(`/queue/call?id=${second}`);
  await page.keyboard.press("1");
  const focused = page.getByRole("radio", { name: /No answer/ });
  await expect(focused).toBeFocused();
  const outline = await page.locator("label:has(input:focus-visible), label:has(input:focus)").evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
});

test("a double submit records one activity", async ({ page }) => {
  await login(page, FINN.email);
  const id = await openCallMode(page);
  const accountName = (await page.getByRole("heading", { level: 1 }).textContent())!;
  // The demo history may already hold calls on this account: count them first.
  const openAccount = async () => {
    await page.goto(`/accounts?q=${encodeURIComponent(accountName.slice(0, 40))}`);
    await page.getByRole("link", { name: accountName }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(accountName);
  };
  await openAccount();
  const before = await page.getByTestId("timeline-entry").filter({ hasText: "No answer" }).count();
  await page.goto(`/queue/call?id=${id}`);
  await pickOutcome(page, "No answer");
  const save = page.getByRole("button", { name: /Save outcome/ });
  await save.dblclick();
  await expect(page).not.toHaveURL(new RegExp(`id=${id}`));
  await page.goto(`/queue/call?id=${id}`);
  await expect(page.getByText("Attempts 1")).toBeVisible();
  await openAccount();
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "No answer" })).toHaveCount(before + 1);
});

test("the second of two people acting on one opportunity gets a conflict and nothing is overwritten", async ({ browser }) => {
  const repPage = await (await browser.newContext()).newPage();
  const managerPage = await (await browser.newContext()).newPage();
  await login(repPage, HUGO.email);
  const id = await openCallMode(repPage);
  await login(managerPage, OMAR.email);
  await managerPage.goto(`/queue/call?id=${id}`);
  await expect(managerPage.getByRole("heading", { level: 1 })).toBeVisible();

  await pickOutcome(repPage, "No answer");
  await saveAndExpectNext(repPage, id);

  await pickOutcome(managerPage, "Voicemail");
  await managerPage.getByRole("button", { name: /Save outcome/ }).click();
  await expect(managerPage.getByTestId("outcome-error")).toContainText("Someone else updated this opportunity");
  await managerPage.reload();
  await expect(managerPage.getByText("Attempts 1")).toBeVisible();
});

test("a rep cannot see or log on another rep's opportunity, even with a crafted request", async ({ page }) => {
  await login(page, OMAR.email);
  await page.goto("/queue");
  await page.getByLabel("Rep").selectOption({ label: "Eva Rossi" });
  await expect(page).toHaveURL(/rep=/);
  const callLink = page.getByTestId("queue-row").first().getByRole("link", { name: /^Call / });
  const othersId = new URL((await callLink.getAttribute("href"))!, "http://x").searchParams.get("id")!;

  await login(page, FINN.email);
  expect((await page.goto(`/queue/call?id=${othersId}`))?.status()).toBe(404);

  // Rewrite the server action's body so it names Eva's opportunity instead of Finn's own.
  const ownId = await openCallMode(page);
  await page.route("**/queue/call**", async (route) => {
    const req = route.request();
    if (req.method() === "POST" && req.postData()?.includes(ownId)) {
      await route.continue({ postData: req.postData()!.replaceAll(ownId, othersId) });
    } else await route.continue();
  });
  await pickOutcome(page, "Voicemail");
  await page.getByRole("button", { name: /Save outcome/ }).click();
  await expect(page.getByTestId("outcome-error")).toContainText("Opportunity not found");
  await page.unroute("**/queue/call**");
  await login(page, OMAR.email);
  await page.goto(`/queue/call?id=${othersId}`);
  await expect(page.getByText("Attempts 0")).toBeVisible();
});

test("queue and call mode have no serious accessibility violations", async ({ page }) => {
  await login(page, DAN.email);
  for (const path of ["/queue", "/queue/call"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
});

test("the outcomes API validates input, scopes by user and replays a repeated key", async ({ page }) => {
  await login(page, OMAR.email);
  await page.goto("/queue");
  await page.getByLabel("Rep").selectOption({ label: "Eva Rossi" });
  await expect(page).toHaveURL(/rep=/);
  const evasId = new URL((await page.getByTestId("queue-row").nth(1).getByRole("link", { name: /^Call / }).getAttribute("href"))!, "http://x").searchParams.get("id")!;

  await login(page, HUGO.email);
  await page.goto("/queue");
  // A row further down that no other test has touched (version 1).
  const ownId = new URL((await page.getByTestId("queue-row").nth(6).getByRole("link", { name: /^Call / }).getAttribute("href"))!, "http://x").searchParams.get("id")!;
  const url = (id: string) => `/api/opportunities/${id}/outcomes`;
  const missing = await page.request.post(url(ownId), { data: { version: 1, outcome: "WON", idempotencyKey: "api-test-key-1" } });
  expect(missing.status()).toBe(400);
  expect((await missing.json()).error).toContain("wonAmount");
  const other = await page.request.post(url(evasId), { data: { version: 1, outcome: "NO_ANSWER", idempotencyKey: "api-test-key-2" } });
  expect(other.status()).toBe(404);
  const ok = await page.request.post(url(ownId), { data: { version: 1, outcome: "NO_ANSWER", idempotencyKey: "api-test-key-3" } });
  expect(ok.status()).toBe(201);
  const again = await page.request.post(url(ownId), { data: { version: 1, outcome: "NO_ANSWER", idempotencyKey: "api-test-key-3" } });
  expect(again.status()).toBe(200);
  expect((await again.json()).activityId).toBe((await ok.json()).activityId);
  const stale = await page.request.post(url(ownId), { data: { version: 1, outcome: "VOICEMAIL", idempotencyKey: "api-test-key-4" } });
  expect(stale.status()).toBe(409);
  const form = await page.request.post(url(ownId), { form: { version: "2", outcome: "VOICEMAIL" } });
  expect(form.status()).toBe(415);
});

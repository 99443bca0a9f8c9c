import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { expect, request as requests, test, type APIRequestContext, type Browser, type BrowserContext } from "@playwright/test";
import { createRep, withDb } from "./db";
import { login, PASSWORD, USERS } from "./fixtures";

// The e2e server's NEXTAUTH_SECRET (scripts/e2e-server.ts) and session cookie name over plain http.
const E2E_SECRET = "e2e-only-secret-not-for-production";
const SESSION_COOKIE = "next-auth.session-token";

// The server takes the client address from X-Forwarded-For (no proxy in front of it here), so a test
// that signs in wrongly on purpose picks its own address: the per-client lockout and throttle of one
// test then do not slow down or lock another running in parallel.
const octet = () => Math.floor(Math.random() * 250) + 1;
const clientAddress = () => `10.${octet()}.${octet()}.${octet()}`;

function sessionVersionOf(userId: string): number {
  return withDb((db) => (db.prepare(`SELECT sessionVersion FROM "User" WHERE id = ?`).get(userId) as { sessionVersion: number }).sessionVersion);
}

async function newContext(browser: Browser, baseURL: string | undefined, address?: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, ...(address && { extraHTTPHeaders: { "x-forwarded-for": address } }) });
}

/**
 * GET /api/auth/session with only the given session token (a fresh request context, so no cookie jar
 * adds anything): the body, and the session cookies it sets that carry a token (a renewal).
 */
async function sessionWith(baseURL: string | undefined, token: string) {
  const context = await requests.newContext({ baseURL });
  try {
    const response = await context.get("/api/auth/session", { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    const renewed = response
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith(`${SESSION_COOKIE}=`) && !h.value.startsWith(`${SESSION_COOKIE}=;`))
      .map((h) => h.value);
    return { body: (await response.json()) as Record<string, unknown>, renewed };
  } finally {
    await context.dispose();
  }
}

/** One credentials sign-in as the browser's form does it: the time it took and the error, if any. */
async function postSignIn(request: APIRequestContext, email: string, password: string, address: string): Promise<{ ms: number; error: string | null }> {
  const headers = { "x-forwarded-for": address };
  const { csrfToken } = (await (await request.get("/api/auth/csrf", { headers })).json()) as { csrfToken: string };
  const started = Date.now();
  const response = await request.post("/api/auth/callback/credentials", { headers, form: { email, password, csrfToken, json: "true" } });
  const ms = Date.now() - started;
  const { url } = (await response.json()) as { url: string };
  return { ms, error: new URL(url).searchParams.get("error") };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

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
  await page.context().setExtraHTTPHeaders({ "x-forwarded-for": clientAddress() });
  await page.goto("/login");
  await page.getByLabel("Email").fill(USERS.repBen.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);
});

test("five failed sign-ins from one client lock the account there for 15 minutes, but not at the rep's own desk", async ({ browser, baseURL }) => {
  const attacker = await newContext(browser, baseURL, clientAddress());
  const page = await attacker.newPage();
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
  await expect(submit).toBeEnabled();

  await password.fill(PASSWORD);
  await submit.click();
  await expect(page.getByTestId("form-error")).toContainText("Too many failed sign-ins");
  await expect(page).toHaveURL(/\/login/);

  // Grace at her own desk (another client) signs in: the attacker could not lock her out.
  const desk = await newContext(browser, baseURL, clientAddress());
  const deskPage = await desk.newPage();
  await login(deskPage, USERS.repLockout.email);
  await expect(deskPage.getByTestId("user-role")).toContainText(USERS.repLockout.role);
  await attacker.close();
  await desk.close();
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

test("signing out ends the session, also for a copy of the session cookie taken before", async ({ page, browser, baseURL }) => {
  const rep = createRep("signout");
  await login(page, rep.email);
  const saved = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(saved?.value).toBeTruthy();
  expect((await sessionWith(baseURL, saved!.value)).body).toMatchObject({ user: { email: rep.email } });

  await page.getByRole("button", { name: /User menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1/);
  await expect(page.getByRole("status")).toHaveText("You have signed out.");
  await page.goto("/queue");
  await expect(page).toHaveURL(/\/login/);

  // The copied cookie no longer opens anything, and the session endpoint refuses to renew it.
  const copy = await newContext(browser, baseURL);
  await copy.addCookies([saved!]);
  const copyPage = await copy.newPage();
  await copyPage.goto("/queue");
  await expect(copyPage).toHaveURL(/\/login/);
  const afterwards = await sessionWith(baseURL, saved!.value);
  expect(afterwards.body).toEqual({});
  expect(afterwards.renewed).toEqual([]);
  await copy.close();
});

test("a session older than 12 hours is refused, however recently it was renewed", async ({ browser, baseURL }) => {
  const rep = createRep("expired");
  const mint = (authTime: number) =>
    encode({
      secret: E2E_SECRET,
      token: { sub: rep.id, name: rep.name, email: rep.email, role: "REP", teamId: null, sv: sessionVersionOf(rep.id), authTime },
    });
  const now = Math.floor(Date.now() / 1000);
  const fresh = await mint(now - 60);
  const stale = await mint(now - 12 * 60 * 60 - 60);
  const domain = new URL(baseURL!).hostname;

  // Control: the same token signed in a minute ago is honoured, so only the sign-in time differs.
  const context = await newContext(browser, baseURL);
  await context.addCookies([{ name: SESSION_COOKIE, value: fresh, domain, path: "/" }]);
  const page = await context.newPage();
  await page.goto("/queue");
  await expect(page).toHaveURL(/\/queue/);
  await expect(page.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();

  await context.clearCookies();
  await context.addCookies([{ name: SESSION_COOKIE, value: stale, domain, path: "/" }]);
  await page.goto("/queue");
  await expect(page).toHaveURL(/\/login/);
  const session = await sessionWith(baseURL, stale);
  expect(session.body).toEqual({});
  expect(session.renewed).toEqual([]);
  await context.close();
});

test("deactivating a user ends their session at once", async ({ page, baseURL }) => {
  const rep = createRep("deactivated");
  await login(page, rep.email);
  await page.goto("/queue");
  await expect(page.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();
  const token = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)!.value;

  // What setUserActive does: deactivate and bump the session version in one transaction.
  withDb((db) => db.prepare(`UPDATE "User" SET active = 0, sessionVersion = sessionVersion + 1 WHERE id = ?`).run(rep.id));

  await page.goto("/queue");
  await expect(page).toHaveURL(/\/login/);
  const session = await sessionWith(baseURL, token);
  expect(session.body).toEqual({});
  expect(session.renewed).toEqual([]);
});

test("a locked account and an unknown email take the same time to answer", async ({ request }) => {
  test.setTimeout(90_000);
  const rep = createRep("timing");
  // Lock the account: failures from many clients (locked everywhere, so each probe below can come from
  // an address of its own and no per-client delay applies to it).
  for (let i = 0; i < 20; i++) await postSignIn(request, rep.email, `wrong-${i}`, clientAddress());
  const probe = await postSignIn(request, rep.email, PASSWORD, clientAddress());
  expect(probe.error).toContain("Too many failed sign-ins");
  // Warm up both paths (the decoy hash is made on first use).
  await postSignIn(request, `warm-up-${randomUUID()}@example.com`, "x", clientAddress());

  const unknown: number[] = [];
  const locked: number[] = [];
  for (let i = 0; i < 9; i++) {
    const u = await postSignIn(request, `nobody-${randomUUID()}@example.com`, "x", clientAddress());
    expect(u.error).toBe("Wrong email or password.");
    unknown.push(u.ms);
    const l = await postSignIn(request, rep.email, `guess-${i}`, clientAddress());
    expect(l.error).toContain("Too many failed sign-ins");
    locked.push(l.ms);
  }
  const [mu, ml] = [median(unknown), median(locked)];
  test.info().annotations.push({ type: "timing", description: `median unknown ${mu} ms, locked ${ml} ms (unknown ${unknown.join(" ")}; locked ${locked.join(" ")})` });
  expect(Math.max(mu, ml) / Math.max(1, Math.min(mu, ml))).toBeLessThan(2);
});

// What an outside probe tried: redirects after sign-in, cross-site requests, framing, headers.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { login, USERS } from "./fixtures";

const PORT = process.env.E2E_PORT ?? "3100";
const ORIGIN = `http://localhost:${PORT}`;

async function firstQueueOpportunity(page: Page): Promise<string> {
  await page.goto("/queue");
  const href = await page.getByTestId("queue-row").last().getByRole("link", { name: /^Call / }).getAttribute("href");
  return new URL(href!, ORIGIN).searchParams.get("id")!;
}

test.describe("redirect after sign-in", () => {
  for (const payload of ["/%5Cevil.example/phish", "/%09/evil.example", "//evil.example", "https://evil.example/", "/%0d%0a//evil.example"]) {
    test(`a signed-in browser is never sent off-site by callbackUrl=${payload}`, async ({ page }) => {
      await login(page, USERS.repAva.email);
      const res = await page.request.get(`/login?callbackUrl=${payload}`, { maxRedirects: 0 });
      expect(res.status()).toBe(307);
      expect(res.headers()["location"]).toBe("/");
      await page.goto(`/login?callbackUrl=${payload}`);
      expect(new URL(page.url()).origin).toBe(ORIGIN);
    });
  }

  test("signing in follows a same-origin callback but not a disguised off-site one", async ({ page }) => {
    await page.context().clearCookies();
    await page.goto("/login?callbackUrl=/%5Cevil.example/phish");
    await page.getByLabel("Email").fill(USERS.repAva.email);
    await page.getByLabel("Password").fill("crosssell-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${ORIGIN}/queue`);
  });
});

test.describe("cross-site requests", () => {
  test("the outcomes API refuses a CORS-safelisted content type and cross-site origins before doing any work", async ({ page }) => {
    await login(page, USERS.repAva.email);
    const id = await firstQueueOpportunity(page);
    const url = `/api/opportunities/${id}/outcomes`;
    const body = JSON.stringify({ version: 1, outcome: "NO_ANSWER", idempotencyKey: `csrf-${Date.now()}` });
    const plain = await page.request.post(url, { headers: { "content-type": "text/plain; charset=application/json" }, data: body });
    expect(plain.status()).toBe(415);
    const evil = await page.request.post(url, { headers: { "content-type": "application/json", origin: "https://evil.example" }, data: body });
    expect(evil.status()).toBe(403);
    const site = await page.request.post(url, { headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" }, data: body });
    expect(site.status()).toBe(403);
    // Nothing was recorded: the same submit from the app's own page is the first one (201, not a replay),
    // and the opportunity was still at version 1.
    const own = await page.request.post(url, { headers: { "content-type": "application/json", origin: ORIGIN, "sec-fetch-site": "same-origin" }, data: body });
    expect(own.status()).toBe(201);
    expect((await own.json()).replayed).toBe(false);
  });

  test("a server action with a forged Origin and X-Forwarded-Host is refused", async ({ page }) => {
    const manifest = path.join(process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json");
    const actions = JSON.parse(fs.readFileSync(manifest, "utf8")).node as Record<string, { exportedName?: string }>;
    const snoozeId = Object.entries(actions).find(([, v]) => v.exportedName === "snoozeAction")?.[0];
    expect(snoozeId).toBeTruthy();
    await login(page, USERS.repAva.email);
    const id = await firstQueueOpportunity(page);
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const res = await page.request.post("/queue/call", {
      headers: {
        "next-action": snoozeId!,
        accept: "text/x-component",
        "content-type": "text/plain;charset=UTF-8",
        origin: "https://evil.example",
        "x-forwarded-host": "evil.example",
      },
      data: JSON.stringify([{ opportunityId: id, version: 1, until }]),
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
  });

  test("a 10 MB JSON body is refused with 413", async ({ page }) => {
    await login(page, USERS.repAva.email);
    const id = await firstQueueOpportunity(page);
    const started = Date.now();
    const res = await page.request.post(`/api/opportunities/${id}/outcomes`, {
      headers: { "content-type": "application/json" },
      data: JSON.stringify({ version: 1, outcome: "NO_ANSWER", notes: "x".repeat(10 * 1024 * 1024) }),
    });
    expect(res.status()).toBe(413);
    expect((await res.json()).error).toContain("64 KB");
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

test.describe("security headers", () => {
  test("pages carry a nonce'd CSP that Next's scripts use, and framing/sniffing/referrer protection", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) violations.push(m.text());
    });
    const res = await page.goto("/login");
    const h = res!.headers();
    const csp = h["content-security-policy"];
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"]).toContain("camera=()");
    // Served over plain HTTP here: no HSTS (it would pin a host that has no certificate).
    expect(h["strict-transport-security"]).toBeUndefined();
    const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    for (const n of scripts) expect(n).toBe(nonce);
    // The scripts run under the policy: signing in (client-side form) and call mode's hotkeys work.
    await page.getByLabel("Email").fill(USERS.repAva.email);
    await page.getByLabel("Password").fill("crosssell-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/queue/);
    await page.goto("/queue/call");
    await expect(page.getByRole("button", { name: /Shortcuts/ })).toBeVisible();
    await page.keyboard.press("?");
    await expect(page.getByRole("region", { name: "Keyboard shortcuts" })).toBeVisible();
    expect(violations).toEqual([]);
    // Static assets get the static headers too.
    const asset = await page.locator("script[src]").first().getAttribute("src");
    const assetRes = await page.request.get(asset!);
    expect(assetRes.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("another site cannot frame the signed-in call page", async ({ page }) => {
    await login(page, USERS.repAva.email);
    await page.route("http://evil.test/", (route) => route.fulfill({ contentType: "text/html", body: `<h1>evil</h1><iframe id="f" src="${ORIGIN}/queue/call"></iframe>` }));
    await page.goto("http://evil.test/");
    await expect(page.locator("h1")).toHaveText("evil");
    // The browser refuses to render the app inside another site: the frame never shows the call page.
    await expect(page.frameLocator("#f").getByRole("button", { name: /Shortcuts/ })).toHaveCount(0, { timeout: 3_000 });
    await expect(page.frameLocator("#f").getByLabel("Email")).toHaveCount(0);
    const child = page.frames().find((f) => f !== page.mainFrame());
    expect(child?.url() ?? "").not.toMatch(/^http:\/\/localhost/);
  });
});

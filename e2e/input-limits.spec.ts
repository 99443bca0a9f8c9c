// Input limits a security probe found: dates, amounts, broken text, malformed ids and LIKE wildcards.
// Every request here is invalid, so nothing is written and the tests do not disturb other specs.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { login, USERS } from "./fixtures";

const ORIGIN = `http://localhost:${process.env.E2E_PORT ?? "3100"}`;

async function avasOpportunity(page: Page): Promise<string> {
  await login(page, USERS.repAva.email);
  await page.goto("/queue");
  const href = await page.getByTestId("queue-row").first().getByRole("link", { name: /^Call / }).getAttribute("href");
  return new URL(href!, ORIGIN).searchParams.get("id")!;
}

test.describe("the outcomes API refuses out-of-range and broken input with a field error", () => {
  const cases: { name: string; body: Record<string, unknown>; field: string; message: string }[] = [
    { name: "a won amount below one cent", body: { outcome: "WON", wonAmount: 0.001 }, field: "wonAmount", message: "must be at least 0.01" },
    { name: "a won amount with fractions of a cent", body: { outcome: "WON", wonAmount: 10.005 }, field: "wonAmount", message: "must have at most 2 decimal places" },
    { name: "NUL in the notes", body: { outcome: "NO_ANSWER", notes: "called\u0000back" }, field: "notes", message: "must not contain NUL characters" },
    { name: "a lone surrogate in the notes", body: { outcome: "NO_ANSWER", notes: "great call \ud83d" }, field: "notes", message: "contains an invalid character" },
    { name: "NUL in the suitability note", body: { outcome: "WON", wonAmount: 10, suitabilityNote: "ok\u0000" }, field: "suitabilityNote", message: "must not contain NUL characters" },
    { name: "a follow-up on the last representable day", body: { outcome: "INTERESTED", followUpAt: "+275760-09-13" }, field: "followUpAt", message: "within a year" },
  ];
  for (const c of cases) {
    test(c.name, async ({ page }) => {
      const id = await avasOpportunity(page);
      const res = await page.request.post(`/api/opportunities/${id}/outcomes`, {
        headers: { "content-type": "application/json" },
        // JSON.stringify writes a lone surrogate as the escape \ud83d, which the server parses back to one.
        data: JSON.stringify({ version: 1, idempotencyKey: `limits-${Date.now()}-${Math.random()}`, ...c.body }),
      });
      expect(res.status()).toBe(400);
      const body = (await res.json()) as { error: string; fields: Record<string, string> };
      expect(body.error).toContain(c.field);
      expect(body.fields[c.field]).toContain(c.message);
    });
  }
});

test("snoozing refuses dates beyond a year, including the last representable one", async ({ page }) => {
  const manifest = path.join(process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json");
  const actions = JSON.parse(fs.readFileSync(manifest, "utf8")).node as Record<string, { exportedName?: string }>;
  const snoozeId = Object.entries(actions).find(([, v]) => v.exportedName === "snoozeAction")?.[0];
  expect(snoozeId).toBeTruthy();
  const id = await avasOpportunity(page);
  for (const until of ["9999-12-31", "+275760-09-13", new Date(Date.now() + 400 * 86_400_000).toISOString()]) {
    const res = await page.request.post("/queue/call", {
      headers: { "next-action": snoozeId!, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin: ORIGIN },
      data: JSON.stringify([{ opportunityId: id, version: 1, until }]),
    });
    expect(res.status()).toBe(200);
    const payload = await res.text();
    expect(payload, until).toContain("INVALID_INPUT");
    expect(payload, until).toContain("The snooze date must be within a year");
  }
  // Nothing was snoozed: the offer is still at the top of Ava's working queue.
  await page.goto("/queue");
  await expect(page.getByTestId("queue-row").first().getByRole("link", { name: /^Call / })).toHaveAttribute("href", new RegExp(`id=${id}`));
});

test.describe("malformed record ids are not found", () => {
  for (const raw of ["%C0%AE%C0%AE", "%00", "%ED%A0%80", "acc%20x", "..%2F..%2Fetc"]) {
    test(`/accounts/${raw}`, async ({ page }) => {
      await login(page, USERS.repAva.email);
      const res = await page.request.get(`/accounts/${raw}`, { maxRedirects: 0 });
      expect(res.status()).toBe(404);
    });
  }

  test("POST /api/opportunities/%C0%AE%C0%AE/outcomes", async ({ page }) => {
    await login(page, USERS.repAva.email);
    const res = await page.request.post("/api/opportunities/%C0%AE%C0%AE/outcomes", {
      headers: { "content-type": "application/json" },
      data: JSON.stringify({ version: 1, outcome: "NO_ANSWER", idempotencyKey: "malformed-path-1" }),
    });
    expect(res.status()).toBe(404);
  });

  for (const raw of ["%C0%AE%C0%AE", "%00", "%ED%A0%80", "x".repeat(65)]) {
    test(`/queue/call?id=${raw.slice(0, 20)}`, async ({ page }) => {
      await login(page, USERS.repAva.email);
      const res = await page.request.get(`/queue/call?id=${raw}`, { maxRedirects: 0 });
      expect(res.status()).toBe(404);
    });
  }
});

test.describe("the accounts search matches LIKE wildcards literally", () => {
  // No seeded account name contains % or _, so a literal match finds nothing (an unescaped LIKE finds all).
  for (const q of ["%25", "_", "50%25", "%25%25"]) {
    test(`q=${q} matches no account`, async ({ page }) => {
      await login(page, USERS.repAva.email);
      await page.goto(`/accounts?q=${q}`);
      await expect(page.getByText("No accounts match these filters")).toBeVisible();
      await expect(page.getByTestId("account-row")).toHaveCount(0);
    });
  }

  test("a search with NUL falls back to no search", async ({ page }) => {
    await login(page, USERS.repAva.email);
    await page.goto("/accounts");
    const all = await page.getByTestId("account-row").count();
    expect(all).toBeGreaterThan(0);
    const res = await page.goto("/accounts?q=har%00per");
    expect(res!.status()).toBe(200);
    await expect(page.getByTestId("account-row")).toHaveCount(all);
  });

  test("the queue search does too", async ({ page }) => {
    await login(page, USERS.repAva.email);
    await page.goto("/queue?q=%25");
    await expect(page.getByTestId("queue-row")).toHaveCount(0);
    await page.goto("/queue?q=_");
    await expect(page.getByTestId("queue-row")).toHaveCount(0);
  });
});

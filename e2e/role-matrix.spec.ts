// Route x role matrix: every page route, route handler and server action of the app, as found in the
// code and the build, against what each persona must get (e2e/role-matrix-expectations.ts).
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { login } from "./fixtures";
import { ACTIONS, PAGES, ROUTE_HANDLERS, type CaseContext } from "./role-matrix-expectations";
import { listBuiltActions, listPages, listRouteHandlers, listServerActionExports, routeOfWorker, type BuiltAction } from "./matrix/enumerate";
import { actionOutcome, pageOutcome, routeOutcome } from "./matrix/http";
import { PERSONA_KEYS, PERSONAS, type Persona } from "./matrix/personas";
import { readRecords, type Records } from "./matrix/records";

test.describe.configure({ mode: "parallel" });

const TABLE = "e2e/role-matrix-expectations.ts";

test("every page route, route handler and server action has an expectation", () => {
  const problems: string[] = [];

  const pages = listPages();
  for (const { route, file } of pages) {
    if (!PAGES[route]?.length) problems.push(`page ${route} (${file}) has no expectation: add PAGES["${route}"] to ${TABLE}, one outcome per persona`);
  }
  for (const route of Object.keys(PAGES)) {
    if (!pages.some((p) => p.route === route)) problems.push(`PAGES["${route}"] in ${TABLE} names no page.tsx any more: remove it`);
  }

  const handlers = listRouteHandlers();
  for (const { route, method, file } of handlers) {
    const key = `${method} ${route}`;
    if (!ROUTE_HANDLERS[key]?.length) problems.push(`route handler ${key} (${file}) has no expectation: add ROUTE_HANDLERS["${key}"] to ${TABLE}`);
  }
  for (const key of Object.keys(ROUTE_HANDLERS)) {
    if (!handlers.some((h) => `${h.method} ${h.route}` === key)) problems.push(`ROUTE_HANDLERS["${key}"] in ${TABLE} names no exported handler any more: remove it`);
  }

  const exported = listServerActionExports().map((a) => `${a.file}#${a.exportName}`);
  const built = listBuiltActions();
  const builtKeys = built.map((a) => `${a.file}#${a.exportName}`);
  for (const key of new Set([...exported, ...builtKeys])) {
    if (!ACTIONS[key]?.length) problems.push(`server action ${key} has no expectation: add ACTIONS["${key}"] to ${TABLE}`);
  }
  for (const a of built) {
    if (!exported.includes(`${a.file}#${a.exportName}`)) {
      problems.push(`server action ${a.file}#${a.exportName} (id ${a.id}) is in the build but is no export of a "use server" module (an inline action?): give it an expectation, or a stale build: restart the e2e server`);
    }
    if (!a.workers.some((w) => PAGES[routeOfWorker(w) ?? ""]?.length)) problems.push(`server action ${a.file}#${a.exportName} is rendered by no page of PAGES (${a.workers.join(", ")})`);
  }
  for (const key of exported) {
    if (!builtKeys.includes(key)) problems.push(`server action ${key} is not in the build's server reference manifest: the e2e server's build is stale (restart it), or no page uses the action`);
  }
  for (const key of Object.keys(ACTIONS)) {
    if (!exported.includes(key) && !builtKeys.includes(key)) problems.push(`ACTIONS["${key}"] in ${TABLE} names no server action any more: remove it`);
  }

  expect(problems, problems.join("\n")).toEqual([]);
  // The enumeration found the app's surface, not an empty directory.
  expect(pages.length).toBeGreaterThan(5);
  expect(handlers.length).toBeGreaterThan(0);
  expect(built.length).toBeGreaterThan(0);
});

/** The page a built action is POSTed to: the first page case of a route whose worker holds the action. */
function actionPath(action: BuiltAction, records: Records): string {
  for (const worker of action.workers) {
    const cases = PAGES[routeOfWorker(worker) ?? ""];
    if (cases?.length) return cases[0].path(records);
  }
  throw new Error(`No page case renders ${action.file}#${action.exportName} (${action.workers.join(", ")})`);
}

type Check = { name: string; expected: string; observe: (request: APIRequestContext) => Promise<string> };

function checksFor(persona: Persona, records: Records, origin: string): Check[] {
  const ctx: CaseContext = { persona, unique: () => `matrix-${persona}-${randomUUID()}` };
  const checks: Check[] = [];
  const sortedPages = Object.entries(PAGES).sort(([a], [b]) => a.localeCompare(b));
  for (const [route, cases] of sortedPages) {
    for (const c of cases) {
      const path = c.path(records);
      const expected = (typeof c.expect === "function" ? c.expect(records) : c.expect)[persona];
      checks.push({ name: `page ${route}: ${c.name} (GET ${path})`, expected, observe: (r) => pageOutcome(r, path, origin) });
    }
  }
  for (const [key, cases] of Object.entries(ROUTE_HANDLERS)) {
    const method = key.split(" ")[0];
    for (const c of cases) {
      const path = c.path(records);
      checks.push({
        name: `route ${key}: ${c.name} (${method} ${path})`,
        expected: c.expect[persona],
        observe: (r) => routeOutcome(r, { method, path, json: c.json?.(records, ctx), csrf: c.csrf, read: c.read, origin }),
      });
    }
  }
  // Only actions that are in the build can be called; the coverage test reports the others.
  for (const action of listBuiltActions()) {
    const key = `${action.file}#${action.exportName}`;
    for (const c of ACTIONS[key] ?? []) {
      const path = actionPath(action, records);
      const expected = c.expect[persona];
      checks.push({
        name: `action ${key}: ${c.name} (POST ${path})`,
        expected,
        observe: (r) => actionOutcome(r, { id: action.id, path, arg: c.arg(records, ctx), origin, expected }),
      });
    }
  }
  return checks;
}

async function signedInContext(browser: Browser, persona: Persona, baseURL: string) {
  const context = await browser.newContext({
    baseURL,
    // Sign-in throttling counts failures per client address: its own address keeps this spec clear of
    // the failed sign-ins other specs make on purpose (the app reads the client from X-Forwarded-For).
    extraHTTPHeaders: { "X-Forwarded-For": `198.51.100.${10 + PERSONA_KEYS.indexOf(persona)}` },
  });
  const user = PERSONAS[persona];
  if (user) {
    const page = await context.newPage();
    await login(page, user.email);
    await page.close();
  }
  return context;
}

async function sessionEmail(request: APIRequestContext): Promise<string | null> {
  const body = (await (await request.get("/api/auth/session")).json()) as { user?: { email?: string } };
  return body.user?.email ?? null;
}

for (const persona of PERSONA_KEYS) {
  const who = PERSONAS[persona];
  test(`role matrix: ${persona}${who ? ` (${who.note})` : ""}`, async ({ browser, baseURL }, testInfo) => {
    // Each persona makes a request per page, route and action (hundreds with the admin workspace).
    test.setTimeout(180_000);
    const origin = new URL(baseURL!).origin;
    const records = readRecords();
    const checks = checksFor(persona, records, origin);
    expect(checks.length).toBeGreaterThan(10);

    const context = await signedInContext(browser, persona, baseURL!);
    const observed: Record<string, string> = {};
    try {
      expect(await sessionEmail(context.request), `${persona}'s session before the matrix`).toBe(who?.email ?? null);
      for (const check of checks) observed[check.name] = await check.observe(context.request);
      // Outcomes of a signed-in persona only count if the session lived from the first check to the last
      // (specs that sign out or deactivate use users of their own, see auth.spec's createRep).
      expect(await sessionEmail(context.request), `${persona}'s session after the matrix`).toBe(who?.email ?? null);
    } finally {
      await context.close();
    }

    const expected = Object.fromEntries(checks.map((c) => [c.name, c.expected]));
    await testInfo.attach(`role-matrix-${persona}.json`, { body: JSON.stringify(observed, null, 2), contentType: "application/json" });
    expect(observed, `what ${persona} gets (expected from ${TABLE})`).toEqual(expected);
  });
}

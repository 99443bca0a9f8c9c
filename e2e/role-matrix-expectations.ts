// The role matrix: what each persona gets from every page route, route handler and server action.
//
// e2e/role-matrix.spec.ts enumerates routes and actions from the code (app/**/page.tsx, app/**/route.ts
// and their HTTP methods, every export of a "use server" module, the build's server reference manifest)
// and fails when one of them has no entry here, or an entry names something that no longer exists.
// Adding a route or action therefore means deciding, persona by persona, what it answers.
//
// The personas (e2e/matrix/personas.ts): anonymous; ava (rep, North, owns the records); ben (rep,
// North, same team, not the owner); eva (rep, South); nina (manager, North); omar (manager, South); admin.
// The records (e2e/matrix/records.ts) are one account of Ava's, one of her open opportunities on it and
// one of her holdout (control group) opportunities.
//
// Outcomes are written as the spec observes them:
//   pages          "200", "404", or "redirect <location>" (any 30x; the location as sent, origin removed)
//   route handlers "<status>", plus " <summary>" for the next-auth endpoints ("user=<email> role=<ROLE>")
//   actions        "ok" or the error code of the { ok: false, code } result; "INVALID_INPUT:<field>"
//                  also requires that field among the field errors (proof the permission and scope
//                  checks passed and the refusal came from the input itself)
import type { PerPersona, Persona } from "./matrix/personas";
import type { Records } from "./matrix/records";

export type PageOutcome = "200" | "404" | `redirect /${string}`;
export type ActionOutcome = "ok" | "NOT_FOUND" | "UNAUTHENTICATED" | "CONFLICT" | "INVALID_INPUT" | `INVALID_INPUT:${string}` | "FORBIDDEN" | "RATE_LIMITED";

export type CaseContext = { persona: Persona; /** A fresh value per call, for idempotency keys. */ unique: () => string };

export type PageCase = {
  name: string;
  path: (r: Records) => string;
  /** A function when an outcome names the record (the login page's callback URL). */
  expect: PerPersona<PageOutcome> | ((r: Records) => PerPersona<PageOutcome>);
};

export type RouteCase = {
  name: string;
  path: (r: Records) => string;
  /** JSON body. */
  json?: (r: Records, ctx: CaseContext) => Record<string, unknown>;
  /** Fetch /api/auth/csrf first and send its token as `csrfToken` in the body (next-auth POSTs). */
  csrf?: boolean;
  /** How to summarise the JSON answer after the status. */
  read?: "session" | "csrf";
  expect: PerPersona<string>;
};

export type ActionCase = {
  name: string;
  /** The one argument the client passes to the action. */
  arg: (r: Records, ctx: CaseContext) => unknown;
  expect: PerPersona<ActionOutcome>;
};

const OK = "200";
const NOT_FOUND = "404";
const redirect = (location: `/${string}`): PageOutcome => `redirect ${location}`;
/** requireActor's answer to the anonymous: the login page, coming back to `callback` afterwards. */
const toLogin = (callback: `/${string}`): PageOutcome => `redirect /login?callbackUrl=${encodeURIComponent(callback)}`;

const session = (email: string, role: string) => `200 user=${email} role=${role}`;
const SESSIONS = {
  anonymous: "200 no user",
  ava: session("ava@example.com", "REP"),
  ben: session("ben@example.com", "REP"),
  eva: session("eva@example.com", "REP"),
  nina: session("nina.manager@example.com", "MANAGER"),
  omar: session("omar.manager@example.com", "MANAGER"),
  admin: session("admin@example.com", "ADMIN"),
} satisfies PerPersona<string>;

// The admin workspace's users, settings, scoring and audit sections (and changing one's own password).
// Every probe is refused or changes nothing, even where it gets through (no scoring run is started).
const opsAdmin = (admin: ActionOutcome): PerPersona<ActionOutcome> => ({ anonymous: "UNAUTHENTICATED", ava: "NOT_FOUND", ben: "NOT_FOUND", eva: "NOT_FOUND", nina: "NOT_FOUND", omar: "NOT_FOUND", admin });
const opsPage = (path: `/${string}`): PerPersona<PageOutcome> => ({ anonymous: toLogin(path), ava: NOT_FOUND, ben: NOT_FOUND, eva: NOT_FOUND, nina: NOT_FOUND, omar: NOT_FOUND, admin: OK });

const OPS_PAGES: Record<string, PageCase[]> = {
  "/admin/users": [{ name: "users and teams", path: () => "/admin/users", expect: opsPage("/admin/users") }],
  "/admin/settings": [{ name: "settings", path: () => "/admin/settings", expect: opsPage("/admin/settings") }],
  "/admin/import": [{ name: "import", path: () => "/admin/import", expect: opsPage("/admin/import") }],
  "/admin/scoring": [{ name: "scoring runs", path: () => "/admin/scoring", expect: opsPage("/admin/scoring") }],
  "/admin/audit": [
    { name: "audit log", path: () => "/admin/audit", expect: opsPage("/admin/audit") },
    // The login page comes back to the section, not to the filtered view.
    { name: "audit log, filtered, next page", path: () => "/admin/audit?action=auth.login&after=2026-01-01T00:00:00.000Z_zzz", expect: opsPage("/admin/audit") },
  ],
  "/change-password": [
    {
      name: "choose one's password",
      path: () => "/change-password",
      expect: { anonymous: toLogin("/change-password"), ava: OK, ben: OK, eva: OK, nina: OK, omar: OK, admin: OK },
    },
  ],
};

const importApi = (admin: string): PerPersona<string> => ({ anonymous: "401", ava: "404", ben: "404", eva: "404", nina: "404", omar: "404", admin });

const OPS_ROUTES: Record<string, RouteCase[]> = {
  "GET /api/dashboard/export": [
    { name: "dashboard reps CSV", path: () => "/api/dashboard/export?table=reps", expect: { anonymous: "401", ava: "404", ben: "404", eva: "404", nina: "200", omar: "200", admin: "200" } },
  ],
  "GET /api/admin/audit": [
    { name: "audit CSV export, filtered", path: () => "/api/admin/audit?action=no.such.action", expect: { anonymous: "401", ava: "404", ben: "404", eva: "404", nina: "404", omar: "404", admin: "200" } },
  ],
  // The import screen's endpoints: admins only; every probe is refused or names nothing that exists.
  "POST /api/admin/import/uploads": [
    { name: "start an upload of an empty file", path: () => "/api/admin/import/uploads", json: () => ({ fileName: "x.csv", size: 0 }), expect: importApi("400") },
  ],
  "PUT /api/admin/import/uploads/[id]": [
    { name: "a chunk of an upload that does not exist", path: () => "/api/admin/import/uploads/000000000000000000000000?offset=0", json: () => ({}), expect: importApi("404") },
  ],
  "GET /api/admin/import/uploads/[id]/preview": [
    { name: "preview of an upload that does not exist", path: () => "/api/admin/import/uploads/000000000000000000000000/preview?kind=orders", expect: importApi("404") },
  ],
  "POST /api/admin/import/jobs": [{ name: "start an import without input", path: () => "/api/admin/import/jobs", json: () => ({}), expect: importApi("400") }],
  "GET /api/admin/import/jobs/[id]": [{ name: "a job that does not exist", path: (r) => `/api/admin/import/jobs/${r.missing}`, expect: importApi("404") }],
  "POST /api/admin/import/jobs/[id]/cancel": [
    { name: "cancel a job that does not exist", path: (r) => `/api/admin/import/jobs/${r.missing}/cancel`, json: () => ({}), expect: importApi("404") },
  ],
  "GET /api/admin/import/runs/[id]/report": [
    { name: "the error report of a run that does not exist", path: (r) => `/api/admin/import/runs/${r.missing}/report`, expect: importApi("404") },
  ],
};

const OPS_ACTIONS: Record<string, ActionCase[]> = {
  "lib/actions/users.ts#createUserAction": [
    { name: "an email that exists", arg: () => ({ name: "Second Admin", email: "admin@example.com", role: "ADMIN", teamId: "", passwordMode: "generate" }), expect: opsAdmin("INVALID_INPUT:email") },
  ],
  "lib/actions/users.ts#resetPasswordAction": [
    { name: "a missing user", arg: (r) => ({ userId: r.missing, version: 1, passwordMode: "generate" }), expect: opsAdmin("NOT_FOUND") },
  ],
  "lib/actions/users.ts#unlockUserAction": [
    { name: "a missing user", arg: (r) => ({ userId: r.missing }), expect: opsAdmin("NOT_FOUND") },
  ],
  "lib/actions/users.ts#reassignAccountsAction": [
    { name: "a missing leaving rep", arg: (r) => ({ fromUserId: r.missing, toUserId: r.users.ava, deactivate: false, version: 1 }), expect: opsAdmin("NOT_FOUND") },
  ],
  "lib/actions/users.ts#changeOwnPasswordAction": [
    {
      // Everyone signed in may change their own password; a wrong current one changes nothing.
      name: "a wrong current password",
      arg: () => ({ currentPassword: "not-the-password", newPassword: "a-brand-new-password", confirmPassword: "a-brand-new-password" }),
      expect: { anonymous: "UNAUTHENTICATED", ava: "INVALID_INPUT:currentPassword", ben: "INVALID_INPUT:currentPassword", eva: "INVALID_INPUT:currentPassword", nina: "INVALID_INPUT:currentPassword", omar: "INVALID_INPUT:currentPassword", admin: "INVALID_INPUT:currentPassword" },
    },
  ],
  "lib/actions/teams.ts#createTeamAction": [
    { name: "a name that exists", arg: () => ({ name: "North" }), expect: opsAdmin("INVALID_INPUT:name") },
  ],
  "lib/actions/teams.ts#renameTeamAction": [
    { name: "a missing team", arg: (r) => ({ teamId: r.missing, version: 1, name: "Elsewhere" }), expect: opsAdmin("NOT_FOUND") },
  ],
  "lib/actions/teams.ts#deleteTeamAction": [
    { name: "a team with members", arg: () => ({ teamId: "team_north" }), expect: opsAdmin("INVALID_INPUT:teamId") },
  ],
  "lib/actions/settings.ts#saveSettingsAction": [
    { name: "a contact cap out of range", arg: () => ({ values: { contactCapDays: 999 }, seen: {} }), expect: opsAdmin("INVALID_INPUT:values.contactCapDays") },
  ],
  "lib/actions/scoring.ts#startScoringRunAction": [{ name: "invalid input", arg: () => ({ asOf: "tomorrow" }), expect: opsAdmin("INVALID_INPUT") }],
  "lib/actions/scoring.ts#cancelScoringRunAction": [
    { name: "a missing job", arg: (r) => ({ jobId: r.missing }), expect: opsAdmin("NOT_FOUND") },
  ],
  "lib/actions/audit.ts#verifyAuditChainAction": [{ name: "invalid input", arg: () => ({ full: true }), expect: opsAdmin("INVALID_INPUT") }],
};

/** Page routes ("/accounts/[id]": route groups removed, dynamic segments as in the folder name). */
export const PAGES: Record<string, PageCase[]> = {
  ...OPS_PAGES,
  "/": [
    {
      name: "start",
      path: () => "/",
      // Signed in: the first entry of the persona's navigation.
      expect: { anonymous: redirect("/login"), ava: redirect("/queue"), ben: redirect("/queue"), eva: redirect("/queue"), nina: redirect("/queue"), omar: redirect("/queue"), admin: redirect("/queue") },
    },
  ],
  "/login": [
    {
      name: "sign-in page",
      path: () => "/login",
      expect: { anonymous: OK, ava: redirect("/"), ben: redirect("/"), eva: redirect("/"), nina: redirect("/"), omar: redirect("/"), admin: redirect("/") },
    },
    {
      name: "sign-in page with a callback",
      path: () => "/login?callbackUrl=%2Faccounts",
      expect: { anonymous: OK, ava: redirect("/accounts"), ben: redirect("/accounts"), eva: redirect("/accounts"), nina: redirect("/accounts"), omar: redirect("/accounts"), admin: redirect("/accounts") },
    },
  ],
  "/logout": [
    { name: "sign-out page", path: () => "/logout", expect: { anonymous: OK, ava: OK, ben: OK, eva: OK, nina: OK, omar: OK, admin: OK } },
  ],
  "/queue": [
    { name: "queue", path: () => "/queue", expect: { anonymous: toLogin("/queue"), ava: OK, ben: OK, eva: OK, nina: OK, omar: OK, admin: OK } },
  ],
  "/queue/call": [
    {
      name: "call mode, next in the queue",
      path: () => "/queue/call",
      expect: { anonymous: toLogin("/queue/call"), ava: OK, ben: OK, eva: OK, nina: OK, omar: OK, admin: OK },
    },
    {
      name: "call mode on Ava's opportunity",
      path: (r) => `/queue/call?id=${r.avaOpportunity}`,
      // The callback keeps the id: after signing in, the caller lands on this opportunity.
      expect: (r) => ({ anonymous: toLogin(`/queue/call?id=${r.avaOpportunity}`), ava: OK, ben: NOT_FOUND, eva: NOT_FOUND, nina: OK, omar: NOT_FOUND, admin: OK }),
    },
    {
      name: "call mode on Ava's holdout opportunity",
      path: (r) => `/queue/call?id=${r.avaHoldoutOpportunity}`,
      expect: (r) => ({ anonymous: toLogin(`/queue/call?id=${r.avaHoldoutOpportunity}`), ava: NOT_FOUND, ben: NOT_FOUND, eva: NOT_FOUND, nina: NOT_FOUND, omar: NOT_FOUND, admin: NOT_FOUND }),
    },
    {
      name: "call mode on a missing opportunity",
      path: (r) => `/queue/call?id=${r.missing}`,
      expect: (r) => ({ anonymous: toLogin(`/queue/call?id=${r.missing}`), ava: NOT_FOUND, ben: NOT_FOUND, eva: NOT_FOUND, nina: NOT_FOUND, omar: NOT_FOUND, admin: NOT_FOUND }),
    },
  ],
  "/accounts": [
    { name: "accounts list", path: () => "/accounts", expect: { anonymous: toLogin("/accounts"), ava: OK, ben: OK, eva: OK, nina: OK, omar: OK, admin: OK } },
  ],
  "/accounts/[id]": [
    {
      name: "Ava's account",
      path: (r) => `/accounts/${r.avaAccount}`,
      expect: (r) => ({ anonymous: toLogin(`/accounts/${r.avaAccount}`), ava: OK, ben: NOT_FOUND, eva: NOT_FOUND, nina: OK, omar: NOT_FOUND, admin: OK }),
    },
    {
      name: "a missing account",
      path: (r) => `/accounts/${r.missing}`,
      expect: (r) => ({ anonymous: toLogin(`/accounts/${r.missing}`), ava: NOT_FOUND, ben: NOT_FOUND, eva: NOT_FOUND, nina: NOT_FOUND, omar: NOT_FOUND, admin: NOT_FOUND }),
    },
  ],
  "/dashboard": [
    { name: "dashboard", path: () => "/dashboard", expect: { anonymous: toLogin("/dashboard"), ava: NOT_FOUND, ben: NOT_FOUND, eva: NOT_FOUND, nina: OK, omar: OK, admin: OK } },
  ],
  "/dashboard/drill": [
    {
      name: "dashboard drill-down, won opportunities",
      path: () => "/dashboard/drill?kind=opportunities&stage=WON",
      expect: { anonymous: toLogin("/dashboard/drill"), ava: NOT_FOUND, ben: NOT_FOUND, eva: NOT_FOUND, nina: OK, omar: OK, admin: OK },
    },
  ],
  "/admin": [
    { name: "admin overview", path: () => "/admin", expect: { anonymous: toLogin("/admin"), ava: NOT_FOUND, ben: NOT_FOUND, eva: NOT_FOUND, nina: NOT_FOUND, omar: NOT_FOUND, admin: OK } },
  ],
  // The catalog (pairs, mined rules, products): admins only; everyone else gets not found.
  "/admin/pairs": [
    { name: "pair catalog", path: () => "/admin/pairs", expect: { anonymous: toLogin("/admin/pairs"), ava: NOT_FOUND, ben: NOT_FOUND, eva: NOT_FOUND, nina: NOT_FOUND, omar: NOT_FOUND, admin: OK } },
  ],
  "/admin/pairs/new": [
    { name: "new pair", path: () => "/admin/pairs/new", expect: { anonymous: toLogin("/admin/pairs/new"), ava: NOT_FOUND, ben: NOT_FOUND, eva: NOT_FOUND, nina: NOT_FOUND, omar: NOT_FOUND, admin: OK } },
  ],
  "/admin/pairs/[id]": [
    {
      // The seed's catalog is the same for every seed: its first pair always exists.
      name: "a seeded pair",
      path: () => "/admin/pairs/pair_001",
      expect: { anonymous: toLogin("/admin/pairs/pair_001"), ava: NOT_FOUND, ben: NOT_FOUND, eva: NOT_FOUND, nina: NOT_FOUND, omar: NOT_FOUND, admin: OK },
    },
    {
      name: "a missing pair",
      path: (r) => `/admin/pairs/${r.missing}`,
      expect: (r) => ({ anonymous: toLogin(`/admin/pairs/${r.missing}`), ava: NOT_FOUND, ben: NOT_FOUND, eva: NOT_FOUND, nina: NOT_FOUND, omar: NOT_FOUND, admin: NOT_FOUND }),
    },
  ],
  "/admin/rules": [
    { name: "mined rules review", path: () => "/admin/rules", expect: { anonymous: toLogin("/admin/rules"), ava: NOT_FOUND, ben: NOT_FOUND, eva: NOT_FOUND, nina: NOT_FOUND, omar: NOT_FOUND, admin: OK } },
  ],
  "/admin/products": [
    { name: "products", path: () => "/admin/products", expect: { anonymous: toLogin("/admin/products"), ava: NOT_FOUND, ben: NOT_FOUND, eva: NOT_FOUND, nina: NOT_FOUND, omar: NOT_FOUND, admin: OK } },
  ],
  "/admin/categories": [
    { name: "category policies", path: () => "/admin/categories", expect: { anonymous: toLogin("/admin/categories"), ava: NOT_FOUND, ben: NOT_FOUND, eva: NOT_FOUND, nina: NOT_FOUND, omar: NOT_FOUND, admin: OK } },
  ],
};

/** Route handlers, keyed "<METHOD> <route>". */
export const ROUTE_HANDLERS: Record<string, RouteCase[]> = {
  ...OPS_ROUTES,
  "GET /api/auth/[...nextauth]": [
    { name: "GET /api/auth/session", path: () => "/api/auth/session", read: "session", expect: SESSIONS },
    {
      name: "GET /api/auth/csrf",
      path: () => "/api/auth/csrf",
      read: "csrf",
      expect: { anonymous: "200 csrf token", ava: "200 csrf token", ben: "200 csrf token", eva: "200 csrf token", nina: "200 csrf token", omar: "200 csrf token", admin: "200 csrf token" },
    },
  ],
  "POST /api/auth/[...nextauth]": [
    {
      // useSession().update(): the client asks to become an admin; the session keeps the role of the user row.
      name: "POST /api/auth/session, an update asking for the ADMIN role",
      path: () => "/api/auth/session",
      csrf: true,
      json: () => ({ data: { role: "ADMIN", user: { role: "ADMIN", id: "usr_admin" } } }),
      read: "session",
      expect: SESSIONS,
    },
  ],
  "POST /api/opportunities/[id]/outcomes": [
    {
      // Well-formed, but a version nobody has: in scope it is a conflict and nothing is written.
      name: "an outcome on Ava's opportunity with a stale version",
      path: (r) => `/api/opportunities/${r.avaOpportunity}/outcomes`,
      json: (_r, ctx) => ({ version: 999_999, outcome: "NO_ANSWER", idempotencyKey: ctx.unique() }),
      expect: { anonymous: "401", ava: "409", ben: "404", eva: "404", nina: "409", omar: "404", admin: "409" },
    },
    {
      name: "an invalid outcome on Ava's opportunity",
      path: (r) => `/api/opportunities/${r.avaOpportunity}/outcomes`,
      json: (_r, ctx) => ({ version: 1, outcome: "NOT_AN_OUTCOME", idempotencyKey: ctx.unique() }),
      expect: { anonymous: "401", ava: "400", ben: "400", eva: "400", nina: "400", omar: "400", admin: "400" },
    },
    {
      name: "an outcome on Ava's holdout opportunity",
      path: (r) => `/api/opportunities/${r.avaHoldoutOpportunity}/outcomes`,
      json: (_r, ctx) => ({ version: 999_999, outcome: "NO_ANSWER", idempotencyKey: ctx.unique() }),
      expect: { anonymous: "401", ava: "404", ben: "404", eva: "404", nina: "404", omar: "404", admin: "404" },
    },
    {
      name: "an outcome on a missing opportunity",
      path: (r) => `/api/opportunities/${r.missing}/outcomes`,
      json: (_r, ctx) => ({ version: 1, outcome: "NO_ANSWER", idempotencyKey: ctx.unique() }),
      expect: { anonymous: "401", ava: "404", ben: "404", eva: "404", nina: "404", omar: "404", admin: "404" },
    },
  ],
};

/** Admin-only, whoever else asks; the probes change nothing even when they get through. */
const adminOnly = (admin: ActionOutcome): PerPersona<ActionOutcome> => ({ anonymous: "UNAUTHENTICATED", ava: "NOT_FOUND", ben: "NOT_FOUND", eva: "NOT_FOUND", nina: "NOT_FOUND", omar: "NOT_FOUND", admin });
/** Well-formed pair fields naming products that do not exist. */
const pairFields = (r: Records) => ({
  sourceProductId: r.missing, targetProductId: `${r.missing}_2`, type: "CROSS_SELL", bundleDiscountPct: null, windowMinDays: 0, windowMaxDays: 30,
  eligibleSegments: [], talkingPoints: "{{account.name}}", objectionHandling: "{{price}}",
});

// The catalog's actions (lib/actions/pairs.ts, rules.ts, products.ts).
const CATALOG_ACTIONS: Record<string, ActionCase[]> = {
  "lib/actions/pairs.ts#createPairAction": [
    { name: "invalid input", arg: () => ({}), expect: adminOnly("INVALID_INPUT") },
    { name: "a product paired with itself", arg: (r) => ({ ...pairFields(r), targetProductId: r.missing, active: true }), expect: adminOnly("INVALID_INPUT:targetProductId") },
  ],
  "lib/actions/pairs.ts#updatePairAction": [
    { name: "a missing pair", arg: (r) => ({ ...pairFields(r), id: r.missing, version: 1 }), expect: adminOnly("NOT_FOUND") },
  ],
  "lib/actions/pairs.ts#setPairActiveAction": [
    { name: "invalid input", arg: () => ({ id: "" }), expect: adminOnly("INVALID_INPUT") },
    { name: "a missing pair", arg: (r) => ({ id: r.missing, version: 1, active: false }), expect: adminOnly("NOT_FOUND") },
  ],
  "lib/actions/pairs.ts#restorePairVersionAction": [
    { name: "a missing pair", arg: (r) => ({ id: r.missing, version: 1, restoreVersion: 1 }), expect: adminOnly("NOT_FOUND") },
  ],
  "lib/actions/pairs.ts#pairImpactAction": [
    { name: "invalid input", arg: () => ({}), expect: adminOnly("INVALID_INPUT") },
    { name: "impact of a pair of missing products (none reached)", arg: (r) => pairFields(r), expect: adminOnly("ok") },
  ],
  "lib/actions/pairs.ts#previewTemplatesAction": [
    { name: "a preview on a missing account", arg: (r) => ({ accountId: r.missing, talkingPoints: "{{account.name}}", objectionHandling: "" }), expect: adminOnly("NOT_FOUND") },
  ],
  "lib/actions/pairs.ts#findPreviewAccountsAction": [
    { name: "invalid input", arg: () => ({}), expect: adminOnly("INVALID_INPUT") },
    { name: "a search for preview accounts", arg: () => ({ q: "zz no such account" }), expect: adminOnly("ok") },
  ],
  "lib/actions/rules.ts#approveRuleAction": [
    { name: "invalid input", arg: () => ({}), expect: adminOnly("INVALID_INPUT") },
    { name: "a missing rule", arg: (r) => ({ ruleId: r.missing, type: "CROSS_SELL", bundleDiscountPct: null }), expect: adminOnly("NOT_FOUND") },
  ],
  "lib/actions/rules.ts#rejectRuleAction": [
    { name: "a rejection without a reason", arg: (r) => ({ ruleId: r.missing, reason: "" }), expect: adminOnly("INVALID_INPUT:reason") },
    { name: "a missing rule", arg: (r) => ({ ruleId: r.missing, reason: "matrix probe" }), expect: adminOnly("NOT_FOUND") },
  ],
  "lib/actions/rules.ts#decideRulesAction": [
    { name: "invalid input", arg: () => ({ decision: "approve", ruleIds: [] }), expect: adminOnly("INVALID_INPUT") },
    { name: "a missing rule", arg: (r) => ({ decision: "reject", ruleIds: [r.missing], reason: "matrix probe" }), expect: adminOnly("NOT_FOUND") },
  ],
  "lib/actions/products.ts#updateProductAction": [
    { name: "a cost above the price", arg: (r) => ({ id: r.missing, version: 1, price: 1, unitCost: 2, category: "x", regulated: false, active: true }), expect: adminOnly("INVALID_INPUT:unitCost") },
    { name: "a missing product", arg: (r) => ({ id: r.missing, version: 1, price: 2, unitCost: 1, category: "x", regulated: false, active: true }), expect: adminOnly("NOT_FOUND") },
  ],
  "lib/actions/products.ts#updateCategoryPolicyAction": [
    { name: "a durable category without a cycle", arg: (r) => ({ category: r.missing, version: 0, durability: "DURABLE", replacementCycleDays: null }), expect: adminOnly("INVALID_INPUT:replacementCycleDays") },
    { name: "a category no product has", arg: (r) => ({ category: r.missing, version: 0, durability: "DURABLE", replacementCycleDays: 365 }), expect: adminOnly("NOT_FOUND") },
  ],
};

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

/** Server actions, keyed "<file>#<export>". Each is POSTed to a page whose worker holds it (from the build manifest). */
export const ACTIONS: Record<string, ActionCase[]> = {
  ...OPS_ACTIONS,
  ...CATALOG_ACTIONS,
  "lib/actions/opportunities.ts#logOutcomeAction": [
    {
      name: "invalid input",
      arg: () => ({}),
      expect: { anonymous: "UNAUTHENTICATED", ava: "INVALID_INPUT", ben: "INVALID_INPUT", eva: "INVALID_INPUT", nina: "INVALID_INPUT", omar: "INVALID_INPUT", admin: "INVALID_INPUT" },
    },
    {
      name: "an outcome on Ava's opportunity with a stale version",
      arg: (r, ctx) => ({ opportunityId: r.avaOpportunity, version: 999_999, outcome: "NO_ANSWER", channel: "CALL", idempotencyKey: ctx.unique() }),
      expect: { anonymous: "UNAUTHENTICATED", ava: "CONFLICT", ben: "NOT_FOUND", eva: "NOT_FOUND", nina: "CONFLICT", omar: "NOT_FOUND", admin: "CONFLICT" },
    },
  ],
  "lib/actions/opportunities.ts#snoozeAction": [
    {
      name: "invalid input",
      arg: () => ({ opportunityId: "", version: 0 }),
      expect: { anonymous: "UNAUTHENTICATED", ava: "INVALID_INPUT", ben: "INVALID_INPUT", eva: "INVALID_INPUT", nina: "INVALID_INPUT", omar: "INVALID_INPUT", admin: "INVALID_INPUT" },
    },
    {
      name: "a snooze of Ava's opportunity with a stale version",
      arg: (r) => ({ opportunityId: r.avaOpportunity, version: 999_999, until: tomorrow() }),
      expect: { anonymous: "UNAUTHENTICATED", ava: "CONFLICT", ben: "NOT_FOUND", eva: "NOT_FOUND", nina: "CONFLICT", omar: "NOT_FOUND", admin: "CONFLICT" },
    },
  ],
  "lib/actions/opportunities.ts#reassignAction": [
    {
      // The permission is checked before the input: reps learn nothing, not even what the input lacks.
      name: "invalid input",
      arg: () => ({}),
      expect: { anonymous: "UNAUTHENTICATED", ava: "NOT_FOUND", ben: "NOT_FOUND", eva: "NOT_FOUND", nina: "INVALID_INPUT", omar: "INVALID_INPUT", admin: "INVALID_INPUT" },
    },
    {
      // In scope, the target (a South rep for a North account) is refused; out of scope, the account is not found.
      name: "Ava's account to a rep of the other team",
      arg: (r) => ({ scope: "account", accountId: r.avaAccount, toUserId: r.users.eva }),
      expect: { anonymous: "UNAUTHENTICATED", ava: "NOT_FOUND", ben: "NOT_FOUND", eva: "NOT_FOUND", nina: "INVALID_INPUT:toUserId", omar: "NOT_FOUND", admin: "INVALID_INPUT:toUserId" },
    },
    {
      name: "Ava's opportunity to a rep of the other team",
      arg: (r) => ({ scope: "opportunity", opportunityId: r.avaOpportunity, toUserId: r.users.eva }),
      expect: { anonymous: "UNAUTHENTICATED", ava: "NOT_FOUND", ben: "NOT_FOUND", eva: "NOT_FOUND", nina: "INVALID_INPUT:toUserId", omar: "NOT_FOUND", admin: "INVALID_INPUT:toUserId" },
    },
    {
      // The one call that succeeds: the account goes to its own owner, so who reaches it is unchanged
      // (its open opportunities get a new version, which no spec relies on).
      name: "Ava's account to Ava herself",
      arg: (r) => ({ scope: "account", accountId: r.avaAccount, toUserId: r.users.ava }),
      expect: { anonymous: "UNAUTHENTICATED", ava: "NOT_FOUND", ben: "NOT_FOUND", eva: "NOT_FOUND", nina: "ok", omar: "NOT_FOUND", admin: "ok" },
    },
  ],
  // User management: only probes that cannot end anyone's session, whoever gets through.
  "lib/actions/users.ts#setUserActiveAction": [
    {
      name: "invalid input",
      arg: () => ({}),
      expect: { anonymous: "UNAUTHENTICATED", ava: "NOT_FOUND", ben: "NOT_FOUND", eva: "NOT_FOUND", nina: "NOT_FOUND", omar: "NOT_FOUND", admin: "INVALID_INPUT" },
    },
    {
      name: "deactivating oneself",
      arg: (r, ctx) => ({ userId: ctx.persona === "anonymous" ? r.missing : r.users[ctx.persona], active: false }),
      expect: { anonymous: "UNAUTHENTICATED", ava: "NOT_FOUND", ben: "NOT_FOUND", eva: "NOT_FOUND", nina: "NOT_FOUND", omar: "NOT_FOUND", admin: "INVALID_INPUT:active" },
    },
    {
      // Ava is active already: a no-op (no session version bump) that only an admin may make.
      name: "activating Ava, who is active",
      arg: (r) => ({ userId: r.users.ava, active: true }),
      expect: { anonymous: "UNAUTHENTICATED", ava: "NOT_FOUND", ben: "NOT_FOUND", eva: "NOT_FOUND", nina: "NOT_FOUND", omar: "NOT_FOUND", admin: "ok" },
    },
  ],
  "lib/actions/users.ts#changeUserAccessAction": [
    {
      name: "invalid input",
      arg: () => ({}),
      expect: { anonymous: "UNAUTHENTICATED", ava: "NOT_FOUND", ben: "NOT_FOUND", eva: "NOT_FOUND", nina: "NOT_FOUND", omar: "NOT_FOUND", admin: "INVALID_INPUT" },
    },
    {
      // An admin cannot take away their own user management; nobody else gets that far.
      name: "demoting oneself to rep",
      arg: (r, ctx) => ({ userId: ctx.persona === "anonymous" ? r.missing : r.users[ctx.persona], role: "REP" }),
      expect: { anonymous: "UNAUTHENTICATED", ava: "NOT_FOUND", ben: "NOT_FOUND", eva: "NOT_FOUND", nina: "NOT_FOUND", omar: "NOT_FOUND", admin: "INVALID_INPUT:role" },
    },
    {
      name: "a missing user",
      arg: (r) => ({ userId: r.missing, role: "MANAGER" }),
      expect: { anonymous: "UNAUTHENTICATED", ava: "NOT_FOUND", ben: "NOT_FOUND", eva: "NOT_FOUND", nina: "NOT_FOUND", omar: "NOT_FOUND", admin: "NOT_FOUND" },
    },
  ],
};

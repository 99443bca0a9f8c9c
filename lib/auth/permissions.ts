import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Role -> permission table: the only place that names roles. Pages, data functions and actions ask
 * `can(role, permission)`; which rows a role sees (own accounts / team / all) is `dataScope(role)`,
 * applied as a where-clause in lib/data/scope.ts.
 */
export const PERMISSIONS = [
  "accounts:read",
  // Work opportunities in scope: the queue, call mode, outcomes and snoozes.
  "opportunities:work",
  // Be the owner of accounts and the assignee of opportunities (the people a queue belongs to).
  "opportunities:assignable",
  "opportunities:reassign",
  // Pick another rep's queue within scope.
  "queue:view-others",
  "dashboard:view",
  // Admin sections, one permission each.
  "catalog:manage",
  // Catalog edits, one permission each: product pairs, the review of mined rules, products.
  "pairs:write",
  "rules:review",
  "products:write",
  // Import customers, products and order history from CSV files (admin screen /admin/import).
  "data:import",
  "users:manage",
  "settings:manage",
  "scoring:run",
  "audit:read",
  // Change one's own password (everyone signed in).
  "self:password",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export type DataScope = "own" | "team" | "all";

const TABLE: Record<Role, { scope: DataScope; permissions: readonly Permission[] }> = {
  REP: { scope: "own", permissions: ["accounts:read", "opportunities:work", "opportunities:assignable", "self:password"] },
  MANAGER: {
    scope: "team",
    permissions: ["accounts:read", "opportunities:work", "opportunities:reassign", "queue:view-others", "dashboard:view", "self:password"],
  },
  ADMIN: { scope: "all", permissions: PERMISSIONS.filter((p) => p !== "opportunities:assignable") },
};

export const ROLES = Object.keys(TABLE) as Role[];

export function can(role: Role, permission: Permission): boolean {
  return TABLE[role].permissions.includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return TABLE[role].permissions;
}

/** Which records a role reaches: its own accounts, its team's, or all. */
export function dataScope(role: Role): DataScope {
  return TABLE[role].scope;
}

/** Roles holding a permission, for queries over users (e.g. who can be assigned accounts). */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => can(r, permission));
}

/** The admin workspace's sections and the permission each needs; /admin opens for anyone holding one. */
export const ADMIN_SECTIONS = [
  { key: "catalog", label: "Catalog and product pairs", permission: "catalog:manage" },
  { key: "import", label: "Import", permission: "data:import" },
  { key: "users", label: "Users and teams", permission: "users:manage" },
  { key: "settings", label: "Scoring settings", permission: "settings:manage" },
  { key: "scoring", label: "Scoring runs", permission: "scoring:run" },
  { key: "audit", label: "Audit log", permission: "audit:read" },
] as const satisfies readonly { key: string; label: string; permission: Permission }[];

export function canOpenAdmin(role: Role): boolean {
  return ADMIN_SECTIONS.some((s) => can(role, s.permission));
}

/** Sidebar entries and the permission each needs. */
export const NAV_ITEMS = [
  { href: "/queue", label: "Queue", permission: "opportunities:work" },
  { href: "/accounts", label: "Accounts", permission: "accounts:read" },
  { href: "/dashboard", label: "Dashboard", permission: "dashboard:view" },
] as const satisfies readonly { href: string; label: string; permission: Permission }[];

export function navFor(role: Role): { href: "/queue" | "/accounts" | "/dashboard" | "/admin"; label: string }[] {
  const items: { href: "/queue" | "/accounts" | "/dashboard" | "/admin"; label: string }[] = NAV_ITEMS.filter((item) => can(role, item.permission)).map(
    ({ href, label }) => ({ href, label }),
  );
  if (canOpenAdmin(role)) items.push({ href: "/admin", label: "Admin" });
  return items;
}

/** How a page describes the records in view ("Your accounts", "Your team's accounts", "All accounts"). */
export function scopeLabel(role: Role, noun: string): string {
  const scope = dataScope(role);
  return scope === "own" ? `Your ${noun}` : scope === "team" ? `Your team's ${noun}` : `All ${noun}`;
}

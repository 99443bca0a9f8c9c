import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Role -> permission table. Every page, data function and action asks `can(role, permission)`;
 * the row scope (own accounts / team / all) is applied separately in lib/data/scope.ts.
 */
export const PERMISSIONS = [
  "accounts:read",
  "opportunities:work",
  "opportunities:reassign",
  "queue:view-others",
  "dashboard:view",
  "catalog:read",
  "catalog:manage",
  "rules:review",
  "users:manage",
  "settings:manage",
  "scoring:run",
  "import:run",
  "audit:read",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const TABLE: Record<Role, readonly Permission[]> = {
  REP: ["accounts:read", "opportunities:work", "catalog:read"],
  MANAGER: [
    "accounts:read",
    "opportunities:work",
    "opportunities:reassign",
    "queue:view-others",
    "dashboard:view",
    "catalog:read",
    "audit:read",
  ],
  ADMIN: [...PERMISSIONS],
};

export function can(role: Role, permission: Permission): boolean {
  return TABLE[role].includes(permission);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return TABLE[role];
}

/** Sidebar entries and the permission each needs. */
export const NAV_ITEMS = [
  { href: "/queue", label: "Queue", permission: "opportunities:work" },
  { href: "/accounts", label: "Accounts", permission: "accounts:read" },
  { href: "/dashboard", label: "Dashboard", permission: "dashboard:view" },
  { href: "/admin", label: "Admin", permission: "catalog:manage" },
] as const satisfies readonly { href: string; label: string; permission: Permission }[];

export function navFor(role: Role) {
  return NAV_ITEMS.filter((item) => can(role, item.permission));
}

import { describe, expect, it } from "vitest";
import { can, navFor, PERMISSIONS, permissionsOf } from "@/lib/auth/permissions";

describe("permissions table", () => {
  it("gives reps only what working their own accounts needs", () => {
    expect(can("REP", "accounts:read")).toBe(true);
    expect(can("REP", "opportunities:work")).toBe(true);
    for (const p of ["opportunities:reassign", "queue:view-others", "dashboard:view", "catalog:manage", "users:manage", "settings:manage", "scoring:run", "import:run", "audit:read"] as const) {
      expect(can("REP", p), p).toBe(false);
    }
  });

  it("lets managers watch and reassign but not administer", () => {
    expect(can("MANAGER", "dashboard:view")).toBe(true);
    expect(can("MANAGER", "opportunities:reassign")).toBe(true);
    expect(can("MANAGER", "queue:view-others")).toBe(true);
    for (const p of ["catalog:manage", "users:manage", "settings:manage", "scoring:run", "import:run", "rules:review"] as const) {
      expect(can("MANAGER", p), p).toBe(false);
    }
  });

  it("gives admins every permission", () => {
    expect([...permissionsOf("ADMIN")].sort()).toEqual([...PERMISSIONS].sort());
  });

  it("builds the sidebar from the table", () => {
    expect(navFor("REP").map((i) => i.label)).toEqual(["Queue", "Accounts"]);
    expect(navFor("MANAGER").map((i) => i.label)).toEqual(["Queue", "Accounts", "Dashboard"]);
    expect(navFor("ADMIN").map((i) => i.label)).toEqual(["Queue", "Accounts", "Dashboard", "Admin"]);
  });
});

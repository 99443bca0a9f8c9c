import { describe, expect, it } from "vitest";
import { ADMIN_SECTIONS, can, canOpenAdmin, dataScope, navFor, PERMISSIONS, permissionsOf, rolesWith, scopeLabel } from "@/lib/auth/permissions";

describe("permissions table", () => {
  it("gives reps only what working their own accounts needs", () => {
    expect([...permissionsOf("REP")].sort()).toEqual(["accounts:read", "opportunities:assignable", "opportunities:work", "self:password"]);
    expect(dataScope("REP")).toBe("own");
    expect(canOpenAdmin("REP")).toBe(false);
  });

  it("lets managers watch and reassign within their team but not administer", () => {
    expect(can("MANAGER", "dashboard:view")).toBe(true);
    expect(can("MANAGER", "opportunities:reassign")).toBe(true);
    expect(can("MANAGER", "queue:view-others")).toBe(true);
    expect(dataScope("MANAGER")).toBe("team");
    for (const s of ADMIN_SECTIONS) expect(can("MANAGER", s.permission), s.permission).toBe(false);
    for (const p of ["pairs:write", "rules:review", "products:write"] as const) expect(can("MANAGER", p), p).toBe(false);
    expect(canOpenAdmin("MANAGER")).toBe(false);
  });

  it("gives admins every permission except owning accounts, over all records", () => {
    expect([...permissionsOf("ADMIN")].sort()).toEqual(PERMISSIONS.filter((p) => p !== "opportunities:assignable").sort());
    expect(dataScope("ADMIN")).toBe("all");
  });

  it("names the roles that may be assigned work", () => {
    expect(rolesWith("opportunities:assignable")).toEqual(["REP"]);
    expect(rolesWith("users:manage")).toEqual(["ADMIN"]);
  });

  it("builds the sidebar from the table", () => {
    expect(navFor("REP").map((i) => i.label)).toEqual(["Queue", "Accounts"]);
    expect(navFor("MANAGER").map((i) => i.label)).toEqual(["Queue", "Accounts", "Dashboard"]);
    expect(navFor("ADMIN").map((i) => i.label)).toEqual(["Queue", "Accounts", "Dashboard", "Admin"]);
  });

  it("describes the scope in words", () => {
    expect(scopeLabel("REP", "accounts")).toBe("Your accounts");
    expect(scopeLabel("MANAGER", "accounts")).toBe("Your team's accounts");
    expect(scopeLabel("ADMIN", "accounts")).toBe("All accounts");
  });
});

import { describe, expect, it } from "vitest";
import { accountHistorySchema, accountListSchema } from "@/lib/validations/accounts";
import { loginSchema } from "@/lib/validations/auth";

describe("loginSchema", () => {
  it("normalises the email", () => {
    expect(loginSchema.parse({ email: "  Ava@Example.com ", password: "x" }).email).toBe("ava@example.com");
  });

  it("names the field that is wrong", () => {
    const bad = loginSchema.safeParse({ email: "not-an-email", password: "" });
    expect(bad.success).toBe(false);
    const fields = bad.error!.issues.map((i) => i.path.join("."));
    expect(fields).toEqual(["email", "password"]);
    expect(bad.error!.issues[0].message).toBe("Enter a valid email address");
  });
});

describe("accountListSchema", () => {
  it("applies defaults", () => {
    expect(accountListSchema.parse({})).toEqual({ page: 1, pageSize: 25, sort: "name", dir: "asc", q: undefined, segment: undefined, owner: undefined, region: undefined });
  });

  it("accepts valid parameters", () => {
    const p = accountListSchema.parse({ page: "3", pageSize: "50", sort: "revenue", dir: "desc", q: " Harper ", region: "West" });
    expect(p).toMatchObject({ page: 3, pageSize: 50, sort: "revenue", dir: "desc", q: "Harper", region: "West" });
  });

  it("falls back to defaults for malformed values instead of failing the page", () => {
    const p = accountListSchema.parse({ page: "-4", pageSize: "1000", sort: "password", dir: "sideways", q: "x".repeat(500) });
    expect(p).toMatchObject({ page: 1, pageSize: 25, sort: "name", dir: "asc", q: undefined });
  });

  it("treats an empty search as no search", () => {
    expect(accountListSchema.parse({ q: "   " }).q).toBeUndefined();
  });
});

describe("accountHistorySchema", () => {
  it("parses the page and defaults bad values", () => {
    expect(accountHistorySchema.parse({ page: "2" }).page).toBe(2);
    expect(accountHistorySchema.parse({ page: "abc" }).page).toBe(1);
  });
});

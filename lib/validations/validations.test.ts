import { describe, expect, it } from "vitest";
import { accountHistorySchema, accountListSchema } from "@/lib/validations/accounts";
import { loginSchema } from "@/lib/validations/auth";
import { queueListSchema } from "@/lib/validations/queue";
import { reassignSchema } from "@/lib/validations/reassign";

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

describe("query strings with NUL or broken Unicode fall back to no filter", () => {
  it("drops a search term with NUL or a lone surrogate instead of querying with it", () => {
    expect(accountListSchema.parse({ q: "harp\u0000er" }).q).toBeUndefined();
    expect(accountListSchema.parse({ q: "harp\uD800" }).q).toBeUndefined();
    expect(queueListSchema.parse({ q: "harp\u0000er" }).q).toBeUndefined();
    expect(queueListSchema.parse({ q: "\uDFFF" }).q).toBeUndefined();
    expect(queueListSchema.parse({ q: "Zoë 😀" }).q).toBe("Zoë 😀");
  });

  it("keeps the other filters when one is junk", () => {
    expect(accountListSchema.parse({ q: "Harper", region: "We\u0000st", segment: "\uD800" })).toMatchObject({ q: "Harper", region: undefined, segment: undefined });
    expect(queueListSchema.parse({ category: "a\u0000", segment: "Loyal" })).toMatchObject({ category: undefined, segment: "Loyal" });
  });

  it("keeps LIKE wildcards as ordinary characters (the data layer matches them literally)", () => {
    expect(accountListSchema.parse({ q: "50%" }).q).toBe("50%");
    expect(queueListSchema.parse({ q: "_" }).q).toBe("_");
  });

  it("takes owner and rep only as record ids", () => {
    expect(accountListSchema.parse({ owner: "usr_ava" }).owner).toBe("usr_ava");
    expect(accountListSchema.parse({ owner: "\u00c0\u00ae\u00c0\u00ae" }).owner).toBeUndefined();
    expect(accountListSchema.parse({ owner: "" }).owner).toBeUndefined();
    expect(queueListSchema.parse({ rep: "usr_ben" }).rep).toBe("usr_ben");
    expect(queueListSchema.parse({ rep: "usr_ben\u0000" }).rep).toBeUndefined();
  });
});

describe("reassignSchema", () => {
  it("accepts record ids", () => {
    expect(reassignSchema.parse({ scope: "account", accountId: "acc_0000123", toUserId: "usr_ben" })).toEqual({ scope: "account", accountId: "acc_0000123", toUserId: "usr_ben" });
  });

  it("refuses malformed ids, naming the field", () => {
    const r = reassignSchema.safeParse({ scope: "opportunity", opportunityId: "a\u0000", toUserId: "../usr" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["opportunityId", "toUserId"]);
    expect(reassignSchema.safeParse({ scope: "account", accountId: "acc_1", toUserId: "" }).error!.issues[0].message).toBe("Choose a rep");
  });
});

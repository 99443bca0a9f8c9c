import { describe, expect, it } from "vitest";
import { canonicalString, GENESIS_HASH, hashRow, normalizeDetails, type ChainedContent } from "@/lib/audit/chain";

const row: ChainedContent = {
  seq: 1,
  prevHash: GENESIS_HASH,
  createdAt: new Date("2026-12-01T10:00:00.000Z"),
  userId: "u1",
  action: "account.view",
  entityType: "Account",
  entityId: "a1",
  // Keys deliberately out of order: the canonical form sorts them at every depth.
  details: { via: "call", opportunityId: "o1", nested: { b: 2, a: [1, "x"] } },
  ip: "203.0.113.7",
  userAgent: "Mozilla/5.0",
};

describe("canonical row content", () => {
  it("serialises a known row with sorted keys and hashes it (sha256 computed with sha256sum)", () => {
    const expected =
      '{"action":"account.view","createdAt":"2026-12-01T10:00:00.000Z","details":{"nested":{"a":[1,"x"],"b":2},"opportunityId":"o1","via":"call"},' +
      '"entityId":"a1","entityType":"Account","ip":"203.0.113.7","prevHash":"' + "0".repeat(64) + '","seq":1,"userAgent":"Mozilla/5.0","userId":"u1"}';
    expect(canonicalString(row)).toBe(expected);
    // printf '%s' "$expected" | sha256sum
    expect(hashRow(row)).toBe("9b7cc01057e48d6bc168ce7dc2f961760b8276643c6e2c621fe14c45b6e377f3");
  });

  it("writes absent fields as null (sha256 computed with sha256sum)", () => {
    const bare: ChainedContent = {
      seq: 2, prevHash: GENESIS_HASH, createdAt: new Date("2026-12-01T10:00:00.001Z"), userId: null, action: "auth.login_failed",
      entityType: "Email", entityId: null, details: null, ip: null, userAgent: null,
    };
    expect(hashRow(bare)).toBe("62810feaea2723250e73f6d9710358d6964ed3df47ec1913c4678246557bef4f");
  });

  it("hashes JSON the same whatever order a database returns its keys in", () => {
    const reordered = { ...row, details: { nested: { a: [1, "x"], b: 2 }, opportunityId: "o1", via: "call" } };
    expect(hashRow(reordered)).toBe(hashRow(row));
    // ...but the order inside arrays is content.
    expect(hashRow({ ...row, details: { ...(row.details as object), nested: { b: 2, a: ["x", 1] } } })).not.toBe(hashRow(row));
  });

  it("changes with every field, the link and the position", () => {
    const base = hashRow(row);
    const variants: Partial<ChainedContent>[] = [
      { seq: 2 }, { prevHash: "1".repeat(64) }, { createdAt: new Date("2026-12-01T10:00:00.001Z") }, { userId: "u2" }, { userId: null },
      { action: "account.viewed" }, { entityType: "Opportunity" }, { entityId: null }, { details: null }, { details: { via: "call" } },
      { ip: "203.0.113.8" }, { userAgent: "curl/8" },
    ];
    const hashes = variants.map((v) => hashRow({ ...row, ...v }));
    for (const h of hashes) expect(h).not.toBe(base);
    expect(new Set(hashes).size).toBe(variants.length);
  });

  it("normalises details as a JSON column stores them", () => {
    expect(normalizeDetails(undefined)).toBeNull();
    expect(normalizeDetails({ b: undefined, a: new Date("2026-01-02T03:04:05.006Z"), n: Number.NaN })).toEqual({ a: "2026-01-02T03:04:05.006Z", n: null });
    expect(JSON.stringify(normalizeDetails({ z: 1, a: { y: 1, b: 2 } }))).toBe('{"a":{"b":2,"y":1},"z":1}');
    // A lone surrogate is stored as U+FFFD, so it is hashed as one.
    expect(normalizeDetails({ s: "a\uD800b" })).toEqual({ s: "a\uFFFDb" });
    expect(hashRow({ ...row, userAgent: "x\uDC00" })).toBe(hashRow({ ...row, userAgent: "x\uFFFD" }));
  });
});

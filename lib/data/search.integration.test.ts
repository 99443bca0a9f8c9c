// Integration: the name search treats LIKE wildcards literally, on a real SQLite database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpportunities, createTestDatabase } from "@/lib/testing/test-db";
import { accountListSchema } from "@/lib/validations/accounts";
import { queueListSchema } from "@/lib/validations/queue";
import type { Actor } from "@/lib/auth/actor";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let accounts: typeof import("@/lib/data/accounts");
let queue: typeof import("@/lib/data/queue");
let search: typeof import("@/lib/data/search");
let ava: Actor, ben: Actor, admin: Actor;

// Names that contain the wildcard characters, and decoys that an unescaped LIKE would also match.
const NAMES = {
  percent: "Fifty 50% Off Ltd", // ava
  percentBen: "100% Organic Farms", // ben
  underscore: "snake_case Traders", // ava
  backslash: "Back\\slash & Co", // ava
  decoy50: "Fifty 500 Club", // ava: matches LIKE '%50%%' but does not contain "50%"
  decoySnake: "Snakescase Goods", // ava: matches LIKE '%e_c%' but does not contain "e_c"
} as const;
type Key = keyof typeof NAMES;
const ids = {} as Record<Key, string>;

const listParams = (q: string) => accountListSchema.parse({ q, pageSize: "100" });
const names = async (actor: Actor, q: string) => {
  const page = await accounts.listAccounts(actor, listParams(q));
  expect(page.total).toBe(page.rows.length); // everything on one page, so the comparison is complete
  return page.rows.map((r) => r.name).sort();
};

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 300 });
  accounts = await import("@/lib/data/accounts");
  queue = await import("@/lib/data/queue");
  search = await import("@/lib/data/search");
  ava = t.actor("ava@example.com");
  ben = t.actor("ben@example.com");
  admin = t.actor("admin@example.com");
  // Prisma's own `contains` escapes nothing: "%" and "_" match every name (what the seam fixes).
  expect(await t.db.account.count({ where: { OR: [{ name: { contains: "%" } }, { name: { contains: "_" } }] } })).toBe(300);
  const avas = await t.db.account.findMany({ where: { ownerId: ava.id, doNotContact: false }, select: { id: true }, orderBy: { id: "asc" }, take: 6 });
  const bens = await t.db.account.findFirstOrThrow({ where: { ownerId: ben.id }, select: { id: true } });
  const owners: Record<Key, string> = {
    percent: avas[0].id,
    percentBen: bens.id,
    underscore: avas[1].id,
    backslash: avas[2].id,
    decoy50: avas[3].id,
    decoySnake: avas[4].id,
  };
  for (const [key, id] of Object.entries(owners) as [Key, string][]) {
    ids[key] = id;
    await t.db.account.update({ where: { id }, data: { name: NAMES[key], searchName: NAMES[key].toLowerCase() } });
  }
  // The seed's own names must not contain the characters searched for below.
  const clash = await t.db.account.findMany({ where: { id: { notIn: Object.values(ids) } }, select: { name: true } });
  expect(clash.filter((a) => /[%_\\]|50%|e_c/.test(a.name))).toEqual([]);
});

afterAll(async () => t?.cleanup());

describe("account name search with LIKE wildcards", () => {
  it("`%` matches only names containing a percent sign", async () => {
    expect(await names(admin, "%")).toEqual([NAMES.percentBen, NAMES.percent].sort());
  });

  it("`_` matches only names containing an underscore", async () => {
    expect(await names(admin, "_")).toEqual([NAMES.underscore]);
  });

  it("`50%` matches the literal text, not every name with 50 in it", async () => {
    expect(await names(admin, "50%")).toEqual([NAMES.percent]);
    expect(await names(admin, "50")).toEqual([NAMES.percent, NAMES.decoy50].sort());
  });

  it("`e_c` (case-insensitive) matches the literal text, not any one character", async () => {
    expect(await names(admin, "E_C")).toEqual([NAMES.underscore]);
    expect(await names(admin, "escase")).toEqual([NAMES.decoySnake]);
  });

  it("a backslash is an ordinary character", async () => {
    expect(await names(admin, "k\\s")).toEqual([NAMES.backslash]);
    expect(await names(admin, "\\")).toEqual([NAMES.backslash]);
  });

  it("keeps the actor's scope", async () => {
    expect(await names(ava, "%")).toEqual([NAMES.percent]);
    expect(await names(ben, "%")).toEqual([NAMES.percentBen]);
  });

  it("an ordinary term still matches case-insensitively", async () => {
    expect(await names(admin, "fifty")).toEqual([NAMES.percent, NAMES.decoy50].sort());
  });
});

describe("queue search with LIKE wildcards", () => {
  it("matches the account name literally", async () => {
    const products = await t.db.product.findMany({ where: { active: true }, select: { id: true }, orderBy: { id: "asc" }, take: 1 });
    await createOpportunities(
      t.db,
      (["percent", "underscore", "decoy50", "decoySnake"] as const).map((k) => ({ accountId: ids[k], productId: products[0].id, assigneeId: ava.id })),
    );
    const accountNames = async (q: string) => (await queue.listQueue(ava, queueListSchema.parse({ q, pageSize: "100" }))).rows.map((r) => r.accountName).sort();
    expect(await accountNames("%")).toEqual([NAMES.percent]);
    expect(await accountNames("_")).toEqual([NAMES.underscore]);
    expect(await accountNames("50%")).toEqual([NAMES.percent]);
    expect(await accountNames("fifty")).toEqual([NAMES.percent, NAMES.decoy50].sort());
  });
});

describe("the PostgreSQL side of the seam", () => {
  it("escapes backslash, % and _ for LIKE's default escape character", () => {
    expect(search.escapeLike("50%")).toBe("50\\%");
    expect(search.escapeLike("a_b\\c%")).toBe("a\\_b\\\\c\\%");
    expect(search.escapeLike("plain")).toBe("plain");
  });

  it("builds an escaped `contains` filter when the database is not SQLite (no query is run)", async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgresql://user@localhost/crm";
    try {
      expect(await search.accountNameWhere("50%_X")).toEqual({ searchName: { contains: "50\\%\\_x" } });
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });

  it("on SQLite leaves ordinary terms as one LIKE", async () => {
    expect(await search.accountNameWhere("Fifty")).toEqual({ searchName: { contains: "fifty" } });
  });
});

// Integration: a literal-wildcard search that matches more names than Prisma's default bind limit (999).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import { accountListSchema } from "@/lib/validations/accounts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 1_500 });
  // More than 999 names get an underscore: 1,200 of the 1,500.
  const all = await t.db.account.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } });
  await t.db.$transaction(
    all.slice(0, 1_200).map((a) => t.db.account.update({ where: { id: a.id }, data: { name: `${a.name}_x`, searchName: `${a.name}_x`.toLowerCase() } })),
  );
});

afterAll(async () => t?.cleanup());

describe("literal search beyond 999 matches", () => {
  it("finds every one of 1,200 names containing `_` and none of the others", async () => {
    const { listAccounts } = await import("@/lib/data/accounts");
    const page = await listAccounts(t.actor("admin@example.com"), accountListSchema.parse({ q: "_", pageSize: "100" }));
    expect(page.total).toBe(1_200);
    expect(page.rows.every((r) => r.name.includes("_"))).toBe(true);
  });
});

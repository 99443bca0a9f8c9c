// On PostgreSQL (TEST_POSTGRES_URL): COPY writes of awkward values read back unchanged through pg.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyPostgresDatabase } from "@/lib/testing/test-db";
import { copyRows, openPool, pgDate, pgJson, pgText, type PgPool } from "./postgres-sql";
import { skipMessage, TEST_POSTGRES_URL } from "./postgres-test-helpers";

if (!TEST_POSTGRES_URL) console.warn(skipMessage("lib/scoring/postgres-sql.postgres.test.ts"));

describe.skipIf(!TEST_POSTGRES_URL)("COPY value formats on PostgreSQL", () => {
  let db: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  let pool: PgPool;

  beforeAll(async () => {
    db = await createEmptyPostgresDatabase("crm_copy");
    pool = openPool(db.url, 2);
    await pool.query(`CREATE TYPE "Kind" AS ENUM ('BASKET', 'SEQUENCE')`);
    await pool.query(`CREATE TABLE "T" ("n" INTEGER, "s" TEXT, "j" JSONB, "b" BOOLEAN, "f" DOUBLE PRECISION, "ts" TIMESTAMP(3), "k" "Kind")`);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it("round-trips text with tabs, newlines, backslashes, NUL and non-ASCII, JSON, booleans, floats, UTC timestamps and enums", async () => {
    const at = Date.UTC(2026, 5, 30, 23, 59, 59, 999);
    const rows = Array.from({ length: 30_000 }, (_, i) => ({
      n: i, s: i % 2 ? `tab\there\nline\\slash\0nul Zürich ✓ ${i}` : null, j: { text: "a\0b\\u0000", i, xs: [1.5, null] }, b: i % 3 === 0, f: i / 7, ts: at - i, k: i % 2 ? "BASKET" : "SEQUENCE",
    }));
    const client = await pool.connect();
    try {
      await copyRows(client, "T", ["n", "s", "j", "b", "f", "ts", "k"], rows, (r) => [r.n, r.s === null ? null : pgText(r.s), pgJson(r.j), r.b, r.f, pgDate(r.ts), r.k]);
    } finally {
      client.release();
    }
    const back = (await pool.query('SELECT "n", "s", "j", "b", "f", "ts", "k"::text AS "k" FROM "T" ORDER BY "n"')).rows;
    expect(back).toHaveLength(rows.length);
    for (const i of [0, 1, 2, 29_999]) {
      const r = rows[i];
      expect(back[i]).toEqual({ n: i, s: r.s === null ? null : r.s.replace("\0", ""), j: { text: "ab\\u0000", i, xs: [1.5, null] }, b: r.b, f: r.f, ts: new Date(r.ts), k: r.k });
    }
    expect(back.every((x, i) => x.f === rows[i].f)).toBe(true);
  });
});

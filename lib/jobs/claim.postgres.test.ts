// PostgreSQL only: a worker skips a job another worker is in the middle of claiming instead of waiting
// for it (FOR UPDATE SKIP LOCKED), and many concurrent claims take different jobs.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyPostgresDatabase, testPostgresAdminUrl } from "@/lib/testing/test-db";
import { createPrismaClient } from "@/lib/prisma-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { migratePostgres } from "@/scripts/pg-migrate";
import { createJobQueue } from "./queue";

const admin = testPostgresAdminUrl();

describe.skipIf(!admin)("claiming on PostgreSQL (needs TEST_POSTGRES_URL)", () => {
  let database: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  let db: PrismaClient;

  beforeAll(async () => {
    database = await createEmptyPostgresDatabase("crm_jobs");
    await migratePostgres(database.url);
    db = createPrismaClient(database.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("skips a row locked by another claimer instead of waiting for it", async () => {
    const q = createJobQueue(db, { provider: "postgresql" });
    const first = await q.enqueue("locked", { n: 1 });
    const second = await q.enqueue("locked", { n: 2 });
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(`SELECT "id" FROM "Job" WHERE "id" = $1 FOR UPDATE`, [first]);
      const started = performance.now();
      const claimed = await q.claim(["locked"], "w1");
      expect(claimed?.id).toBe(second);
      expect(performance.now() - started).toBeLessThan(2000);
      await other.query("ROLLBACK");
      expect((await q.claim(["locked"], "w2"))?.id).toBe(first);
      expect(await q.claim(["locked"], "w3")).toBeNull();
    } finally {
      await other.end();
    }
  });

  it("gives 60 jobs to 60 claims made at once from 3 instances, one each", async () => {
    const instances = [db, createPrismaClient(database.url), createPrismaClient(database.url)];
    try {
      const q = createJobQueue(db, { provider: "postgresql" });
      const ids: string[] = [];
      for (let i = 0; i < 60; i++) ids.push(await q.enqueue("burst", { i }));
      const claims = await Promise.all(
        Array.from({ length: 70 }, (_, i) => createJobQueue(instances[i % 3], { provider: "postgresql" }).claim(["burst"], `w${i}`)),
      );
      const got = claims.filter((c) => c !== null).map((c) => c!.id);
      expect(got.sort()).toEqual([...ids].sort());
      expect(claims.filter((c) => c === null)).toHaveLength(10);
    } finally {
      for (const c of instances.slice(1)) await c.$disconnect();
    }
  });
});

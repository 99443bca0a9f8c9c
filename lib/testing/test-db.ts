// A throw-away, migrated and seeded database for integration tests: a SQLite file by default, or a
// fresh PostgreSQL database when TEST_DATABASE=postgresql and TEST_POSTGRES_URL names a server (an admin
// connection, e.g. postgresql://postgres@127.0.0.1:5433/postgres; each test file creates and drops its own).
// Import this module first in a test file: it points DATABASE_URL at the new database.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { dataScope } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export type TestProvider = "sqlite" | "postgresql";

/** The database the integration tests run on (TEST_DATABASE, default sqlite). */
export function testProvider(): TestProvider {
  const p = process.env.TEST_DATABASE ?? "sqlite";
  if (p !== "sqlite" && p !== "postgresql") throw new Error(`TEST_DATABASE must be sqlite or postgresql, not ${p}`);
  if (p === "postgresql" && !process.env.TEST_POSTGRES_URL) throw new Error("TEST_DATABASE=postgresql needs TEST_POSTGRES_URL (an admin URL of a PostgreSQL server).");
  return p;
}

/** The admin URL of the PostgreSQL test server, or null when none is configured. */
export function testPostgresAdminUrl(): string | null {
  return process.env.TEST_POSTGRES_URL || null;
}

/** Creates an empty PostgreSQL database on the test server; returns its URL and a function that drops it. */
export async function createEmptyPostgresDatabase(prefix = "crm_test"): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = testPostgresAdminUrl();
  if (!admin) throw new Error("TEST_POSTGRES_URL is not set");
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export async function createTestDatabase(options: { accounts?: number; seed?: number; provider?: TestProvider } = {}) {
  const provider = options.provider ?? testProvider();
  let url: string;
  let removeDatabase: () => Promise<void>;
  if (provider === "postgresql") {
    const created = await createEmptyPostgresDatabase();
    url = created.url;
    removeDatabase = created.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-test-"));
    url = `file:${path.join(dir, "test.db")}`;
    removeDatabase = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  process.env.DATABASE_URL = url;
  const { migrateDatabase } = await import("@/scripts/lib-env");
  const { seedDatabase } = await import("@/prisma/seed/index");
  await migrateDatabase(url);
  await seedDatabase({ url, accounts: options.accounts ?? 200, seed: options.seed ?? 11, reset: false, verify: false });
  const db: PrismaClient = (await import("@/lib/db")).db;
  const users = await db.user.findMany({ select: { id: true, email: true, name: true, role: true, teamId: true } });
  // As getActor builds it: team-scoped roles carry their team's member ids.
  const actor = (email: string): Actor => {
    const u = users.find((x) => x.email === email);
    if (!u) throw new Error(`seed has no ${email}`);
    return dataScope(u.role) === "team" ? { ...u, teamMemberIds: users.filter((x) => x.teamId === u.teamId).map((x) => x.id) } : u;
  };
  return {
    db,
    url,
    provider,
    actor,
    async cleanup() {
      await db.$disconnect();
      await removeDatabase();
    },
  };
}
/** Adds one opportunity per (account, product) given to the active scoring run (created when there is none). */
export async function createOpportunities(
  db: PrismaClient,
  items: { accountId: string; productId: string; assigneeId: string; expectedValue?: number; holdout?: boolean; channel?: "CALL" | "EMAIL" }[],
) {
  const run =
    (await db.scoringRun.findFirst({ where: { active: true } })) ??
    (await db.scoringRun.create({ data: { status: "COMPLETED", active: true, parameters: {}, finishedAt: new Date() } }));
  const created = [];
  for (const [i, it] of items.entries()) {
    created.push(
      await db.opportunity.create({
        data: {
          runId: run.id,
          accountId: it.accountId,
          productId: it.productId,
          assigneeId: it.assigneeId,
          probability: 0.2,
          expectedValue: it.expectedValue ?? 100 - i,
          reason: { kind: "test" },
          reasonText: "test opportunity",
          rank: 1,
          holdout: it.holdout ?? false,
          channel: it.channel ?? "CALL",
        },
      }),
    );
  }
  return { run, opportunities: created };
}

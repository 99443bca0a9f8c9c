// A throw-away, migrated and seeded SQLite database for integration tests.
// Import this module first in a test file: it points DATABASE_URL at the new file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dataScope } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function createTestDatabase(options: { accounts?: number; seed?: number } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  process.env.DATABASE_URL = url;
  const { migrate } = await import("@/scripts/lib-env");
  const { seedDatabase } = await import("@/prisma/seed/index");
  migrate(url);
  await seedDatabase({ url, accounts: options.accounts ?? 200, seed: options.seed ?? 11, reset: false, verify: false });
  const db: PrismaClient = (await import("@/lib/db")).db;
  const users = await db.user.findMany({ select: { id: true, email: true, name: true, role: true, teamId: true } });
  // As getActor builds it: managers carry their team's member ids.
  const actor = (email: string): Actor => {
    const u = users.find((x) => x.email === email);
    if (!u) throw new Error(`seed has no ${email}`);
    return dataScope(u.role) === "team" ? { ...u, teamMemberIds: users.filter((x) => x.teamId === u.teamId).map((x) => x.id) } : u;
  };
  return {
    db,
    url,
    actor,
    async cleanup() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Adds one opportunity per (account, product) given to the active scoring run (created when there is none). */
export async function createOpportunities(
  db: PrismaClient,
  items: { accountId: string; productId: string; assigneeId: string; expectedValue?: number; holdout?: boolean }[],
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
        },
      }),
    );
  }
  return { run, opportunities: created };
}

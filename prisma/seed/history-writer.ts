// Writes the demo history (history.ts) through Prisma, which speaks both databases, then brings the
// accounts' totals in step with the added orders and builds the dashboard facts.
import { refreshDashboardFacts } from "../../lib/dashboard/refresh";
import { databaseProvider, sqliteFilePath } from "../../lib/db-url";
import { createPrismaClient } from "../../lib/prisma-client";
import { generateHistory, type HistoryBase, type HistoryOptions, type HistoryTables } from "./history";
import { openDatabase, sqliteDate } from "./sqlite-writer";

const CHUNK = 500;

export async function writeHistory(url: string, base: HistoryBase, options: HistoryOptions): Promise<HistoryTables> {
  const history = generateHistory(base, options);
  if (databaseProvider(url) === "sqlite") writeSqlite(sqliteFilePath(url)!, history);
  const db = createPrismaClient(url);
  try {
    if (databaseProvider(url) !== "sqlite") await db.$transaction(
      async (tx) => {
        await tx.scoringRun.createMany({ data: history.runs.map((r) => ({ ...r, parameters: r.parameters as object, counts: r.counts as object })) });
        for (let i = 0; i < history.opportunities.length; i += CHUNK) {
          await tx.opportunity.createMany({ data: history.opportunities.slice(i, i + CHUNK).map((o) => ({ ...o, reason: o.reason as object })) });
        }
        for (let i = 0; i < history.orders.length; i += CHUNK) await tx.order.createMany({ data: history.orders.slice(i, i + CHUNK) });
        for (let i = 0; i < history.orderLines.length; i += CHUNK) await tx.orderLine.createMany({ data: history.orderLines.slice(i, i + CHUNK) });
        for (let i = 0; i < history.activities.length; i += CHUNK) await tx.activity.createMany({ data: history.activities.slice(i, i + CHUNK) });
        const totals = new Map<string, { n: number; cents: number; last: Date }>();
        for (const o of history.orders) {
          const t = totals.get(o.accountId) ?? { n: 0, cents: 0, last: o.orderedAt };
          t.n++;
          t.cents += o.totalCents;
          if (o.orderedAt > t.last) t.last = o.orderedAt;
          totals.set(o.accountId, t);
        }
        for (const [id, t] of totals) {
          const a = await tx.account.findUniqueOrThrow({ where: { id }, select: { lastOrderAt: true } });
          await tx.account.update({
            where: { id },
            data: { orderCount: { increment: t.n }, revenueCents: { increment: t.cents }, lastOrderAt: a.lastOrderAt && a.lastOrderAt > t.last ? a.lastOrderAt : t.last },
          });
        }
      },
      { timeout: 600_000, maxWait: 60_000 },
    );
    await refreshDashboardFacts(db);
  } finally {
    await db.$disconnect();
  }
  return history;
}

const cell = (v: unknown) => (v instanceof Date ? sqliteDate(v) : typeof v === "boolean" ? (v ? 1 : 0) : v !== null && typeof v === "object" ? JSON.stringify(v) : v);

/** SQLite: prepared inserts in one transaction, as the seed writer does (Prisma's createMany is ~20x slower here). */
function writeSqlite(file: string, h: HistoryTables): void {
  const db = openDatabase(file);
  try {
    const insert = (table: string, rows: readonly object[]) => {
      if (rows.length === 0) return;
      const cols = Object.keys(rows[0]);
      const stmt = db.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`);
      for (const r of rows) stmt.run(...cols.map((c) => cell((r as Record<string, unknown>)[c])));
    };
    const totals = db.prepare(
      `UPDATE "Account" SET "orderCount" = "orderCount" + 1, "revenueCents" = "revenueCents" + ?,
        "lastOrderAt" = CASE WHEN "lastOrderAt" IS NULL OR "lastOrderAt" < ? THEN ? ELSE "lastOrderAt" END WHERE "id" = ?`,
    );
    db.transaction(() => {
      insert("ScoringRun", h.runs);
      insert("Opportunity", h.opportunities);
      insert("Order", h.orders);
      insert("OrderLine", h.orderLines);
      insert("Activity", h.activities);
      for (const o of h.orders) totals.run(o.totalCents, sqliteDate(o.orderedAt), sqliteDate(o.orderedAt), o.accountId);
    })();
  } finally {
    db.close();
  }
}

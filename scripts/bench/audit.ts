// `npx tsx scripts/bench/audit.ts`: the audit log's keyset paging at a million rows. Builds a throw-away
// database (default file:./data/bench-audit.db, or BENCH_AUDIT_URL, e.g. a PostgreSQL database of its own),
// migrates it, seeds the demo users, inserts BENCH_AUDIT_ROWS (1,000,000) audit rows spread over a year,
// then times the app's own listAudit for each filter the page offers. Prints medians; asserts nothing.
import "./activation-server-only";
import fs from "node:fs";
import path from "node:path";
import { databaseProvider, sqliteFilePath } from "../../lib/db-url";
import { percentile } from "./http";
import type { AuditFilter } from "../../lib/validations/audit";

const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
const URL = process.env.BENCH_AUDIT_URL ?? "file:./data/bench-audit.db";
const RUNS = 30;
const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 30);
// A realistic mix: views and sign-ins dominate, admin changes are rare.
const ACTIONS: [string, string, number][] = [
  ["account.view", "Account", 55], ["auth.login", "User", 12], ["opportunity.outcome", "Opportunity", 18], ["opportunity.snooze", "Opportunity", 5],
  ["access.denied", "Page", 4], ["auth.login_failed", "Email", 3], ["account.reassign", "Account", 1.5], ["user.access_change", "User", 0.8],
  ["settings.update", "Setting", 0.5], ["pair.update", "ProductPair", 0.2],
];

async function insertSqlite(file: string, users: string[]): Promise<void> {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const insert = db.prepare(
    `INSERT INTO "AuditLog" ("id", "userId", "action", "entityType", "entityId", "details", "ip", "userAgent", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const total = ACTIONS.reduce((n, a) => n + a[2], 0);
  let rnd = 42;
  const next = () => ((rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      let pick = next() * total;
      const [action, entity] = ACTIONS.find((a) => (pick -= a[2]) <= 0) ?? ACTIONS[0];
      // Evenly over 365 days, oldest first, so ids and times grow together as in the app.
      const at = new Date(END - 365 * DAY + Math.floor((i / ROWS) * 365 * DAY));
      const details = action.includes("change") || action === "settings.update" ? JSON.stringify({ before: { v: i }, after: { v: i + 1 } }) : null;
      insert.run(`bench${i.toString(36).padStart(8, "0")}`, users[i % users.length], action, entity, `e${i % 50_000}`, details, "10.0.0.1", "bench", at.toISOString());
    }
  });
  for (let i = 0; i < ROWS; i += 50_000) batch(i, Math.min(ROWS, i + 50_000));
  db.pragma("optimize");
  db.close();
}

async function insertPostgres(url: string, users: string[]): Promise<void> {
  const { default: pg } = await import("pg");
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // The same distribution as the SQLite path, generated inside the database.
    const cases = ACTIONS.map(([a, e], k) => `WHEN ${k} THEN '${a}|${e}'`).join(" ");
    const weights = ACTIONS.map((a) => a[2]);
    const bounds = weights.map((_, k) => weights.slice(0, k + 1).reduce((x, y) => x + y, 0) / weights.reduce((x, y) => x + y, 0));
    const pickK = bounds.map((b, k) => `WHEN r < ${b} THEN ${k}`).join(" ");
    await c.query(
      `INSERT INTO "AuditLog" ("id", "userId", "action", "entityType", "entityId", "details", "ip", "userAgent", "createdAt")
       SELECT 'bench' || lpad(to_hex(i), 8, '0'), ($1::text[])[1 + i % $2], split_part(ae, '|', 1), split_part(ae, '|', 2), 'e' || (i % 50000),
              CASE WHEN ae LIKE '%change%' OR ae LIKE 'settings%' THEN jsonb_build_object('before', jsonb_build_object('v', i), 'after', jsonb_build_object('v', i + 1)) END,
              '10.0.0.1', 'bench', to_timestamp(($3::bigint - 31536000000::bigint + floor(i::float8 / $4 * 31536000000.0)::bigint)::float8 / 1000)
       FROM (SELECT i, CASE k ${cases} END AS ae FROM (SELECT i, CASE ${pickK} ELSE 0 END AS k FROM (SELECT i, random() AS r FROM generate_series(0, $4 - 1) i) x) y) z`,
      [users, users.length, END, ROWS],
    );
    await c.query(`ANALYZE "AuditLog"`);
  } finally {
    await c.end();
  }
}

export async function main(): Promise<void> {
  process.env.DATABASE_URL = URL;
  const provider = databaseProvider(URL);
  const file = sqliteFilePath(URL);
  const { migrateDatabase, resetDatabase } = await import("../lib-env");
  const { seedDatabase } = await import("../../prisma/seed/index");
  await resetDatabase(URL);
  if (file) for (const f of [`${file}-wal`, `${file}-shm`]) fs.rmSync(path.resolve(f), { force: true });
  await migrateDatabase(URL);
  await seedDatabase({ url: URL, accounts: 20, seed: 1, reset: false, verify: false });
  const { db } = await import("../../lib/db");
  const { listAudit } = await import("../../lib/data/audit");
  const users = (await db.user.findMany({ orderBy: { email: "asc" }, select: { id: true } })).map((u) => u.id);
  const started = performance.now();
  if (provider === "postgresql") await insertPostgres(URL, users);
  else await insertSqlite(path.resolve(file!), users);
  const count = await db.auditLog.count();
  console.log(`audit bench on ${provider}: ${count.toLocaleString("en-US")} rows (inserted in ${((performance.now() - started) / 1000).toFixed(1)} s)`);

  const adminRow = await db.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
  const admin = { id: adminRow.id, email: adminRow.email, name: adminRow.name, role: adminRow.role, teamId: adminRow.teamId };
  const middle = await db.auditLog.findFirstOrThrow({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: Math.floor(count / 2), select: { id: true, createdAt: true } });
  const cursor = `${middle.createdAt.toISOString()}_${middle.id}`;
  const none: AuditFilter = { actor: undefined, action: undefined, entity: undefined, entityId: undefined, from: undefined, to: undefined, after: undefined, before: undefined };
  const scenarios: [string, AuditFilter][] = [
    ["first page, no filter", none],
    ["page in the middle (keyset cursor at row 500,000)", { ...none, after: cursor }],
    ["newer page from the middle", { ...none, before: cursor }],
    ["actor (1 of 11 users)", { ...none, actor: users[3] }],
    ["rare action (pair.update, 0.2%)", { ...none, action: "pair.update" }],
    ["entity type (Setting)", { ...none, entity: "Setting" }],
    ["entity and id", { ...none, entity: "Account", entityId: "e123" }],
    ["a week in the middle", { ...none, from: "2026-06-01", to: "2026-06-07" }],
    ["rare action in a month", { ...none, action: "settings.update", from: "2026-03-01", to: "2026-03-31" }],
    ["actor and a common action", { ...none, actor: users[3], action: "account.view" }],
  ];
  console.log(`listAudit, 50 rows a page, ${RUNS} runs after 3 warm-ups (ms):`);
  for (const [name, filter] of scenarios) {
    const f = filter;
    for (let i = 0; i < 3; i++) await listAudit(admin, f);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      rows = (await listAudit(admin, f)).rows.length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`  ${name.padEnd(52)} p50 ${percentile(times, 50).toFixed(1).padStart(7)}  p95 ${percentile(times, 95).toFixed(1).padStart(7)}  (${rows} rows)`);
  }
  await db.$disconnect();
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

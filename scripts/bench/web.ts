// Web benchmark: seed time for the 100k-account data set, then server response times of the
// accounts list and account detail pages under `next start` (p50/p95 over 50 sequential requests).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { seedDatabase } from "../../prisma/seed/index";
import { buildNext, migrateDatabase, resetDatabase, ROOT } from "../lib-env";
import { scoreIfNeeded } from "../db-setup";
import { percentile, Session, timeRequests, waitForServer } from "./http";
import { benchAccountCount, openBenchDb } from "./bench-db";
import { benchWorkspace } from "./workspace";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const URL = process.env.BENCH_DATABASE_URL ?? `file:./data/bench-${ACCOUNTS}.db`;
const PORT = process.env.BENCH_PORT ?? "3200";
const BASE = `http://localhost:${PORT}`;
const N = 50;

function line(label: string, times: number[]): string {
  return `${label.padEnd(44)} p50 ${percentile(times, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(7)} ms`;
}

export async function main(): Promise<void> {
  console.log(`\n== Web benchmark (${ACCOUNTS.toLocaleString("en-US")} accounts, ${URL}) ==`);
  if ((await benchAccountCount(URL)) !== ACCOUNTS || process.env.BENCH_RESEED === "1") {
    await resetDatabase(URL);
    await migrateDatabase(URL);
    const t = performance.now();
    await seedDatabase({ url: URL, accounts: ACCOUNTS, reset: false });
    console.log(`seed (${ACCOUNTS.toLocaleString("en-US")} accounts): ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } else {
    console.log("seed: reusing the existing benchmark database (BENCH_RESEED=1 to time a fresh seed)");
  }
  await migrateDatabase(URL);
  await scoreIfNeeded(URL);
  const db = await openBenchDb(URL);
  const counts = (await db.get<{ a: number; l: number }>('SELECT (SELECT COUNT(*) FROM "Account") AS a, (SELECT COUNT(*) FROM "OrderLine") AS l'))!;
  console.log(`data: ${counts.a.toLocaleString("en-US")} accounts, ${counts.l.toLocaleString("en-US")} order lines`);

  const env = { ...process.env, DATABASE_URL: URL, NEXTAUTH_SECRET: "bench-secret", NEXTAUTH_URL: BASE, NEXT_TELEMETRY_DISABLED: "1" };
  const next = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")) || process.env.BENCH_BUILD === "1") buildNext(env);
  const server: ChildProcess = spawn(process.execPath, [next, "start", "-p", PORT], { env, cwd: ROOT, stdio: "ignore" });
  try {
    await waitForServer(BASE);
    const roles = [
      { label: "rep (own accounts)", email: "ava@example.com" },
      { label: "manager (team)", email: "nina.manager@example.com" },
      { label: "admin (all accounts)", email: "admin@example.com" },
    ];
    for (const role of roles) {
      const s = new Session(BASE);
      await s.signIn(role.email, "crosssell-demo");
      const user = (await db.get<{ id: string; role: string; teamId: string | null }>('SELECT "id", "role", "teamId" FROM "User" WHERE "email" = ?', role.email))!;
      const scope =
        user.role === "REP" ? `WHERE "ownerId" = '${user.id}'` : user.role === "MANAGER" ? `WHERE "ownerId" IN (SELECT id FROM "User" WHERE "teamId" = '${user.teamId}')` : "";
      const ids = (await db.all<{ id: string }>(`SELECT "id" FROM "Account" ${scope} ORDER BY "id" LIMIT 2000`)).map((r) => r.id);
      const pick = (i: number) => ids[(i * 37) % ids.length];

      const list = await timeRequests(N, 5, (i) => s.get(`/accounts?page=${1 + ((i * 13) % 40)}`));
      console.log(line(`accounts list, ${role.label}`, list));
      const sorted = await timeRequests(N, 3, (i) => s.get(`/accounts?sort=revenue&dir=desc&page=${1 + (i % 20)}`));
      console.log(line(`accounts list by revenue, ${role.label}`, sorted));
      const search = await timeRequests(N, 3, (i) => s.get(`/accounts?q=${["smith", "an", "tech", "lee", "mar"][i % 5]}`));
      console.log(line(`accounts search, ${role.label}`, search));
      const detail = await timeRequests(N, 5, (i) => s.get(`/accounts/${pick(i)}`));
      console.log(line(`account detail, ${role.label}`, detail));
      if (user.role !== "REP") console.log(line(`dashboard, ${role.label}`, await timeRequests(20, 2, () => s.get("/dashboard"))));
    }
    await benchWorkspace(BASE, db, "crosssell-demo");
  } finally {
    server.kill("SIGTERM");
    await db.close();
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

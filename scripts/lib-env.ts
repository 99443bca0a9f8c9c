// Shared set-up helpers for the command-line entry points (demo, e2e server, benchmarks).
import { spawn, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseProvider, databaseUrl, sqliteFilePath } from "../lib/db-url";
import { migratePostgres } from "./pg-migrate";

export const ROOT = path.resolve(__dirname, "..");

export function run(cmd: string, args: string[], options: SpawnSyncOptions = {}): void {
  const result = spawnSync(cmd, args, { stdio: "inherit", cwd: ROOT, ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed with exit code ${result.status ?? result.signal}`);
  }
}

/** NEXTAUTH_SECRET from the environment, else one generated once and kept in data/.nextauth-secret. */
export function ensureAuthSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(ROOT, "data", ".nextauth-secret");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.log(`Created a session secret in ${path.relative(ROOT, file)} (set NEXTAUTH_SECRET to use your own).`);
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** SQLite: applies committed migrations, then switches to WAL so readers never block the writer. */
export function migrate(url: string = databaseUrl()): void {
  if (databaseProvider(url) !== "sqlite") throw new Error("migrate() is for SQLite; use migrateDatabase() for any database.");
  const file = sqliteFilePath(url);
  if (file) fs.mkdirSync(path.dirname(path.resolve(ROOT, file)), { recursive: true });
  run(process.execPath, [path.join(ROOT, "scripts", "prisma.mjs"), "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (file) {
    const db = new Database(path.resolve(ROOT, file));
    db.pragma("journal_mode = WAL");
    db.close();
  }
}

/** Applies the committed migrations of the database DATABASE_URL names: SQLite through Prisma, PostgreSQL through scripts/pg-migrate.ts. */
export async function migrateDatabase(url: string = databaseUrl()): Promise<void> {
  if (databaseProvider(url) === "postgresql") {
    await migratePostgres(url);
    return;
  }
  migrate(url);
}

/** An empty database for a throw-away run: the SQLite file removed, or the PostgreSQL schema dropped and recreated. */
export async function resetDatabase(url: string): Promise<void> {
  if (databaseProvider(url) === "sqlite") return removeSqliteDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS public CASCADE");
    await client.query("CREATE SCHEMA public");
  } finally {
    await client.end();
  }
}

export function removeSqliteDatabase(url: string): void {
  const file = sqliteFilePath(url);
  if (!file) throw new Error("Only a SQLite test database can be removed automatically.");
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(path.resolve(ROOT, file + suffix), { force: true });
}

const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

export function buildNext(env: NodeJS.ProcessEnv): void {
  run(process.execPath, [NEXT_BIN, "build"], { env });
}

/** Runs `next start` in the foreground of this process: signals are passed on, its exit code is ours. */
export function serveNext(env: NodeJS.ProcessEnv, port: string): void {
  const server = spawn(process.execPath, [NEXT_BIN, "start", "-p", port], { stdio: "inherit", env, cwd: ROOT });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

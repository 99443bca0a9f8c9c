// The benchmarks' own reads (counts, ids to request, checks after a load test) on either database: `?`
// placeholders, portable SQL (TRUE/FALSE for booleans); counts come back as numbers on both.
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseProvider, sqliteFilePath } from "../../lib/db-url";
import { ROOT } from "../lib-env";

export interface BenchDb {
  all<T>(sql: string, ...args: unknown[]): Promise<T[]>;
  get<T>(sql: string, ...args: unknown[]): Promise<T | undefined>;
  close(): Promise<void>;
}

const numeric = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" && /^\d+$/.test(v) && /^(n|k|a|l|count)$/.test(k) ? Number(v) : v]));

export async function openBenchDb(url: string): Promise<BenchDb> {
  if (databaseProvider(url) === "postgresql") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const toPg = (sql: string) => {
      let i = 0;
      return sql.replace(/\?/g, () => `$${++i}`);
    };
    const all = async <T>(sql: string, ...args: unknown[]) => (await client.query(toPg(sql), args)).rows.map(numeric) as T[];
    return { all, get: async <T>(sql: string, ...args: unknown[]) => (await all<T>(sql, ...args))[0], close: () => client.end() };
  }
  const db = new Database(path.resolve(ROOT, sqliteFilePath(url)!), { readonly: true });
  return {
    all: async <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[],
    get: async <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T | undefined,
    close: async () => void db.close(),
  };
}

/** Accounts in the database, 0 when it does not exist or has no schema yet. */
export async function benchAccountCount(url: string): Promise<number> {
  try {
    const db = await openBenchDb(url);
    try {
      return Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM "Account"'))?.n ?? 0);
    } finally {
      await db.close();
    }
  } catch {
    return 0;
  }
}

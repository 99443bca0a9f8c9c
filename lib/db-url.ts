// Where the database lives. Shared by the app, the seed and the CLI scripts.
export const DEFAULT_DATABASE_URL = "file:./data/crm.db";

export type DatabaseProvider = "sqlite" | "postgresql";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** File path of a SQLite URL ("file:./data/crm.db" -> "./data/crm.db"), or null for other databases. */
export function sqliteFilePath(url: string = databaseUrl()): string | null {
  if (url.startsWith("file:")) return url.slice("file:".length);
  return null;
}

export function isPostgresUrl(url: string = databaseUrl()): boolean {
  return url.startsWith("postgresql://") || url.startsWith("postgres://");
}

/** Which database a URL names: `file:` is SQLite, `postgres(ql)://` PostgreSQL; anything else is refused. */
export function databaseProvider(url: string = databaseUrl()): DatabaseProvider {
  if (sqliteFilePath(url) !== null) return "sqlite";
  if (isPostgresUrl(url)) return "postgresql";
  throw new Error(`DATABASE_URL "${url.split(":")[0]}:..." is not supported: use file:./path/to/db for SQLite or postgresql://user:pass@host:5432/db for PostgreSQL.`);
}

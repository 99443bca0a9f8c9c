// Where the database lives. Shared by the app, the seed and the CLI scripts.
export const DEFAULT_DATABASE_URL = "file:./data/crm.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** File path of a SQLite URL ("file:./data/crm.db" -> "./data/crm.db"), or null for other databases. */
export function sqliteFilePath(url: string = databaseUrl()): string | null {
  if (url.startsWith("file:")) return url.slice("file:".length);
  return null;
}

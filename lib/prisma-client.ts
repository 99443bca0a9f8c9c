import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, sqliteFilePath } from "@/lib/db-url";

/**
 * Builds a Prisma client with the driver adapter that DATABASE_URL calls for.
 * Only lib/db.ts (the app's single client) and command-line scripts call this.
 */
export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  const file = sqliteFilePath(url);
  if (file === null) {
    throw new Error(
      `DATABASE_URL "${url.split(":")[0]}:..." is not supported by this build: only SQLite file URLs (file:...) are wired in.`,
    );
  }
  // timeout = SQLite busy timeout: concurrent writers wait for the lock instead of failing.
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 10_000 }) });
}

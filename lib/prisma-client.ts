import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, sqliteFilePath } from "@/lib/db-url";

/**
 * Builds a Prisma client with the driver adapter that DATABASE_URL calls for.
 * Only lib/db.ts (the app's single client) and command-line scripts call this.
 */
/** Host parameters one SQLite statement may bind with the bundled better-sqlite3 build. */
export const SQLITE_MAX_BIND_VALUES = 32_766;

export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  const file = sqliteFilePath(url);
  if (file === null) {
    throw new Error(
      `DATABASE_URL "${url.split(":")[0]}:..." is not supported by this build: only SQLite file URLs (file:...) are wired in.`,
    );
  }
  // timeout = SQLite busy timeout: concurrent writers wait for the lock instead of failing.
  const factory = new PrismaBetterSQLite3({ url: file, timeout: 10_000 });
  // The adapter does not report SQLite's bind limit, so Prisma assumes 999 values per statement; the
  // bundled SQLite takes 32,766 (SQLITE_MAX_VARIABLE_NUMBER since 3.32), which long `IN (...)` lists need.
  const connect = factory.connect.bind(factory);
  factory.connect = async () => Object.assign(await connect(), { getConnectionInfo: () => ({ maxBindValues: SQLITE_MAX_BIND_VALUES, supportsRelationJoins: false }) });
  return new PrismaClient({ adapter: factory });
}

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client";
import { databaseProvider, databaseUrl, sqliteFilePath } from "@/lib/db-url";

/** Host parameters one SQLite statement may bind with the bundled better-sqlite3 build. */
export const SQLITE_MAX_BIND_VALUES = 32_766;

/**
 * Builds a Prisma client with the driver adapter that DATABASE_URL calls for: SQLite (`file:`) through
 * better-sqlite3, PostgreSQL (`postgresql://`) through node-postgres. Both clients are generated from the
 * one schema (scripts/prisma.mjs) and have the same API; the app is typed against the SQLite one.
 * Only lib/db.ts (the app's single client) and command-line scripts call this.
 */
export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  if (databaseProvider(url) === "postgresql") {
    // One pool per process; PG_POOL_SIZE bounds connections per app instance.
    const max = Number(process.env.PG_POOL_SIZE) || 10;
    return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) }) as unknown as PrismaClient;
  }
  // timeout = SQLite busy timeout: concurrent writers wait for the lock instead of failing.
  const factory = new PrismaBetterSQLite3({ url: sqliteFilePath(url)!, timeout: 10_000 });
  // The adapter does not report SQLite's bind limit, so Prisma assumes 999 values per statement; the
  // bundled SQLite takes 32,766 (SQLITE_MAX_VARIABLE_NUMBER since 3.32), which long `IN (...)` lists need.
  const connect = factory.connect.bind(factory);
  factory.connect = async () => Object.assign(await connect(), { getConnectionInfo: () => ({ maxBindValues: SQLITE_MAX_BIND_VALUES, supportsRelationJoins: false }) });
  return new PrismaClient({ adapter: factory });
}

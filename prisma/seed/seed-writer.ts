// The seam between the generator and a database: one implementation per provider
// (sqlite-writer.ts, postgres-writer.ts), picked from the URL. Everything is async so that a
// network driver (pg) can implement it; the SQLite one wraps synchronous better-sqlite3 calls.
import { databaseProvider, sqliteFilePath } from "../../lib/db-url";
import type { SeedTables } from "./types";

/** Tables in foreign-key order, parents first. */
export const DATA_TABLES = [
  "Team", "User", "Account", "Product", "Order", "OrderLine", "ProductPair", "ScoringRun", "MinedRule",
  "AccountMetrics", "Opportunity", "Activity", "Setting", "AuditLog", "ImportedReturn", "ImportRun",
] as const;
export type DataTable = (typeof DATA_TABLES)[number];

/** The tables the seed fills, with the SeedData field that holds their rows. */
export const SEEDED_TABLES = {
  Team: "teams", User: "users", Product: "products", ProductPair: "productPairs", Account: "accounts",
  Order: "orders", OrderLine: "orderLines", Setting: "settings",
} as const satisfies Partial<Record<DataTable, keyof SeedTables>>;
export type SeededTable = keyof typeof SEEDED_TABLES;

/** Called after each load phase with its duration, for benchmarks and --verbose. */
export type PhaseReporter = (phase: string, ms: number) => void;

export interface SeedWriter {
  readonly provider: "sqlite" | "postgresql";
  /** Data tables the migrations should have created but that are absent. */
  missingTables(): Promise<string[]>;
  /** True when no user exists yet: the database has never been seeded. */
  isEmpty(): Promise<boolean>;
  /** Deletes every row of the data tables, restarts the audit chain and forgets login failures. */
  clear(): Promise<void>;
  /** Loads all rows in one transaction: on failure nothing is left behind. */
  write(data: SeedTables, report?: PhaseReporter): Promise<void>;
  /** Row counts of the seeded tables, read back from the database. */
  countRows(): Promise<Record<SeededTable, number>>;
  close(): Promise<void>;
}

export class MigrationsMissingError extends Error {
  constructor(what: string) {
    super(`${what}: run npm run db:migrate first`);
    this.name = "MigrationsMissingError";
  }
}

/** A value PostgreSQL would refuse (NUL in text or JSON); names the row and column so the generator bug can be found. */
export class SeedValueError extends Error {
  constructor(
    readonly table: string,
    readonly column: string,
    readonly rowId: string,
    reason: string,
  ) {
    super(`seed data ${table}.${column} (row ${rowId}): ${reason}`);
    this.name = "SeedValueError";
  }
}

export async function openSeedWriter(url: string): Promise<SeedWriter> {
  const provider = databaseProvider(url);
  if (provider === "sqlite") {
    const { SqliteSeedWriter } = await import("./sqlite-writer");
    return SqliteSeedWriter.open(sqliteFilePath(url) as string);
  }
  const { PostgresSeedWriter } = await import("./postgres-writer");
  return PostgresSeedWriter.open(url);
}

/** The number of rows the seed wrote into each table. */
export function expectedCounts(data: SeedTables): Record<SeededTable, number> {
  const counts = {} as Record<SeededTable, number>;
  for (const [table, field] of Object.entries(SEEDED_TABLES) as [SeededTable, keyof SeedTables][]) counts[table] = data[field].length;
  return counts;
}

// `npm run db:seed [-- --accounts N --seed S --reset]`: fills the database with demo data.
// Also exports seedDatabase() for the demo command, benchmarks and test setup.
// The database is picked from the URL: file: -> SQLite, postgres(ql):// -> PostgreSQL (seed-writer.ts).
import { hashPassword, DEMO_PASSWORD } from "@/lib/auth/password";
import { databaseUrl } from "@/lib/db-url";
import { createPrismaClient } from "@/lib/prisma-client";
import { DEFAULT_ACCOUNTS, DEFAULT_END_DATE, DEFAULT_SEED, generateSeedTables } from "./generator";
import { writeCategoryPolicies } from "./category-policies";
import { writeHistory } from "./history-writer";
import { firstRow } from "./row-source";
import { expectedCounts, MigrationsMissingError, openSeedWriter, type PhaseReporter } from "./seed-writer";

export { MigrationsMissingError, SeedValueError } from "./seed-writer";

export interface SeedOptions {
  url?: string;
  accounts?: number;
  seed?: number;
  /** Wipe the data tables first; without it an already seeded database is left alone. */
  reset?: boolean;
  endDate?: Date;
  /** Count every seeded table back, and read a few rows through Prisma to prove the formats (default true). */
  verify?: boolean;
  /** Receives the duration of each write phase. */
  onPhase?: PhaseReporter;
  /** Add six months of programme history (runs, worked queues, a planted uplift; prisma/seed/history.ts). */
  history?: boolean;
}

export interface SeedResult {
  skipped: boolean;
  counts: Record<string, number>;
  timingsMs: { generate: number; write: number; verify: number; total: number };
}

export async function seedDatabase(options: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const url = options.url ?? databaseUrl();
  const writer = await openSeedWriter(url);
  const timingsMs = { generate: 0, write: 0, verify: 0, total: 0 };
  try {
    const missing = await writer.missingTables();
    if (missing.length > 0) throw new MigrationsMissingError(`database tables missing (${missing.join(", ")})`);
    if (options.reset) await writer.clear();
    else if (!(await writer.isEmpty())) {
      timingsMs.total = performance.now() - started;
      return { skipped: true, counts: {}, timingsMs };
    }
    // One hash for all demo users: argon2 is deliberately slow.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    let t = performance.now();
    const data = generateSeedTables({
      accounts: options.accounts ?? DEFAULT_ACCOUNTS,
      seed: options.seed ?? DEFAULT_SEED,
      endDate: options.endDate,
      passwordHash,
    });
    timingsMs.generate = performance.now() - t;
    t = performance.now();
    await writer.write(data, options.onPhase);
    await writeCategoryPolicies(url, data.products[0]?.createdAt ?? new Date(0));
    timingsMs.write = performance.now() - t;
    const counts = {
      teams: data.teams.length,
      users: data.users.length,
      products: data.products.length,
      productPairs: data.productPairs.length,
      accounts: data.accounts.length,
      orders: data.orders.length,
      orderLines: data.orderLines.length,
      settings: data.settings.length,
    };
    if (options.verify ?? true) {
      t = performance.now();
      const want = expectedCounts(data);
      const got = await writer.countRows();
      const wrong = Object.entries(want).filter(([table, n]) => got[table as keyof typeof got] !== n);
      if (wrong.length > 0) {
        throw new Error(`seed verification: row counts differ (${wrong.map(([table, n]) => `${table}: wrote ${n}, found ${got[table as keyof typeof got]}`).join("; ")})`);
      }
      await writer.close();
      await verifyThroughPrisma(url, firstRow(data.orderLines)?.id);
      timingsMs.verify = performance.now() - t;
    }
    if (options.history) {
      const h = await writeHistory(url, data, { seed: options.seed ?? DEFAULT_SEED, endDate: options.endDate ?? DEFAULT_END_DATE });
      Object.assign(counts, { historyRuns: h.runs.length, historyOpportunities: h.opportunities.length, historyActivities: h.activities.length, historyOrders: h.orders.length });
    }
    timingsMs.total = performance.now() - started;
    return { skipped: false, counts, timingsMs };
  } finally {
    await writer.close();
  }
}

/** Reads rows back through the app's client: dates must come back as the same instants. */
async function verifyThroughPrisma(url: string, lineId: string | undefined): Promise<void> {
  const prisma = createPrismaClient(url);
  try {
    const users = await prisma.user.count();
    if (users === 0) throw new Error("seed verification: no users visible through Prisma");
    if (lineId === undefined) return;
    const line = await prisma.orderLine.findUnique({ where: { id: lineId }, include: { order: true } });
    if (!line || !(line.orderedAt instanceof Date) || Number.isNaN(line.orderedAt.getTime())) {
      throw new Error("seed verification: order line dates do not read back through Prisma");
    }
    if (line.orderedAt.getTime() !== line.order.orderedAt.getTime()) throw new Error("seed verification: line and order dates differ");
    const found = await prisma.orderLine.count({ where: { accountId: line.accountId, orderedAt: { gte: line.orderedAt } } });
    if (found === 0) throw new Error("seed verification: date comparison through Prisma finds nothing");
  } finally {
    await prisma.$disconnect();
  }
}

function parseArgs(argv: string[]): SeedOptions {
  const options: SeedOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--reset") options.reset = true;
    else if (arg === "--history") options.history = true;
    else if (arg === "--accounts") options.accounts = Number(value());
    else if (arg === "--seed") options.seed = Number(value());
    else if (arg === "--verbose") {
      // CPU time next to wall time: on a busy machine the wall clock alone says little.
      let cpu = process.cpuUsage();
      options.onPhase = (phase, ms) => {
        const used = process.cpuUsage(cpu);
        cpu = process.cpuUsage();
        console.log(`  ${phase}: ${(ms / 1000).toFixed(2)} s (cpu ${((used.user + used.system) / 1e6).toFixed(2)} s)`);
      };
    }
    else if (arg === "--end-date") options.endDate = new Date(value());
    else if (arg === "--help" || arg === "-h") {
      console.log("Usage: npm run db:seed -- [--accounts N] [--seed S] [--end-date YYYY-MM-DD] [--reset] [--history] [--verbose]");
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (options.accounts !== undefined && (!Number.isInteger(options.accounts) || options.accounts < 1)) throw new Error("--accounts must be a positive integer");
  if (options.seed !== undefined && !Number.isInteger(options.seed)) throw new Error("--seed must be an integer");
  if (options.endDate !== undefined && Number.isNaN(options.endDate.getTime())) throw new Error("--end-date must be a date");
  return options;
}

async function main(): Promise<void> {
  let options: SeedOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  try {
    const result = await seedDatabase(options);
    if (result.skipped) {
      console.log("database already has data; skipping (use --reset)");
      return;
    }
    for (const [name, n] of Object.entries(result.counts)) console.log(`${name.padEnd(14)} ${n.toLocaleString("en-US")}`);
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const { generate, write, verify, total } = result.timingsMs;
    console.log(`seeded in ${s(total)} (generate ${s(generate)}, write ${s(write)}, verify ${s(verify)})`);
  } catch (error) {
    if (error instanceof MigrationsMissingError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

if (/prisma[\\/]seed[\\/]index\.[cm]?[jt]s$/.test(process.argv[1] ?? "")) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

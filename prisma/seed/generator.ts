// Deterministic demo-data generator: same options -> identical rows. Pure: no database, no clock.
import { buildAccounts } from "./accounts";
import { buildCatalog } from "./catalog";
import { resolveAll } from "./complements";
import { generateOrders, type GeneratedOrders } from "./orders";
import { buildPairs } from "./pairs";
import { buildSettings, buildTeams, buildUsers } from "./people";
import { deriveSeed, mulberry32 } from "./random";
import { RULES } from "./rules";
import { materialize } from "./row-source";
import type { SeedData } from "./types";

export const DEFAULT_SEED = 20261115;
/** Orders end here unless told otherwise; fixed so the demo data never depends on the clock. */
export const DEFAULT_END_DATE = new Date("2026-11-15T00:00:00.000Z");
export const DEFAULT_ACCOUNTS = 2000;

export interface GenerateOptions {
  accounts?: number;
  seed?: number;
  endDate?: Date;
  /** Length of the order history. */
  years?: number;
  /** Stored in every user row; the caller hashes DEMO_PASSWORD once. */
  passwordHash?: string;
}

/** All tables as arrays: for tests and small data sets. */
export function generateSeedData(options: GenerateOptions = {}): SeedData {
  const tables = generateSeedTables(options);
  return { ...tables, orders: materialize(tables.orders), orderLines: materialize(tables.orderLines) };
}

/** The same rows with orders and order lines made on demand, chunk by chunk, as the writers take them. */
export function generateSeedTables(options: GenerateOptions = {}): Omit<SeedData, "orders" | "orderLines"> & GeneratedOrders {
  const accountsCount = options.accounts ?? DEFAULT_ACCOUNTS;
  const seed = options.seed ?? DEFAULT_SEED;
  const endDate = options.endDate ?? DEFAULT_END_DATE;
  const windowDays = Math.round(365 * (options.years ?? 2));
  const windowStart = new Date(endDate.getTime() - windowDays * 86_400_000);
  if (!Number.isInteger(accountsCount) || accountsCount < 1) throw new Error("accounts must be a positive integer");

  const teams = buildTeams(windowStart);
  const users = buildUsers(options.passwordHash ?? "", windowStart);
  const admin = users.find((u) => u.role === "ADMIN");
  if (!admin) throw new Error("demo users need an admin");
  const catalog = buildCatalog(windowStart);
  const productPairs = buildPairs(catalog, RULES, admin.id, windowStart);
  const reps = users.filter((u) => u.role === "REP");
  const profiles = buildAccounts(mulberry32(deriveSeed(seed, "accounts")), seed, accountsCount, reps, windowStart);
  const { orders, orderLines } = generateOrders(
    mulberry32(deriveSeed(seed, "orders")),
    catalog,
    resolveAll(catalog, RULES),
    profiles,
    { windowStart, windowDays, meanRatePerDay: 0.034 },
  );
  return {
    teams,
    users,
    products: catalog.products.map((p) => p.row),
    productPairs,
    accounts: profiles.map((p) => p.row),
    orders,
    orderLines,
    settings: buildSettings(windowStart),
  };
}

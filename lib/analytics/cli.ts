/**
 * The analytics command line: argument parsing and dispatch to the library. scripts/analytics.ts
 * only forwards argv and writes the result, so the commands are testable in-process.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { mineRules } from "./association-rules";
import { backtest, BASELINES, type BaselineName } from "./backtest";
import { basketsFromLines } from "./baskets";
import { computeClv } from "./clv";
import { COLUMN_ALIAS_HELP, InputError, readOrderLinesFile } from "./csv-input";
import { dayOf, requireDay } from "./dates";
import { filterLines } from "./line-table";
import { recommend } from "./recommend";
import { computeRfm } from "./rfm";
import { mineSequences } from "./sequences";
import { upliftCommand } from "./uplift-cli";

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

type Spec = Record<string, { type: "string" | "boolean"; help: string; required?: boolean }>;
interface Command {
  summary: string;
  options: Spec;
  run(o: Record<string, string | boolean | undefined>): Promise<unknown>;
}

class UsageError extends Error {}

const input = { type: "string", required: true, help: "order-line CSV (optionally .gz)" } as const;

function num(o: Record<string, unknown>, name: string, fallback?: number, check: (v: number) => boolean = () => true): number {
  const raw = o[name];
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  const v = Number(raw);
  if (raw === "" || !Number.isFinite(v) || !check(v)) throw new UsageError(`--${name}: invalid value ${JSON.stringify(raw)}`);
  return v;
}

function day(o: Record<string, unknown>, name: string): number {
  if (typeof o[name] !== "string") throw new UsageError(`--${name} is required`);
  try {
    return requireDay(o[name] as string, `--${name}`);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function jsonFile<T>(path: string | boolean | undefined, schema: z.ZodType<T>, what: string): T | undefined {
  if (typeof path !== "string") return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new InputError(`--${what} ${path}: ${(e as Error).message}`, null, null);
  }
  const res = schema.safeParse(data);
  if (!res.success) {
    const issue = res.error.issues[0];
    throw new InputError(`--${what} ${path}: ${issue.path.join(".")}: ${issue.message}`, null, issue.path.join("."));
  }
  return res.data;
}

const productsSchema = z.array(
  z.object({
    id: z.string(), name: z.string().nullish(), category: z.string().nullish(), price: z.number().nullish(), unitCost: z.number().nullish(), active: z.boolean().optional(),
    durable: z.boolean().optional(), replacementCycleDays: z.number().nullish(),
  }),
);
const pairsSchema = z.array(
  z.object({
    sourceProductId: z.string(), targetProductId: z.string(), type: z.string().optional(),
    windowMinDays: z.number().optional(), windowMaxDays: z.number().optional(), suppressed: z.boolean().optional(),
  }),
);
const exclusionsSchema = z.object({
  doNotContact: z.array(z.string()).optional(),
  declines: z.array(z.object({ customerId: z.string(), productId: z.string(), date: z.string() })).optional(),
  coolDownDays: z.number().optional(),
});

function onOff(o: Record<string, string | boolean | undefined>, name: string): boolean {
  const v = o[name] ?? "on";
  if (v !== "on" && v !== "off") throw new UsageError(`--${name}: expected on or off, got ${JSON.stringify(v)}`);
  return v === "on";
}

export const COMMANDS: Record<string, Command> = {
  rules: {
    summary: "frequent itemsets over orders (Eclat) and association rules with support, confidence, lift, leverage, conviction",
    options: {
      input,
      "min-support": { type: "string", required: true, help: "fraction of orders, e.g. 0.01" },
      "min-confidence": { type: "string", help: "default 0" },
      "max-length": { type: "string", help: "largest itemset size (default unlimited)" },
      "single-consequent": { type: "boolean", help: "one-item consequents only (as R arules); default: every subset as antecedent (as mlxtend)" },
    },
    async run(o) {
      const t = await readOrderLinesFile(o.input as string);
      return mineRules(basketsFromLines(t), {
        minSupport: num(o, "min-support", undefined, (v) => v > 0 && v <= 1),
        minConfidence: num(o, "min-confidence", 0, (v) => v >= 0 && v <= 1),
        maxLength: o["max-length"] === undefined ? undefined : num(o, "max-length", undefined, (v) => Number.isInteger(v) && v >= 1),
        singleConsequent: o["single-consequent"] === true,
      });
    },
  },
  sequences: {
    summary: "customer-level patterns 'bought A, then B within N days' with customers, confidence, lift over B's base rate and median lag",
    options: {
      input,
      "window-days": { type: "string", help: "default 60" },
      "min-customers": { type: "string", help: "default 10" },
    },
    async run(o) {
      const t = await readOrderLinesFile(o.input as string);
      return mineSequences(t, {
        windowDays: num(o, "window-days", 60, (v) => v >= 1),
        minCustomers: num(o, "min-customers", 10, (v) => v >= 1),
      });
    },
  },
  segment: {
    summary: "RFM quintile scores and named segments per customer (lines before --as-of)",
    options: { input, "as-of": { type: "string", required: true, help: "YYYY-MM-DD; lines before this day count" } },
    async run(o) {
      const asOf = day(o, "as-of");
      return computeRfm(await readOrderLinesFile(o.input as string), asOf);
    },
  },
  clv: {
    summary: "BG/NBD + Gamma-Gamma CLV (falls back to historic value with a stated reason)",
    options: {
      input,
      "calibration-end": { type: "string", required: true, help: "YYYY-MM-DD, inclusive" },
      period: { type: "string", help: "day | week (default week)" },
      horizon: { type: "string", help: "periods ahead (default one year)" },
      "discount-rate": { type: "string", help: "annual discount rate (default 0.1)" },
    },
    async run(o) {
      const end = day(o, "calibration-end");
      const period = (o.period ?? "week") as string;
      if (period !== "day" && period !== "week") throw new UsageError(`--period: expected day or week, got ${JSON.stringify(period)}`);
      const horizon = o.horizon === undefined ? undefined : num(o, "horizon", undefined, (v) => v > 0);
      const discountRate = num(o, "discount-rate", 0.1, (v) => v >= 0);
      return computeClv(await readOrderLinesFile(o.input as string), { calibrationEndDay: end, period, horizon, discountRate });
    },
  },
  recommend: {
    summary: "top K never-bought products per customer from lines before --as-of, each with its reason in numbers",
    options: {
      input,
      "as-of": { type: "string", required: true, help: "YYYY-MM-DD; only lines before it are used" },
      top: { type: "string", help: "K, default 5" },
      "window-days": { type: "string", help: "purchase window the probability refers to, default 60" },
      "rank-by": { type: "string", help: "probability (default) | expected-value (P(buy) x margin x P(alive))" },
      products: { type: "string", help: "JSON [{id, name?, category?, price?, unitCost?, active?}]" },
      pairs: { type: "string", help: "JSON [{sourceProductId, targetProductId, type?, windowMinDays?, windowMaxDays?, suppressed?}]" },
      exclusions: { type: "string", help: "JSON {doNotContact?: [customerId], declines?: [{customerId, productId, date}], coolDownDays?}" },
      calibration: { type: "string", help: "on: add `probability`, P(buy) calibrated on the last window before --as-of, used for the expected value (default with --rank-by expected-value) | off (default with --rank-by probability, where it would not change the order)" },
    },
    async run(o) {
      const asOf = day(o, "as-of");
      const rankBy = (o["rank-by"] ?? "probability") as string;
      if (rankBy !== "probability" && rankBy !== "expected-value") throw new UsageError(`--rank-by: expected probability or expected-value`);
      const top = num(o, "top", 5, (v) => Number.isInteger(v) && v >= 1);
      const windowDays = num(o, "window-days", 60, (v) => v >= 1);
      const products = jsonFile(o.products, productsSchema, "products");
      const pairs = jsonFile(o.pairs, pairsSchema, "pairs");
      const exclusions = jsonFile(o.exclusions, exclusionsSchema, "exclusions");
      const t = await readOrderLinesFile(o.input as string);
      const pAlive = new Map<string, number>();
      if (rankBy === "expected-value") {
        const clv = computeClv(filterLines(t, (time) => dayOf(time) < asOf), { calibrationEndDay: asOf - 1, horizon: 1 });
        for (const c of clv.customers) if (c.pAlive !== null) pAlive.set(c.customerId, c.pAlive);
      }
      // Calibration costs a second training pass; it only changes the ranking when ranking by expected value.
      const calibration = o.calibration === undefined ? rankBy === "expected-value" : onOff(o, "calibration");
      return recommend(t, { asOfDay: asOf, top, windowDays, products, pairs, exclusions, pAlive, rankBy: rankBy === "expected-value" ? "expectedValue" : "probability", calibration });
    },
  },
  backtest: {
    summary: "train before --split, score against products first bought in the horizon: hit rate@K, precision@K, NDCG@K, recall for the model and the baselines (popular, co-occurrence, EASE^R, ItemKNN, RP3beta tuned on the window before the split)",
    options: {
      input,
      split: { type: "string", required: true, help: "YYYY-MM-DD" },
      "horizon-days": { type: "string", help: "default 90" },
      top: { type: "string", help: "K, default 5" },
      calibration: { type: "string", help: "on (default): also report calibration (Brier scores, reliability by deciles) on the horizon | off" },
      baseline: { type: "string", help: `comma-separated, from ${BASELINES.join(", ")}; all (default) | none` },
      "ease-max-items": { type: "string", help: "items of the dense EASE^R baseline, most-bought first (default 2500)" },
    },
    async run(o) {
      const split = day(o, "split");
      const horizonDays = num(o, "horizon-days", 90, (v) => Number.isInteger(v) && v >= 1);
      const k = num(o, "top", 5, (v) => Number.isInteger(v) && v >= 1);
      const calibration = onOff(o, "calibration");
      const raw = typeof o.baseline === "string" ? o.baseline : "all";
      const baselines = raw === "all" ? BASELINES : raw === "none" ? [] : raw.split(",").map((b) => b.trim());
      for (const b of baselines) if (!BASELINES.includes(b as BaselineName)) throw new UsageError(`--baseline: unknown baseline ${JSON.stringify(b)} (expected ${BASELINES.join(", ")}, all or none)`);
      const easeMaxItems = num(o, "ease-max-items", 2500, (v) => Number.isInteger(v) && v >= 1);
      return backtest(await readOrderLinesFile(o.input as string), { splitDay: split, horizonDays, k, calibration, baselines: baselines as BaselineName[], baselineLimits: { easeMaxItems } });
    },
  },
  uplift: upliftCommand,
};

export function commandHelp(name: string): string {
  const c = COMMANDS[name];
  const lines = [`Usage: npm run --silent analytics -- ${name} [options]`, "", c.summary, "", "Options:"];
  for (const [opt, s] of Object.entries(c.options)) lines.push(`  --${opt}${s.type === "string" ? " <value>" : ""}${s.required ? " (required)" : ""}  ${s.help}`);
  lines.push("  --help  this text", "", `Input columns: order_id,customer_id,order_date,product_id,quantity,unit_price. ${COLUMN_ALIAS_HELP}`);
  lines.push("Output: JSON on stdout. Bad input: exit code 2 and a message on stderr naming the line (header = line 1) and column.");
  return lines.join("\n") + "\n";
}

export function mainHelp(): string {
  const lines = ["Usage: npm run --silent analytics -- <command> [options]", "", "Commands:"];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  lines.push("", "Run a command with --help for its options.");
  return lines.join("\n") + "\n";
}

export async function runCli(argv: string[]): Promise<CliResult> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") return { exitCode: name ? 0 : 2, stdout: name ? mainHelp() : "", stderr: name ? "" : mainHelp() };
  const cmd = COMMANDS[name];
  if (!cmd) return { exitCode: 2, stdout: "", stderr: `unknown command ${JSON.stringify(name)}\n${mainHelp()}` };
  try {
    const options: Record<string, { type: "string" | "boolean" }> = { help: { type: "boolean" } };
    for (const [k, s] of Object.entries(cmd.options)) options[k] = { type: s.type };
    let values: Record<string, string | boolean | undefined>;
    try {
      values = parseArgs({ args: rest, options, strict: true, allowPositionals: false }).values;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (values.help) return { exitCode: 0, stdout: commandHelp(name), stderr: "" };
    for (const [k, s] of Object.entries(cmd.options)) if (s.required && values[k] === undefined) throw new UsageError(`--${k} is required`);
    const result = await cmd.run(values);
    return { exitCode: 0, stdout: JSON.stringify(result) + "\n", stderr: "" };
  } catch (e) {
    if (e instanceof InputError) return { exitCode: 2, stdout: "", stderr: `error: ${e.message}\n` };
    if (e instanceof UsageError) return { exitCode: 2, stdout: "", stderr: `error: ${e.message}\n\n${commandHelp(name)}` };
    return { exitCode: 1, stdout: "", stderr: `error: ${(e as Error).stack ?? String(e)}\n` };
  }
}

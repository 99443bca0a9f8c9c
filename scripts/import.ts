// `npm run import -- orders|accounts|products <file.csv[.gz]> [--dry-run] [--skip-invalid] [--team NAME]
// [--error-report FILE]`: imports a CSV export into DATABASE_URL (SQLite or PostgreSQL) in one
// transaction. Exit 0 when imported (or nothing to change), 2 on invalid input (nothing written), 3 when
// another import is running, 1 on any other failure.
import { createPrismaClient } from "../lib/prisma-client";
import { appendAudit } from "../lib/audit/chain";
import { databaseUrl } from "../lib/db-url";
import { ALIAS_HELP, IMPORT_KINDS, type ImportKind } from "../lib/import/columns";
import { addDemoPeople } from "../lib/import/demo-people";
import { ImportBusyError } from "../lib/import/lock";
import { writeErrorReport } from "../lib/import/report";
import { ImportFileError, runImport, type AuditSink } from "../lib/import/run-import";
import { formatSummary } from "../lib/import/summary";
import type { ImportProgress } from "../lib/import/types";
import { peakRssMb, redactUrl } from "./score";

const USAGE = `Usage: npm run import -- orders|accounts|products <file.csv[.gz]> [--dry-run] [--skip-invalid] [--team NAME] [--error-report FILE] [--demo-users] [--consent-default phone,email|none]

--consent-default sets the consent of new accounts when the file has no consent columns, for this run,
instead of the settings' defaults (importPhoneConsentDefault, importEmailConsentDefault: both no).

--demo-users adds the demo teams and users (README sign-ins) first when the database has no users, so
an empty database has reps to own the imported accounts.

Columns are matched by header name (case-insensitive; spaces, _ and - ignored). Accepted headers:
${IMPORT_KINDS.map((k) => `${k}:\n${ALIAS_HELP[k].replace(/^/gm, "  ")}`).join("\n")}`;

interface Args {
  kind: ImportKind;
  file: string;
  dryRun: boolean;
  skipInvalid: boolean;
  team?: string;
  errorReport?: string;
  demoUsers: boolean;
  consent?: { phone: boolean; email: boolean };
}

function parseConsent(v: string): { phone: boolean; email: boolean } {
  const parts = new Set(v.toLowerCase().split(",").map((x) => x.trim()));
  for (const p of parts) if (!["phone", "email", "none"].includes(p)) throw new Error(`--consent-default: "${p}" is not phone, email or none`);
  return { phone: parts.has("phone"), email: parts.has("email") };
}

export function parseImportArgs(argv: string[]): Args {
  const positional: string[] = [];
  const out: Partial<Args> = { dryRun: false, skipInvalid: false, demoUsers: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (!v || v.startsWith("--")) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--dry-run") out.dryRun = true;
    else if (a === "--skip-invalid") out.skipInvalid = true;
    else if (a === "--team") out.team = value();
    else if (a === "--demo-users") out.demoUsers = true;
    else if (a === "--consent-default") out.consent = parseConsent(value());
    else if (a === "--error-report") out.errorReport = value();
    else if (a.startsWith("--team=")) out.team = a.slice(7);
    else if (a.startsWith("--error-report=")) out.errorReport = a.slice(15);
    else if (a === "--help" || a === "-h") throw new Error(USAGE);
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}\n\n${USAGE}`);
    else positional.push(a);
  }
  if (positional.length !== 2) throw new Error(USAGE);
  const [kind, file] = positional;
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown import kind "${kind}" (orders, accounts or products)\n\n${USAGE}`);
  return { ...(out as Args), kind: kind as ImportKind, file };
}

/** Prints stage changes, and within reading at most one line a second: lines read, rate, ETA. */
function progressPrinter(): (p: ImportProgress) => void {
  let stage = "";
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (p.stage === stage && now - last < 1000) return;
    stage = p.stage;
    last = now;
    if (p.stage === "read") {
      const eta = p.etaSeconds == null ? "?" : `${p.etaSeconds.toFixed(0)} s`;
      console.log(`  read ${p.linesRead.toLocaleString("en-US")} lines (${Math.round(p.fraction * 100)}%), ${Math.round(p.ratePerSecond ?? 0).toLocaleString("en-US")} lines/s, ETA ${eta}`);
    } else if (p.stage !== "done") console.log(`  ${p.stage}${p.message ? `: ${p.message}` : ""}`);
  };
}

function auditSink(url: string): AuditSink & { close(): Promise<void> } {
  const db = createPrismaClient(url);
  const sink = (async (entry) => {
    await db.$transaction((tx) => appendAudit(tx, { ...entry, details: entry.details as never, ip: null, userAgent: "npm run import" }));
  }) as AuditSink & { close(): Promise<void> };
  sink.close = () => db.$disconnect();
  return sink;
}

/** Test hook: stop inside the write transaction after a phase and wait to be killed. */
function pauseHook(): ((phase: string) => Promise<void>) | undefined {
  const at = process.env.IMPORT_PAUSE_AFTER_PHASE;
  if (!at) return undefined;
  return async (phase) => {
    if (phase !== at) return;
    console.log(`PAUSED after ${phase}`);
    await new Promise(() => setInterval(() => {}, 1 << 30));
  };
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseImportArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const url = databaseUrl();
  console.log(`importing ${args.kind} from ${args.file} into ${redactUrl(url)}${args.dryRun ? " (dry run)" : ""}`);
  const audit = auditSink(url);
  try {
    if (args.demoUsers) {
      const people = createPrismaClient(url);
      try {
        const r = await addDemoPeople(people);
        console.log(r.added ? `  added the ${r.users} demo users (password in the README)` : "  the database has users already: no demo users added");
      } finally {
        await people.$disconnect();
      }
    }
    const result = await runImport(url, {
      kind: args.kind, file: args.file, dryRun: args.dryRun, skipInvalid: args.skipInvalid, team: args.team, source: "cli", onProgress: progressPrinter(),
      consentDefaults: args.consent,
      audit, onWritePhase: pauseHook(),
    });
    console.log(formatSummary(result));
    const errors = result.issues.filter((i) => i.kind === "error");
    for (const e of errors.slice(0, 20)) console.error(`error: ${e.message}`);
    if (errors.length > 20) console.error(`... and ${errors.length - 20} more errors (see the error report)`);
    if (args.errorReport) {
      await writeErrorReport(args.errorReport, result.issues);
      console.log(`error report: ${args.errorReport} (${result.issues.length.toLocaleString("en-US")} rows: ${errors.length} errors, the rest skipped rows and their treatment)`);
    }
    const cpu = process.cpuUsage();
    console.log(`peak RSS: ${peakRssMb().toFixed(0)} MB, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
    return result.status === "INVALID" ? 2 : 0;
  } catch (e) {
    if (e instanceof ImportFileError) {
      console.error(`error: ${e.message}`);
      if (args.errorReport) await writeErrorReport(args.errorReport, e.issues);
      return 2;
    }
    if (e instanceof ImportBusyError) {
      console.error(`refused: ${e.message}`);
      return 3;
    }
    console.error(`import failed: ${(e as Error).stack ?? e}`);
    return 1;
  } finally {
    await audit.close();
  }
}

if (/scripts[\\/]import\.[cm]?[jt]s$/.test(process.argv[1] ?? "")) void main().then((code) => process.exit(code));

// `npm run db:backup [-- --out FILE]`: a consistent backup of DATABASE_URL while the app keeps running.
// SQLite: the online backup API (better-sqlite3 db.backup) into data/backups/crm-<timestamp>.db, then the
// copy is opened and must pass PRAGMA integrity_check. PostgreSQL: pg_dump --format=custom (PG_DUMP or
// pg_dump on PATH) into data/backups/crm-<timestamp>.dump, listed back with pg_restore --list.
// Restore: docs/operations.md.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseProvider, databaseUrl, sqliteFilePath, type DatabaseProvider } from "../lib/db-url";
import { ROOT } from "./lib-env";

const USAGE = "Usage: npm run db:backup -- [--out FILE]\n  default: data/backups/crm-<timestamp>.db (SQLite) or .dump (PostgreSQL)";

export interface BackupResult {
  provider: DatabaseProvider;
  file: string;
  bytes: number;
  ms: number;
  /** Of ms: taking the copy, and checking it. */
  copyMs: number;
  verifyMs: number;
  /** SQLite: PRAGMA integrity_check of the copy ("ok"); PostgreSQL: entries pg_restore --list read, or a note. */
  verified: string;
  /** SQLite: rows per table in the copy. */
  rowCounts?: Record<string, number>;
}

/** data/backups/crm-2026-12-01T22-15-03Z.db: sortable, no characters that need quoting. */
export function defaultBackupPath(provider: DatabaseProvider, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-");
  return path.join(ROOT, "data", "backups", `crm-${stamp}.${provider === "sqlite" ? "db" : "dump"}`);
}

function prepareTarget(out: string): string {
  if (fs.existsSync(out)) throw new Error(`${out} already exists; remove it or pick another --out`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  fs.rmSync(partial, { force: true });
  return partial;
}

/**
 * The whole database in ONE backup step (sqlite3_backup_step with all pages): in WAL mode that is a
 * single read transaction, a snapshot at one commit, and writers are not blocked. Copying in small steps
 * would let the app's commits restart the copy over and over. Outside WAL mode the read lock makes
 * writers wait (up to their busy timeout) for the copy's duration.
 */
export async function backupSqlite(source: string, out: string): Promise<BackupResult> {
  const started = performance.now();
  if (path.resolve(source) === path.resolve(out)) throw new Error("the backup cannot overwrite the database itself");
  const partial = prepareTarget(out);
  const src = new Database(source, { fileMustExist: true, timeout: 10_000 });
  try {
    const mode = String(src.pragma("journal_mode", { simple: true }));
    if (mode.toLowerCase() !== "wal") console.warn(`warning: ${source} is in ${mode} journal mode, not WAL: writers wait while the copy is taken`);
    await src.backup(partial, { progress: () => 0x7fffffff });
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  } finally {
    src.close();
  }
  const copyMs = performance.now() - started;
  let verified: string;
  const rowCounts: Record<string, number> = {};
  const copy = new Database(partial, { fileMustExist: true });
  try {
    const rows = copy.pragma("integrity_check") as { integrity_check: string }[];
    verified = rows.map((r) => r.integrity_check).join("; ");
    const tables = copy.prepare(`SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%' ORDER BY "name"`).all() as { name: string }[];
    for (const { name } of tables) rowCounts[name] = (copy.prepare(`SELECT COUNT(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
  } finally {
    copy.close();
  }
  if (verified !== "ok") {
    fs.rmSync(partial, { force: true });
    throw new Error(`the copy failed PRAGMA integrity_check: ${verified.slice(0, 500)}`);
  }
  fs.renameSync(partial, out);
  const ms = performance.now() - started;
  return { provider: "sqlite", file: out, bytes: fs.statSync(out).size, ms, copyMs, verifyMs: ms - copyMs, verified, rowCounts };
}

// Parameters Prisma or node-postgres accept in a URL that libpq (pg_dump) refuses.
const NOT_LIBPQ = ["schema", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout", "sslaccept", "sslidentity"];

/** A libpq connection URI for pg_dump: the password moves to PGPASSWORD (not on the command line), Prisma-only parameters are dropped. */
export function libpqConnection(url: string): { uri: string; env: Record<string, string>; schema: string | null } {
  const u = new URL(url);
  const env: Record<string, string> = {};
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = "";
  const schema = u.searchParams.get("schema");
  for (const p of NOT_LIBPQ) u.searchParams.delete(p);
  return { uri: u.toString(), env, schema };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export class PgDumpMissingError extends Error {}

/** pg_restore next to the pg_dump in use (PG_RESTORE overrides). */
function pgRestoreFor(pgDump: string): string {
  if (process.env.PG_RESTORE) return process.env.PG_RESTORE;
  return pgDump.includes(path.sep) ? path.join(path.dirname(pgDump), "pg_restore") : "pg_restore";
}

/** pg_dump --format=custom: a consistent snapshot (one repeatable-read transaction) while the app writes. */
export async function backupPostgres(url: string, out: string, options: { pgDump?: string } = {}): Promise<BackupResult> {
  const started = performance.now();
  const pgDump = options.pgDump ?? (process.env.PG_DUMP || "pg_dump");
  const partial = prepareTarget(out);
  const conn = libpqConnection(url);
  const env = { ...process.env, ...conn.env };
  const args = ["--format=custom", "--no-password", `--file=${partial}`, ...(conn.schema ? [`--schema=${conn.schema}`] : []), `--dbname=${conn.uri}`];
  let result;
  try {
    result = await run(pgDump, args, env);
  } catch (e) {
    fs.rmSync(partial, { force: true });
    if ((e as NodeJS.ErrnoException).code === "ENOENT") {
      throw new PgDumpMissingError(
        `pg_dump not found (tried "${pgDump}"): install the PostgreSQL client tools of the server's major version ` +
          "(Debian: apt-get install postgresql-client) or set PG_DUMP=/path/to/pg_dump",
      );
    }
    throw e;
  }
  if (result.code !== 0) {
    fs.rmSync(partial, { force: true });
    throw new Error(`pg_dump exited with ${result.code}: ${result.stderr.trim().slice(0, 2000)}`);
  }
  const copyMs = performance.now() - started;
  let verified: string;
  try {
    const list = await run(pgRestoreFor(pgDump), ["--list", partial], process.env);
    if (list.code !== 0) {
      fs.rmSync(partial, { force: true });
      throw new Error(`pg_restore --list cannot read the dump: ${list.stderr.trim().slice(0, 2000)}`);
    }
    const entries = list.stdout.split("\n").filter((l) => /^\d+;/.test(l));
    verified = `pg_restore --list read ${entries.length} entries (${entries.filter((l) => / TABLE DATA /.test(l)).length} tables with data)`;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    verified = "not verified (pg_restore not found)";
  }
  fs.renameSync(partial, out);
  const ms = performance.now() - started;
  return { provider: "postgresql", file: out, bytes: fs.statSync(out).size, ms, copyMs, verifyMs: ms - copyMs, verified };
}

export async function backupDatabase(url: string, out?: string): Promise<BackupResult> {
  const provider = databaseProvider(url);
  const target = path.resolve(out ?? defaultBackupPath(provider));
  if (provider === "sqlite") return backupSqlite(path.resolve(ROOT, sqliteFilePath(url)!), target);
  return backupPostgres(url, target);
}

function parseArgs(argv: string[]): { out?: string } {
  const out: { out?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--out") {
      out.out = argv[++i];
      if (!out.out) throw new Error(`--out needs a file name\n${USAGE}`);
    } else if (arg.startsWith("--out=")) out.out = arg.slice("--out=".length);
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return out;
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

async function main(): Promise<void> {
  let args: { out?: string };
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  try {
    const r = await backupDatabase(databaseUrl(), args.out);
    const rel = path.relative(process.cwd(), r.file);
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`backup of the ${r.provider} database written to ${rel.startsWith("..") ? r.file : rel}`);
    console.log(`  size ${mb(r.bytes)}, ${s(r.ms)} (copy ${s(r.copyMs)}, check ${s(r.verifyMs)})`);
    console.log(`  ${r.provider === "sqlite" ? `integrity_check: ${r.verified}` : r.verified}`);
    if (r.rowCounts) {
      const main = ["Account", "OrderLine", "Opportunity", "Activity", "AuditLog"].filter((t) => t in r.rowCounts!);
      console.log(`  rows: ${main.map((t) => `${t} ${r.rowCounts![t].toLocaleString("en-US")}`).join(", ")}`);
    }
  } catch (e) {
    console.error(`backup failed: ${(e as Error).message}`);
    process.exit(1);
  }
}

if (/scripts[\\/]backup\.[cm]?[jt]s$/.test(process.argv[1] ?? "")) void main();

// The SQLite backup taken while another process commits in a loop: the copy is one consistent snapshot
// (a prefix of the commit order, every invariant the writer keeps holds), complete and integrity-checked.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupPostgres, backupSqlite, defaultBackupPath, libpqConnection, PgDumpMissingError } from "./backup";

const ROOT = path.resolve(import.meta.dirname, "..");
let dir: string;
let file: string;
const PREFILL = 60_000;
const CHILDREN = 3;

// Each transaction: one parent, CHILDREN children of it, the counter bumped to the parent's id.
const WRITER = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1], { timeout: 10000 });
const parent = db.prepare("INSERT INTO parent (id, payload) VALUES (?, randomblob(400))");
const child = db.prepare("INSERT INTO child (parent_id, k) VALUES (?, ?)");
const bump = db.prepare("UPDATE counter SET n = ?");
const tx = db.transaction((id) => { parent.run(id); for (let k = 0; k < ${CHILDREN}; k++) child.run(id, k); bump.run(id); });
let id = db.prepare("SELECT n FROM counter").pluck().get();
const until = Date.now() + 60000;
let stop = false;
process.on("SIGTERM", () => { stop = true; });
(function loop() { for (let i = 0; i < 20; i++) tx(++id); if (!stop && Date.now() < until) setImmediate(loop); else process.exit(0); })();
`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-backup-"));
  file = path.join(dir, "live.db");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec(`
    CREATE TABLE parent (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);
    CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id), k INTEGER NOT NULL, PRIMARY KEY (parent_id, k));
    CREATE TABLE counter (n INTEGER NOT NULL);
    WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${PREFILL}) INSERT INTO parent SELECT i, randomblob(400) FROM s;
    INSERT INTO child SELECT p.id, k.k FROM parent p, (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2) k;
    INSERT INTO counter VALUES (${PREFILL});
  `);
  db.close();
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const committed = (f: string) => {
  const db = new Database(f, { readonly: true });
  try {
    return db.prepare("SELECT n FROM counter").pluck().get() as number;
  } finally {
    db.close();
  }
};

async function waitFor(cond: () => boolean, ms = 10_000) {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("backupSqlite", () => {
  it("copies a consistent, complete snapshot while another process commits in a loop", async () => {
    const writer: ChildProcess = spawn(process.execPath, ["-e", WRITER, file], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    writer.stderr!.on("data", (d) => (stderr += d));
    try {
      await waitFor(() => committed(file) > PREFILL + 200);
      const before = committed(file);
      const out = path.join(dir, "copy.db");
      const r = await backupSqlite(file, out);
      const after = committed(file);
      expect(stderr).toBe("");
      // The writer kept committing while the copy was taken.
      expect(after).toBeGreaterThan(before);
      expect(r.verified).toBe("ok");
      expect(fs.existsSync(`${out}.partial`)).toBe(false);

      const copy = new Database(out, { readonly: true });
      const n = copy.prepare("SELECT n FROM counter").pluck().get() as number;
      const parents = copy.prepare("SELECT COUNT(*) AS c, MAX(id) AS m FROM parent").get() as { c: number; m: number };
      const children = copy.prepare("SELECT COUNT(*) FROM child").pluck().get() as number;
      const orphans = copy.prepare("SELECT COUNT(*) FROM child WHERE parent_id NOT IN (SELECT id FROM parent)").pluck().get() as number;
      expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
      copy.close();
      // Complete: everything committed before the backup started is there; nothing after it finished.
      expect(n).toBeGreaterThanOrEqual(before);
      expect(n).toBeLessThanOrEqual(after);
      // Consistent: a prefix of the commit order, every transaction whole.
      expect(parents).toEqual({ c: n, m: n });
      expect(children).toBe(n * CHILDREN);
      expect(orphans).toBe(0);
      expect(r.rowCounts).toEqual({ child: n * CHILDREN, counter: 1, parent: n });
      expect(r.bytes).toBe(fs.statSync(out).size);
    } finally {
      writer.kill("SIGTERM");
      await new Promise((r) => writer.once("exit", r));
    }
  });

  it("refuses to overwrite an existing file or the database itself", async () => {
    const out = path.join(dir, "exists.db");
    fs.writeFileSync(out, "x");
    await expect(backupSqlite(file, out)).rejects.toThrow(/already exists/);
    await expect(backupSqlite(file, file)).rejects.toThrow(/cannot overwrite the database/);
  });

  it("npm run db:backup writes a verified copy of DATABASE_URL", () => {
    const out = path.join(dir, "cli.db");
    const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/backup.ts", "--out", out], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${file}` }, encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/integrity_check: ok/);
    expect(r.stdout).toMatch(/size \d+\.\d MB, \d+\.\d s \(copy \d+\.\d s, check \d+\.\d s\)/);
    expect(committed(out)).toBe(committed(file));
  });
});

describe("backup helpers", () => {
  it("names backups by UTC time", () => {
    expect(path.relative(ROOT, defaultBackupPath("sqlite", new Date("2026-12-01T22:15:03.456Z")))).toBe(path.join("data", "backups", "crm-2026-12-01T22-15-03Z.db"));
    expect(defaultBackupPath("postgresql", new Date("2026-12-01T22:15:03Z"))).toMatch(/crm-2026-12-01T22-15-03Z\.dump$/);
  });

  it("gives pg_dump a libpq URI: password in PGPASSWORD, Prisma-only parameters dropped", () => {
    expect(libpqConnection("postgresql://crm:s%40cret@db:5432/crm?schema=app&connection_limit=5&sslmode=require")).toEqual({
      uri: "postgresql://crm@db:5432/crm?sslmode=require",
      env: { PGPASSWORD: "s@cret" },
      schema: "app",
    });
  });

  it("names pg_dump when it is missing", async () => {
    const out = path.join(dir, "missing.dump");
    await expect(backupPostgres("postgresql://postgres@127.0.0.1:1/none", out, { pgDump: path.join(dir, "no-such-pg_dump") })).rejects.toThrow(PgDumpMissingError);
    await expect(backupPostgres("postgresql://postgres@127.0.0.1:1/none", out, { pgDump: path.join(dir, "no-such-pg_dump") })).rejects.toThrow(/pg_dump not found .*PG_DUMP=/);
    expect(fs.existsSync(out) || fs.existsSync(`${out}.partial`)).toBe(false);
  });
});

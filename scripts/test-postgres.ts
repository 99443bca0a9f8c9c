// `npm run test:pg`: the integration tests and a browser smoke walk against PostgreSQL, when
// TEST_POSTGRES_URL names a server (an admin connection; .ci/run starts a throw-away one). Without it the
// step says so and passes, so `npm test` works on a machine without PostgreSQL.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { ROOT } from "./lib-env";

function run(cmd: string, args: string[], env: Record<string, string>): void {
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: ROOT, env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`${cmd} ${args.join(" ")} failed (${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

async function ensureDatabase(admin: string, name: string): Promise<string> {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    const exists = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main() {
  const admin = process.env.TEST_POSTGRES_URL;
  if (!admin) {
    console.log("test:pg skipped: set TEST_POSTGRES_URL=postgresql://user@host:port/postgres to run the PostgreSQL tests (.ci/run does).");
    return;
  }
  console.log("PostgreSQL: integration tests");
  run("npx", ["vitest", "run", ...pgTestFiles()], { TEST_DATABASE: "postgresql" });

  console.log("PostgreSQL: browser smoke walk against next start");
  const url = await ensureDatabase(admin, "crm_e2e");
  const built = fs.existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"));
  run("npx", ["playwright", "test"], { DATABASE_URL: url, E2E_SMOKE: "1", E2E_SKIP_BUILD: built ? "1" : "0" });
}

/** Integration tests (they run on the database TEST_DATABASE names) and the PostgreSQL-only tests. */
function pgTestFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name.startsWith(".") || e.name === "generated") continue;
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (/\.(integration|postgres)\.test\.ts$/.test(e.name)) out.push(rel);
    }
  };
  for (const dir of ["lib", "scripts", "prisma"]) walk(dir);
  return out.sort();
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

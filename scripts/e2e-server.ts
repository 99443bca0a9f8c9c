// Web server for the Playwright suite: a throw-away database seeded from a fixed seed,
// a production build, and `next start`.
import { spawn } from "node:child_process";
import path from "node:path";
import { setupDatabase } from "./db-setup";
import { removeSqliteDatabase, ROOT, run } from "./lib-env";

async function main() {
  const url = process.env.DATABASE_URL ?? "file:./data/e2e.db";
  const port = process.env.E2E_PORT ?? "3100";
  const env = {
    ...process.env,
    DATABASE_URL: url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-only-secret-not-for-production",
    NEXTAUTH_URL: `http://localhost:${port}`,
  };
  removeSqliteDatabase(url);
  await setupDatabase(url);

  const next = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  if (process.env.E2E_SKIP_BUILD !== "1") run(process.execPath, [next, "build"], { env });
  const server = spawn(process.execPath, [next, "start", "-p", port], { stdio: "inherit", env, cwd: ROOT });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

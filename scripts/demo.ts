// `npm run demo`: database (create, migrate, seed when empty), production build, then serve.
import { spawn } from "node:child_process";
import path from "node:path";
import { setupDatabase } from "./db-setup";
import { ensureAuthSecret, ROOT, run } from "./lib-env";

async function main() {
  const port = process.env.PORT || "3000";
  const env = {
    ...process.env,
    NEXTAUTH_SECRET: ensureAuthSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
  };
  process.env.NEXTAUTH_SECRET = env.NEXTAUTH_SECRET;

  console.log("1/3 Database: migrate, seed when empty, score once");
  await setupDatabase();

  const next = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  console.log("2/3 Production build");
  run(process.execPath, [next, "build"], { env });

  console.log(`3/3 Serving on ${env.NEXTAUTH_URL}`);
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

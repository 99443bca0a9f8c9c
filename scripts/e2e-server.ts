// Web server for the Playwright suite: a throw-away database seeded from a fixed seed,
// a production build, and `next start`.
import { setupDatabase } from "./db-setup";
import { buildNext, resetDatabase, serveNext } from "./lib-env";

async function main() {
  const url = process.env.DATABASE_URL ?? "file:./data/e2e.db";
  const port = process.env.E2E_PORT ?? "3100";
  const env = {
    ...process.env,
    DATABASE_URL: url,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-only-secret-not-for-production",
    NEXTAUTH_URL: `http://localhost:${port}`,
  };
  await resetDatabase(url);
  await setupDatabase(url);

  if (process.env.E2E_SKIP_BUILD !== "1") buildNext(env);
  serveNext(env, port);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

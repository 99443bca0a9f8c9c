// `npm run demo`: database (create, migrate, seed when empty), production build, then serve.
import { setupDatabase } from "./db-setup";
import { buildNext, ensureAuthSecret, serveNext } from "./lib-env";

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

  console.log("2/3 Production build");
  buildNext(env);

  console.log(`3/3 Serving on ${env.NEXTAUTH_URL}`);
  serveNext(env, port);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

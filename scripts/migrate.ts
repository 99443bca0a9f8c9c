// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (SQLite or PostgreSQL).
import { databaseProvider, databaseUrl } from "../lib/db-url";
import { migrateDatabase } from "./lib-env";

const url = databaseUrl();
migrateDatabase(url)
  .then(() => console.log(`Migrations applied (${databaseProvider(url)}).`))
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });

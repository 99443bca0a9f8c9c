// Creates and migrates the database, and seeds demo data when it is empty.
import { seedDatabase } from "../prisma/seed/index";
import { databaseUrl } from "../lib/db-url";
import { migrate } from "./lib-env";

export async function setupDatabase(url: string = databaseUrl(), accounts?: number): Promise<void> {
  migrate(url);
  await seedDatabase({ url, accounts, reset: false });
}

if (require.main === module) {
  setupDatabase().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}

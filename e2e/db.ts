// Direct access to the e2e server's database, for arranging what the running app must then react to.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { USERS } from "./fixtures";

export function withDb<T>(fn: (db: Database.Database) => T): T {
  const url = process.env.DATABASE_URL ?? "file:./data/e2e.db";
  const db = new Database(url.slice("file:".length));
  db.pragma("busy_timeout = 10000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/**
 * A rep of their own (with the demo password) for a test that signs out, deactivates or locks: the
 * seeded users are signed in as by other tests running in parallel, whose sessions this would end.
 */
export function createRep(label: string): { id: string; email: string; name: string } {
  const id = `e2e${randomUUID().replaceAll("-", "")}`;
  const email = `e2e-${label}-${id.slice(3, 11)}@example.com`;
  const name = `E2E ${label} ${id.slice(3, 7)}`;
  withDb((db) =>
    db
      .prepare(
        `INSERT INTO "User" (id, email, name, role, teamId, passwordHash, active, failedLoginCount, sessionVersion, createdAt, updatedAt)
         SELECT ?, ?, ?, 'REP', NULL, passwordHash, 1, 0, 0, createdAt, updatedAt FROM "User" WHERE email = ?`,
      )
      .run(id, email, name, USERS.repAva.email),
  );
  return { id, email, name };
}

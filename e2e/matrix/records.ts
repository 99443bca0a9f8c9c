// Record ids for the dynamic routes of the role matrix, read from the seeded e2e database.
//
// The records belong to Ava (rep, North). No other spec works Ava's queue or reassigns her accounts
// (queue.spec uses Chloe, Dan, Finn and Hugo, accounts.spec only reads), and the matrix itself only sends
// requests that are refused or change nothing (stale versions, invalid targets), so who may reach these
// records stays the same for the whole run.
import path from "node:path";
import Database from "better-sqlite3";
import { ROOT } from "./enumerate";
import { PERSONAS, type SignedInPersona } from "./personas";

export type Records = {
  /** An account owned by Ava (team North). */
  avaAccount: string;
  /** An open, non-holdout opportunity of the active scoring run, assigned to Ava, on avaAccount. */
  avaOpportunity: string;
  /** User ids of the signed-in personas. */
  users: Record<SignedInPersona, string>;
  /** A well-formed id that names no record. */
  missing: string;
};

export function databaseFile(): string {
  const url = process.env.DATABASE_URL ?? "file:./data/e2e.db";
  if (!url.startsWith("file:")) throw new Error(`The role matrix reads its records from a SQLite e2e database, not ${url}`);
  return path.resolve(ROOT, url.slice("file:".length));
}

export function readRecords(): Records {
  const db = new Database(databaseFile(), { readonly: true, fileMustExist: true });
  try {
    const user = (email: string) => {
      const row = db.prepare("SELECT id FROM User WHERE email = ?").get(email) as { id: string } | undefined;
      if (!row) throw new Error(`No user ${email} in ${databaseFile()}`);
      return row.id;
    };
    const users = Object.fromEntries(
      Object.entries(PERSONAS).flatMap(([key, p]) => (p ? [[key, user(p.email)]] : [])),
    ) as Record<SignedInPersona, string>;
    const ava = users.ava;
    const row = db
      .prepare(
        `SELECT o.id AS opportunity, a.id AS account
           FROM Opportunity o
           JOIN Account a ON a.id = o.accountId
           JOIN ScoringRun r ON r.id = o.runId AND r.active = 1
          WHERE a.ownerId = ? AND o.assigneeId = ? AND o.status = 'OPEN' AND o.holdout = 0 AND a.doNotContact = 0
          ORDER BY a.externalId, o.rank, o.id
          LIMIT 1`,
      )
      .get(ava, ava) as { opportunity: string; account: string } | undefined;
    if (!row) throw new Error(`No open opportunity of Ava's in the active run of ${databaseFile()}: is the e2e database seeded and scored?`);
    return { avaAccount: row.account, avaOpportunity: row.opportunity, users, missing: "matrix_no_such_record" };
  } finally {
    db.close();
  }
}

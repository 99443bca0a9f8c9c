// Record ids for the dynamic routes of the role matrix, read from the seeded e2e database.
//
// The records belong to Ava (rep, North). Other specs sign in as Ava and work the TOP of her queue
// (security.spec logs an outcome on her first opportunity at version 1, input-limits.spec sends invalid
// input for it); nobody reassigns her accounts or closes her offers. So the matrix takes the account at
// the BOTTOM of her queue: its one successful call (reassigning the account to Ava herself) gives that
// account's opportunities a new version, which must not be one another spec is about to use.
// Everything else the matrix sends is refused or changes nothing (stale versions, invalid targets).
import path from "node:path";
import Database from "better-sqlite3";
import { ROOT } from "./enumerate";
import { PERSONAS, type SignedInPersona } from "./personas";

export type Records = {
  /** An account owned by Ava (team North), the one whose offers come last in her queue. */
  avaAccount: string;
  /** An open, non-holdout call-list opportunity of the active scoring run, assigned to Ava, on avaAccount. */
  avaOpportunity: string;
  /** A holdout opportunity of Ava's (the control group: never offered, so not found for anyone). */
  avaHoldoutOpportunity: string;
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
        `WITH offers AS (
           SELECT o.id, o.accountId, o.expectedValue, MAX(o.expectedValue) OVER (PARTITION BY o.accountId) AS best
             FROM Opportunity o
             JOIN Account a ON a.id = o.accountId
             JOIN ScoringRun r ON r.id = o.runId AND r.active = 1
            WHERE a.ownerId = ? AND o.assigneeId = ? AND o.status = 'OPEN' AND o.holdout = 0 AND a.doNotContact = 0 AND o.channel = 'CALL')
         SELECT id AS opportunity, accountId AS account FROM offers ORDER BY best, accountId, expectedValue, id LIMIT 1`,
      )
      .get(ava, ava) as { opportunity: string; account: string } | undefined;
    if (!row) throw new Error(`No open opportunity of Ava's in the active run of ${databaseFile()}: is the e2e database seeded and scored?`);
    const holdout = db
      .prepare(
        `SELECT o.id FROM Opportunity o JOIN ScoringRun r ON r.id = o.runId AND r.active = 1
          WHERE o.assigneeId = ? AND o.holdout = 1 ORDER BY o.id LIMIT 1`,
      )
      .get(ava) as { id: string } | undefined;
    if (!holdout) throw new Error(`No holdout opportunity of Ava's in the active run of ${databaseFile()}`);
    return { avaAccount: row.account, avaOpportunity: row.opportunity, avaHoldoutOpportunity: holdout.id, users, missing: "matrix_no_such_record" };
  } finally {
    db.close();
  }
}

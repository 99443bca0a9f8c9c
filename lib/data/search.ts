import "server-only";
import { db } from "@/lib/db";
import { sqliteFilePath } from "@/lib/db-url";
import type { Prisma } from "@/lib/generated/prisma/client";

// The database seam of the name search. Prisma's `contains` becomes `LIKE '%term%'` and escapes nothing,
// so a `%` or `_` typed into the search box would match every name. PostgreSQL's LIKE takes backslash as
// its default escape character; SQLite's LIKE has no escape character unless the statement says ESCAPE,
// which Prisma never does, so there a term with a wildcard is matched with instr() in one raw query.

/**
 * At most this many ids go into the `IN (...)` list: one SQLite statement binds at most 32,766 values
 * (lib/prisma-client.ts reports the limit to Prisma), and the list query binds its scope, filters and
 * paging besides.
 */
export const MAX_LITERAL_MATCHES = 30_000;

const LIKE_WILDCARD = /[%_]/;

/** Escapes a term for PostgreSQL's LIKE (default escape character: backslash, which is escaped too). */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, "\\$&");
}

const isSqlite = () => sqliteFilePath() !== null;

/**
 * Accounts whose name contains `q` literally (case-insensitively: `searchName` is the lower-cased name).
 * Ordinary terms stay one `LIKE` in the list query, as before. On SQLite a term containing `%` or `_`
 * becomes the ids of the names that contain it (instr() scans the table as the LIKE does). Names with a
 * literal % or _ are rare; should more than MAX_LITERAL_MATCHES contain the term, the first ones by name
 * are kept (before the actor's scope applies) rather than failing the page.
 */
export async function accountNameWhere(q: string): Promise<Prisma.AccountWhereInput> {
  const term = q.toLowerCase();
  if (!isSqlite()) return { searchName: { contains: escapeLike(term) } };
  if (!LIKE_WILDCARD.test(term)) return { searchName: { contains: term } };
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Account" WHERE instr("searchName", ${term}) > 0
    ORDER BY "searchName", "id" LIMIT ${MAX_LITERAL_MATCHES}`;
  return { id: { in: rows.map((r) => r.id) } };
}

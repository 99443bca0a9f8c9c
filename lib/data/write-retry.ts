import "server-only";
import { isWriteConflict } from "@/lib/errors";

/**
 * Runs a write transaction, retrying when the database reports a lock conflict
 * (SQLite's single writer, or a PostgreSQL serialization failure). Other errors pass through.
 */
export async function withWriteRetry<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  let delay = 15;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !isWriteConflict(e)) throw e;
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
      delay *= 2;
    }
  }
}

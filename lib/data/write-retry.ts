import "server-only";

const BUSY = /SQLITE_BUSY|database is locked|SocketTimeout|TransactionWriteConflict|could not serialize/i;

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
      const message = e instanceof Error ? `${e.name} ${e.message}` : String(e);
      if (i >= attempts || !BUSY.test(message)) throw e;
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
      delay *= 2;
    }
  }
}

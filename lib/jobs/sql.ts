/**
 * Job writes as single statements, the same text on both databases (placeholders and JSON casts differ).
 * Why not Prisma's updateMany: on SQLite it runs UPDATE and COMMIT as two asynchronous steps, holding the
 * write lock across an await. Another connection of the same process (the scoring store's better-sqlite3
 * connection in a worker) that writes meanwhile busy-waits synchronously, so the COMMIT never gets its
 * turn until the busy timeout fails one of them. A single autocommit statement holds the lock only while
 * it runs. On PostgreSQL, each statement is atomic on its own as well.
 */
import type { DatabaseProvider } from "@/lib/db-url";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** A value written to a Json column. */
export class JsonValue {
  constructor(readonly value: unknown) {}
}
export const json = (value: unknown) => new JsonValue(value);

/** Values for `IN (...)`: one placeholder each. */
export class ListValue {
  constructor(readonly values: readonly unknown[]) {}
}
export const list = (values: readonly unknown[]) => new ListValue(values);

export type Sql = {
  /** Runs one statement; resolves to the rows changed. */
  exec(strings: TemplateStringsArray, ...values: unknown[]): Promise<number>;
  /** Runs one statement with RETURNING (or a SELECT); resolves to its rows. */
  rows<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]>;
};

export function sqlFor(db: PrismaClient, provider: DatabaseProvider): Sql {
  const build = (strings: TemplateStringsArray, values: unknown[]) => {
    let text = strings[0];
    const args: unknown[] = [];
    const placeholder = (v: unknown, cast = "") => {
      args.push(v);
      return provider === "postgresql" ? `$${args.length}${cast}` : "?";
    };
    values.forEach((v, i) => {
      // json(undefined) is SQL NULL (e.g. COALESCE(value, "column") to keep the column).
      if (v instanceof JsonValue) text += placeholder(v.value === undefined ? null : JSON.stringify(v.value), "::jsonb");
      else if (v instanceof ListValue) text += v.values.map((x) => placeholder(x)).join(", ");
      else text += placeholder(v);
      text += strings[i + 1];
    });
    return { text, args };
  };
  return {
    exec(strings, ...values) {
      const { text, args } = build(strings, values);
      return db.$executeRawUnsafe(text, ...args);
    },
    rows<T>(strings: TemplateStringsArray, ...values: unknown[]) {
      const { text, args } = build(strings, values);
      return db.$queryRawUnsafe<T[]>(text, ...args);
    },
  };
}

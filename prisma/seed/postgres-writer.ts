// Seed writer for PostgreSQL (node-postgres): every table loaded with COPY FROM STDIN in text format,
// all in one transaction. The secondary indexes and the foreign keys of the three big tables are
// dropped for the load and rebuilt afterwards: one sort per index and one join per foreign key are
// far cheaper than maintaining them row by row, and DDL is transactional, so a failed load leaves
// the schema as it was. Values use the formats of the PostgreSQL migration (TIMESTAMP(3) holding UTC,
// JSONB, enum types, BOOLEAN), so Prisma reads them back as the SQLite writer's rows.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { GENESIS_HASH } from "../../lib/audit/chain";
import { DATA_TABLES, SEEDED_TABLES, SeedValueError, type PhaseReporter, type SeededTable, type SeedWriter } from "./seed-writer";
import { chunksOf } from "./row-source";
import type { Rows, SeedTables } from "./types";

type Kind = "text" | "int" | "float" | "bool" | "timestamp" | "json";
type Column = readonly [name: string, kind: Kind];

const BIG_TABLES = ["Account", "Order", "OrderLine"];

/** Columns written per table, in load order (parents first). Names match the row objects' keys. */
const TABLES: { table: SeededTable; columns: readonly Column[] }[] = [
  { table: "Team", columns: [["id", "text"], ["name", "text"], ["createdAt", "timestamp"]] },
  {
    table: "User",
    columns: [
      ["id", "text"], ["email", "text"], ["name", "text"], ["role", "text"], ["teamId", "text"], ["passwordHash", "text"], ["active", "bool"],
      ["failedLoginCount", "int"], ["lockedUntil", "timestamp"], ["lastLoginAt", "timestamp"], ["sessionVersion", "int"], ["createdAt", "timestamp"],
      ["updatedAt", "timestamp"],
    ],
  },
  {
    table: "Product",
    columns: [
      ["id", "text"], ["sku", "text"], ["name", "text"], ["category", "text"], ["priceCents", "int"], ["unitCostCents", "int"], ["active", "bool"],
      ["regulated", "bool"], ["description", "text"], ["createdAt", "timestamp"], ["updatedAt", "timestamp"],
    ],
  },
  {
    table: "ProductPair",
    columns: [
      ["id", "text"], ["sourceProductId", "text"], ["targetProductId", "text"], ["type", "text"], ["bundleDiscountPct", "float"], ["talkingPoints", "text"],
      ["objectionHandling", "text"], ["windowMinDays", "int"], ["windowMaxDays", "int"], ["eligibleSegments", "json"], ["origin", "text"],
      ["minedRuleId", "text"], ["active", "bool"], ["suppressed", "bool"], ["version", "int"], ["updatedById", "text"], ["createdAt", "timestamp"],
      ["updatedAt", "timestamp"],
    ],
  },
  { table: "Setting", columns: [["key", "text"], ["value", "json"], ["updatedById", "text"], ["updatedAt", "timestamp"]] },
  {
    table: "Account",
    columns: [
      ["id", "text"], ["externalId", "text"], ["name", "text"], ["searchName", "text"], ["kind", "text"], ["ownerId", "text"], ["contactName", "text"],
      ["phone", "text"], ["email", "text"], ["industry", "text"], ["region", "text"], ["city", "text"], ["doNotContact", "bool"], ["phoneConsent", "bool"],
      ["emailConsent", "bool"], ["orderCount", "int"], ["revenueCents", "int"], ["firstOrderAt", "timestamp"], ["lastOrderAt", "timestamp"],
      ["createdAt", "timestamp"], ["updatedAt", "timestamp"], ["teamId", "text"],
    ],
  },
  {
    table: "Order",
    columns: [["id", "text"], ["orderNumber", "text"], ["accountId", "text"], ["orderedAt", "timestamp"], ["channel", "text"], ["totalCents", "int"]],
  },
  {
    table: "OrderLine",
    columns: [
      ["id", "text"], ["orderId", "text"], ["accountId", "text"], ["orderedAt", "timestamp"], ["productId", "text"], ["quantity", "int"],
      ["unitPriceCents", "int"], ["returnedQuantity", "int"], ["opportunityId", "text"],
    ],
  },
];

/** Rows per chunk handed to the COPY stream (a few hundred kilobytes of text). */
const CHUNK_ROWS = 4000;

const COPY_SPECIAL = /[\\\n\r\t\0]/;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
// JSON.stringify writes a NUL inside a string as \u0000 (preceded by an even number of backslashes); JSONB refuses it.
const JSON_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/;

/** DateTime as TIMESTAMP(3) text in UTC ("2026-11-15T08:30:00.000"); the column has no time zone. */
function postgresTimestamp(date: Date): string {
  return date.toISOString().slice(0, 23);
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Encodes one table's rows as COPY text lines; refuses NUL characters, which PostgreSQL cannot store. */
function* copyChunks(table: string, columns: readonly Column[], source: Rows<object>): Generator<string> {
  const names = columns.map((c) => c[0]);
  const kinds = columns.map((c) => c[1]);
  const width = columns.length;
  const fields: string[] = new Array(width);
  // An order's lines share its Date object: format each timestamp once.
  let lastDate: Date | null = null;
  let lastText = "";
  for (const rows of chunksOf(source, CHUNK_ROWS)) {
    const lines: string[] = new Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const record = rows[r] as Record<string, unknown>;
      for (let c = 0; c < width; c++) {
        const value = record[names[c]];
        if (value === null || value === undefined) {
          fields[c] = "\\N";
          continue;
        }
        switch (kinds[c]) {
          case "text": {
            const s = value as string;
            fields[c] = COPY_SPECIAL.test(s) ? escapeText(s, table, names[c], record) : s;
            break;
          }
          case "timestamp":
            if (value !== lastDate) {
              lastDate = value as Date;
              lastText = postgresTimestamp(lastDate);
            }
            fields[c] = lastText;
            break;
          case "bool":
            fields[c] = value ? "t" : "f";
            break;
          case "json": {
            const json = JSON.stringify(value);
            if (JSON_NUL.test(json)) throw nulError(table, names[c], record);
            fields[c] = COPY_SPECIAL.test(json) ? escapeText(json, table, names[c], record) : json;
            break;
          }
          default:
            fields[c] = String(value);
        }
      }
      lines[r] = fields.join("\t");
    }
    yield lines.join("\n") + "\n";
  }
}

function escapeText(s: string, table: string, column: string, row: Record<string, unknown>): string {
  if (s.includes("\0")) throw nulError(table, column, row);
  return s.replace(/[\\\n\r\t]/g, (ch) => COPY_ESCAPES[ch]);
}

function nulError(table: string, column: string, row: Record<string, unknown>): SeedValueError {
  return new SeedValueError(table, column, String(row.id ?? row.key), "contains a NUL character (U+0000), which PostgreSQL cannot store; fix the generator");
}

export class PostgresSeedWriter implements SeedWriter {
  readonly provider = "postgresql";
  private closed = false;

  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<PostgresSeedWriter> {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
    } catch (error) {
      // Name the server and database, never the password.
      const target = new URL(url);
      throw new Error(`cannot connect to PostgreSQL at ${target.host}${target.pathname}: ${(error as Error).message}`, { cause: error });
    }
    return new PostgresSeedWriter(client);
  }

  async missingTables(): Promise<string[]> {
    const { rows } = await this.client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()");
    const present = new Set(rows.map((r) => r.tablename));
    return DATA_TABLES.filter((t) => !present.has(t));
  }

  async isEmpty(): Promise<boolean> {
    const { rows } = await this.client.query('SELECT EXISTS (SELECT 1 FROM "User") AS "any"');
    return !rows[0].any;
  }

  /**
   * TRUNCATE instead of DELETE: no dead rows to vacuum afterwards. CASCADE also empties tables added
   * later that point at these (a reset must not fail on them); _prisma_migrations is untouched.
   */
  async clear(): Promise<void> {
    await this.transaction(async () => {
      await this.client.query(`TRUNCATE ${DATA_TABLES.map(quoteIdent).join(", ")}, "LoginFailure" CASCADE`);
      // The audit log starts over, so its hash chain does too (sequence 0, the genesis hash).
      await this.client.query('UPDATE "AuditHead" SET "seq" = 0, "hash" = $1 WHERE "id" = 1', [GENESIS_HASH]);
    });
  }

  async write(data: SeedTables, report: PhaseReporter = () => {}): Promise<void> {
    let t = performance.now();
    const lap = (phase: string) => {
      const now = performance.now();
      report(phase, now - t);
      t = now;
    };
    await this.transaction(async () => {
      await this.client.query("SET LOCAL maintenance_work_mem = '512MB'");
      const { indexes, foreignKeys } = await this.deferredObjects();
      for (const fk of foreignKeys) await this.client.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${quoteIdent(fk.name)}`);
      for (const index of indexes) await this.client.query(`DROP INDEX ${index.name}`);
      lap("drop indexes");
      for (const { table, columns } of TABLES) {
        const rows = data[SEEDED_TABLES[table]] as Rows<object>;
        const sql = `COPY ${quoteIdent(table)} (${columns.map((c) => quoteIdent(c[0])).join(", ")}) FROM STDIN`;
        await pipeline(Readable.from(copyChunks(table, columns, rows)), this.client.query(copyFrom(sql)));
        if (BIG_TABLES.includes(table) || table === "Setting") lap(table === "Setting" ? "small tables" : `copy ${table}`);
      }
      for (const index of indexes) {
        await this.client.query(index.def);
        lap(`index ${index.label}`);
      }
      for (const fk of foreignKeys) {
        await this.client.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.def}`);
        lap(`foreign key ${fk.name}`);
      }
    });
    lap("commit");
    // Fresh statistics, or the planner guesses at the new tables until autovacuum gets to them.
    await this.client.query(`ANALYZE ${Object.keys(SEEDED_TABLES).map(quoteIdent).join(", ")}`);
    lap("analyze");
  }

  async countRows(): Promise<Record<SeededTable, number>> {
    const tables = Object.keys(SEEDED_TABLES) as SeededTable[];
    const { rows } = await this.client.query(`SELECT ${tables.map((t) => `(SELECT COUNT(*) FROM ${quoteIdent(t)}) AS ${quoteIdent(t)}`).join(", ")}`);
    const counts = {} as Record<SeededTable, number>;
    for (const table of tables) counts[table] = Number(rows[0][table]);
    return counts;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.end();
  }

  /**
   * Secondary indexes of the big tables that no constraint uses (a primary key, or the unique index a
   * foreign key points at, stays), and the foreign keys of the big tables, with their definitions.
   */
  private async deferredObjects() {
    const indexes = await this.client.query<{ name: string; label: string; def: string }>(
      `SELECT i.indexrelid::regclass::text AS name, ic.relname AS label, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        ORDER BY c.relname, ic.relname`,
      [BIG_TABLES],
    );
    const foreignKeys = await this.client.query<{ tbl: string; name: string; def: string }>(
      `SELECT k.conrelid::regclass::text AS tbl, k.conname AS name, pg_get_constraintdef(k.oid) AS def
         FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
        WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1)
        ORDER BY c.relname, k.conname`,
      [BIG_TABLES],
    );
    return { indexes: indexes.rows, foreignKeys: foreignKeys.rows };
  }

  private async transaction(work: () => Promise<void>): Promise<void> {
    await this.client.query("BEGIN");
    try {
      await work();
      await this.client.query("COMMIT");
    } catch (error) {
      await this.client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  }
}

// The import's PostgreSQL driver: one node-postgres connection; bulk inserts are COPY FROM STDIN (text
// format) straight into the tables, bulk updates COPY into a temporary staging table dropped at commit
// and one UPDATE ... FROM it. Timestamps are read as text (TIMESTAMP(3) holds UTC without a zone).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { ColumnSpec, ImportDriver, Value } from "./driver";

const TIMESTAMP_OID = 1114;
const CHUNK = 4000;
const SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function copyField(v: Value, kind: ColumnSpec[1]): string {
  if (v === null || v === undefined) return "\\N";
  let s: string;
  if (kind === "bool") return v ? "t" : "f";
  if (kind === "ts") return new Date(v as number).toISOString().slice(0, 23);
  if (kind === "json") s = JSON.stringify(v);
  else s = String(v);
  // PostgreSQL text cannot hold NUL; the import's values come from a text file, so drop it.
  if (s.includes("\0")) s = s.replace(/\0/g, "");
  return SPECIAL.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]) : s;
}

function* copyText(columns: readonly ColumnSpec[], rows: readonly Value[][]): Generator<string> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const end = Math.min(rows.length, i + CHUNK);
    const lines: string[] = [];
    for (let r = i; r < end; r++) lines.push(rows[r].map((v, c) => copyField(v, columns[c][1])).join("\t"));
    yield lines.join("\n") + "\n";
  }
}

const sqlType = (kind: ColumnSpec[1]) =>
  kind === "int" ? "integer" : kind === "bool" ? "boolean" : kind === "ts" ? "timestamp(3)" : kind === "json" ? "jsonb" : "text";

function toParams(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const param = (v: Value) => (v !== null && typeof v === "object" ? JSON.stringify(v) : v);

export class PostgresImportDriver implements ImportDriver {
  readonly provider = "postgresql";
  private staged = 0;
  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<PostgresImportDriver> {
    const client = new pg.Client({ connectionString: url, types: { getTypeParser: (oid, format) => (oid === TIMESTAMP_OID ? (v: string) => v : pg.types.getTypeParser(oid, format)) } });
    try {
      await client.connect();
    } catch (e) {
      const target = new URL(url);
      throw new Error(`cannot connect to PostgreSQL at ${target.host}${target.pathname}: ${(e as Error).message}`, { cause: e });
    }
    return new PostgresImportDriver(client);
  }

  async all<T>(sql: string, params: Value[] = []): Promise<T[]> {
    return (await this.client.query(toParams(sql), params.map(param))).rows as T[];
  }

  async run(sql: string, params: Value[] = []): Promise<number> {
    return (await this.client.query(toParams(sql), params.map(param))).rowCount ?? 0;
  }

  async begin() {
    await this.client.query("BEGIN");
  }
  async commit() {
    await this.client.query("COMMIT");
  }
  async rollback() {
    await this.client.query("ROLLBACK").catch(() => {});
  }

  async insertMany(table: string, columns: readonly ColumnSpec[], rows: readonly Value[][]): Promise<void> {
    if (rows.length === 0) return;
    const sql = `COPY ${quote(table)} (${columns.map((c) => quote(c[0])).join(", ")}) FROM STDIN`;
    await pipeline(Readable.from(copyText(columns, rows)), this.client.query(copyFrom(sql)));
  }

  async updateMany(table: string, columns: readonly ColumnSpec[], rows: readonly Value[][]): Promise<void> {
    if (rows.length === 0) return;
    const staging = `import_staging_${++this.staged}`;
    await this.client.query(`CREATE TEMP TABLE ${staging} (${columns.map((c) => `${quote(c[0])} ${sqlType(c[1])}`).join(", ")}) ON COMMIT DROP`);
    await pipeline(Readable.from(copyText(columns, rows)), this.client.query(copyFrom(`COPY ${staging} FROM STDIN`)));
    const set = columns
      .slice(1)
      .map(([name, kind]) => `${quote(name)} = s.${quote(name)}${kind.startsWith("enum:") ? `::${quote(kind.slice(5))}` : ""}`)
      .join(", ");
    await this.client.query(`UPDATE ${quote(table)} t SET ${set} FROM ${staging} s WHERE t."id" = s."id"`);
  }

  async close() {
    await this.client.end().catch(() => {});
  }
}

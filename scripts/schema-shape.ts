// The shape of a migrated database (tables, columns, keys, indexes, foreign keys) in terms both SQLite
// and PostgreSQL share, so the two migration sets can be compared (scripts/schema-shape.postgres.test.ts).
import Database from "better-sqlite3";
import pg from "pg";

export type ColumnShape = { type: string; nullable: boolean; hasDefault: boolean };
export type TableShape = {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  indexes: string[]; // "unique:a,b" or "index:a,b"
  foreignKeys: string[]; // "a,b->Table(x,y) on delete RESTRICT"
};
export type SchemaShape = Record<string, TableShape>;

const IGNORED = new Set(["_prisma_migrations", "sqlite_sequence"]);

/** Prisma's scalar types as each database declares them. */
function typeFamily(declared: string): string {
  const t = declared.toLowerCase();
  if (t === "text" || t.startsWith("character varying") || t === "user-defined") return "text";
  if (t === "integer" || t === "int4") return "integer";
  if (t === "bigint" || t === "int8") return "bigint";
  if (t === "real" || t === "double precision" || t === "float8") return "float";
  if (t === "datetime" || t.startsWith("timestamp")) return "datetime";
  if (t === "boolean" || t === "bool") return "boolean";
  if (t === "jsonb" || t === "json") return "json";
  return t;
}

export function sqliteShape(file: string): SchemaShape {
  const db = new Database(file, { readonly: true });
  try {
    const shape: SchemaShape = {};
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
    for (const { name } of tables) {
      if (IGNORED.has(name)) continue;
      const cols = db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }[];
      const table: TableShape = { columns: {}, primaryKey: [], indexes: [], foreignKeys: [] };
      for (const c of cols) table.columns[c.name] = { type: typeFamily(c.type), nullable: c.notnull === 0 && c.pk === 0, hasDefault: c.dflt_value !== null };
      table.primaryKey = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
      for (const ix of db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number; origin: string }[]) {
        if (ix.origin === "pk") continue;
        const cs = (db.prepare(`PRAGMA index_xinfo("${ix.name}")`).all() as { name: string | null; desc: number; key: number }[])
          .filter((c) => c.key === 1)
          .map((c) => `${c.name}${c.desc ? " desc" : ""}`);
        table.indexes.push(`${ix.unique ? "unique" : "index"}:${cs.join(",")}`);
      }
      const fks = db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { id: number; table: string; from: string; to: string; on_delete: string }[];
      for (const id of [...new Set(fks.map((f) => f.id))]) {
        const parts = fks.filter((f) => f.id === id);
        table.foreignKeys.push(`${parts.map((p) => p.from).join(",")}->${parts[0].table}(${parts.map((p) => p.to).join(",")}) on delete ${parts[0].on_delete}`);
      }
      table.indexes.sort();
      table.foreignKeys.sort();
      shape[name] = table;
    }
    return shape;
  } finally {
    db.close();
  }
}

export async function postgresShape(url: string): Promise<SchemaShape> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const shape: SchemaShape = {};
    const cols = await c.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
      `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    );
    for (const r of cols.rows) {
      if (IGNORED.has(r.table_name)) continue;
      shape[r.table_name] ??= { columns: {}, primaryKey: [], indexes: [], foreignKeys: [] };
      shape[r.table_name].columns[r.column_name] = { type: typeFamily(r.data_type), nullable: r.is_nullable === "YES", hasDefault: r.column_default !== null };
    }
    const idx = await c.query<{ table: string; unique: boolean; primary: boolean; cols: string[] }>(
      `SELECT t.relname AS table, i.indisunique AS unique, i.indisprimary AS primary,
              array_agg(a.attname || CASE WHEN (i.indoption[k.n - 1] & 1) = 1 THEN ' desc' ELSE '' END ORDER BY k.n) AS cols
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace ns ON ns.oid = t.relnamespace AND ns.nspname = 'public'
       CROSS JOIN LATERAL unnest(i.indkey::int[]) WITH ORDINALITY AS k(attnum, n)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       GROUP BY t.relname, i.indexrelid, i.indisunique, i.indisprimary`,
    );
    for (const r of idx.rows) {
      const table = shape[r.table];
      if (!table) continue;
      if (r.primary) table.primaryKey = r.cols;
      else table.indexes.push(`${r.unique ? "unique" : "index"}:${r.cols.join(",")}`);
    }
    const fks = await c.query<{ table: string; cols: string[]; ref: string; refcols: string[]; del: string }>(
      `SELECT t.relname AS table, r.relname AS ref,
              (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(con.conkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum) AS cols,
              (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum) AS refcols,
              CASE con.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END AS del
       FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
       JOIN pg_namespace ns ON ns.oid = t.relnamespace AND ns.nspname = 'public'
       WHERE con.contype = 'f'`,
    );
    for (const r of fks.rows) shape[r.table]?.foreignKeys.push(`${r.cols.join(",")}->${r.ref}(${r.refcols.join(",")}) on delete ${r.del}`);
    for (const t of Object.values(shape)) {
      t.indexes.sort();
      t.foreignKeys.sort();
    }
    return shape;
  } finally {
    await c.end();
  }
}

// The tamper-evident audit chain: every row carries seq (1, 2, 3, ...), the previous row's hash and
// sha256 over its own content and that prevHash. Editing, deleting, reordering or inserting a row
// breaks the chain from that row on; the singleton AuditHead (seq and hash of the last row) catches a
// truncated tail. No "server-only": the verify CLI uses this module too.
import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export const GENESIS_HASH = "0".repeat(64);
const HEAD_ID = 1;

/** One audit row as hashed: exactly what the database stores and gives back. */
export type ChainedContent = {
  seq: number;
  prevHash: string;
  createdAt: Date;
  userId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Prisma.JsonValue | null;
  ip: string | null;
  userAgent: string | null;
};

export type AppendEntry = {
  userId?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Prisma.InputJsonValue;
  ip?: string | null;
  userAgent?: string | null;
};

// Lone surrogates would be written to the database as U+FFFD and so hash differently when read back.
const wellFormed = (s: string): string => s.toWellFormed();
const text = (s: string | null | undefined): string | null => (s == null ? null : wellFormed(s));

/** Recursively sorted keys, strings made well-formed; arrays keep their order. */
function canonicalJson(v: unknown): unknown {
  if (typeof v === "string") return wellFormed(v);
  // SQLite stores JSON numbers with at most 16 significant digits (1.4170401195049083 comes back as
  // 1.417040119504908): fractions are kept to 15, which every database returns exactly.
  if (typeof v === "number" && Number.isFinite(v) && !Number.isInteger(v)) return Number(v.toPrecision(15));
  if (Array.isArray(v)) return v.map(canonicalJson);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[wellFormed(k)] = canonicalJson((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/**
 * JSON as a database stores and returns it: through JSON.stringify (drops undefined, turns Dates into
 * strings, NaN into null), keys sorted. SQLite keeps the text, PostgreSQL's jsonb reorders keys and
 * normalises numbers; both parse back to this value.
 */
export function normalizeDetails(details: unknown): Prisma.JsonValue | null {
  if (details === undefined || details === null) return null;
  return canonicalJson(JSON.parse(JSON.stringify(details))) as Prisma.JsonValue;
}

/** The string that is hashed: the row's fields as JSON with sorted keys, createdAt in ISO with ms. */
export function canonicalString(row: ChainedContent): string {
  const content = {
    action: wellFormed(row.action),
    createdAt: row.createdAt.toISOString(),
    details: normalizeDetails(row.details),
    entityId: text(row.entityId),
    entityType: wellFormed(row.entityType),
    ip: text(row.ip),
    prevHash: row.prevHash,
    seq: row.seq,
    userAgent: text(row.userAgent),
    userId: text(row.userId),
  };
  return JSON.stringify(content); // keys above are in sorted order; JSON.stringify keeps insertion order
}

export function hashRow(row: ChainedContent): string {
  return createHash("sha256").update(canonicalString(row), "utf8").digest("hex");
}

/**
 * Appends one row to the chain. Call it INSIDE an interactive transaction: the head update comes
 * first, so the transaction holds SQLite's write lock (a row lock on PostgreSQL) and appenders queue
 * up instead of forking the chain; the row and the new head commit or roll back with the caller's work.
 */
export async function appendAudit(tx: Prisma.TransactionClient, entry: AppendEntry): Promise<{ id: string; seq: number; hash: string }> {
  let head: { seq: number; hash: string };
  try {
    head = await tx.auditHead.update({ where: { id: HEAD_ID }, data: { seq: { increment: 1 } }, select: { seq: true, hash: true } });
  } catch (e) {
    if ((e as { code?: string }).code !== "P2025") throw e;
    // No head row (a database made with `db push`, not the migration). Starting at seq 1 is safe: if
    // chained rows exist, the unique seq makes the insert below fail rather than fork the chain.
    head = await tx.auditHead.create({ data: { id: HEAD_ID, seq: 1, hash: GENESIS_HASH }, select: { seq: true, hash: true } });
  }
  const content: ChainedContent = {
    seq: head.seq,
    prevHash: head.hash,
    createdAt: new Date(),
    userId: text(entry.userId),
    action: wellFormed(entry.action),
    entityType: wellFormed(entry.entityType),
    entityId: text(entry.entityId),
    details: normalizeDetails(entry.details),
    ip: text(entry.ip),
    userAgent: text(entry.userAgent),
  };
  const hash = hashRow(content);
  const { details, ...rest } = content;
  const row = await tx.auditLog.create({
    data: { ...rest, ...(details === null ? {} : { details: details as Prisma.InputJsonValue }), hash },
    select: { id: true },
  });
  await tx.auditHead.update({ where: { id: HEAD_ID }, data: { hash } });
  return { id: row.id, seq: head.seq, hash };
}

export type BreakKind = "content" | "link" | "gap" | "head" | "unchained";

export type AuditChainReport = {
  ok: boolean;
  /** Chained rows checked (up to the first break). */
  checked: number;
  /** Unchained rows older than the chain: written before it existed; counted, not verifiable. */
  legacyRows: number;
  firstBroken?: { seq: number | null; id: string | null; createdAt: Date | null; kind: BreakKind; reason: string };
};

const ROW_SELECT = {
  id: true, seq: true, prevHash: true, hash: true, createdAt: true, userId: true, action: true,
  entityType: true, entityId: true, details: true, ip: true, userAgent: true,
} as const;

type StoredRow = Prisma.AuditLogGetPayload<{ select: typeof ROW_SELECT }>;
type Broken = NonNullable<AuditChainReport["firstBroken"]>;

/** The first reason this row does not continue the chain after `prev`, or null. */
function checkRow(row: StoredRow, prev: { seq: number; hash: string }): Broken | null {
  const at = { seq: row.seq, id: row.id, createdAt: row.createdAt };
  if (row.seq !== prev.seq + 1) {
    const missing = row.seq! - prev.seq - 1;
    return { ...at, kind: "gap", reason: `gap in seq: expected ${prev.seq + 1}, found ${row.seq} (${missing === 1 ? `row ${prev.seq + 1} is` : `rows ${prev.seq + 1}..${row.seq! - 1} are`} missing)` };
  }
  if (row.prevHash !== prev.hash) {
    return { ...at, kind: "link", reason: `prevHash does not match the hash of row ${prev.seq}: a row before it was deleted, reordered, inserted or rewritten` };
  }
  const content: ChainedContent = { ...row, seq: row.seq!, prevHash: row.prevHash! };
  if (hashRow(content) !== row.hash) return { ...at, kind: "content", reason: "content changed: the stored hash does not match the row" };
  return null;
}

/**
 * Walks the chain by seq in batches (constant memory whatever the table size) and reports the first
 * row that breaks it. Safe to run while the app appends: the head is read after the walk, and rows
 * committed up to then are caught up before head and last row are compared.
 */
export async function verifyAuditChain(db: PrismaClient, options: { batchSize?: number } = {}): Promise<AuditChainReport> {
  const batchSize = options.batchSize ?? 5000;
  const state = { prev: { seq: 0, hash: GENESIS_HASH }, last: null as StoredRow | null, first: null as StoredRow | null, checked: 0 };

  const walk = async (upTo?: number): Promise<Broken | null> => {
    for (;;) {
      const rows = await db.auditLog.findMany({
        where: { seq: upTo === undefined ? { gt: state.prev.seq } : { gt: state.prev.seq, lte: upTo } },
        orderBy: { seq: "asc" },
        take: batchSize,
        select: ROW_SELECT,
      });
      for (const row of rows) {
        state.first ??= row;
        const broken = checkRow(row, state.prev);
        if (broken) return broken;
        state.checked++;
        state.prev = { seq: row.seq!, hash: row.hash! };
        state.last = row;
      }
      if (rows.length < batchSize) return null;
    }
  };

  let broken = await walk();
  if (!broken) {
    const head = await db.auditHead.findUnique({ where: { id: HEAD_ID }, select: { seq: true, hash: true } });
    if (head && head.seq > state.prev.seq) broken = await walk(head.seq);
    if (!broken) broken = await headMismatch(db, head, state.prev, state.last);
  }

  // Unchained rows: before the first chained row they are legacy; after it, an insertion.
  const chainStart = state.first?.createdAt ?? null;
  const legacyRows = await db.auditLog.count({ where: { seq: null, ...(chainStart ? { createdAt: { lt: chainStart } } : {}) } });
  const unchained = chainStart
    ? await db.auditLog.findFirst({ where: { seq: null, createdAt: { gte: chainStart } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, createdAt: true } })
    : null;
  // Of two breaks, name the earlier one (a truncated tail has no row, so it is the latest).
  if (unchained && (!broken || broken.createdAt === null || unchained.createdAt < broken.createdAt)) {
    broken = { seq: null, id: unchained.id, createdAt: unchained.createdAt, kind: "unchained", reason: "unchained row (no seq) written after the chain began: inserted outside the audit writer" };
  }
  return broken ? { ok: false, checked: state.checked, legacyRows, firstBroken: broken } : { ok: true, checked: state.checked, legacyRows };
}

async function headMismatch(db: PrismaClient, head: { seq: number; hash: string } | null, prev: { seq: number; hash: string }, last: StoredRow | null): Promise<Broken | null> {
  if (!head) {
    return prev.seq === 0 ? null : { seq: null, id: null, createdAt: null, kind: "head", reason: "the chain head row is missing" };
  }
  if (head.seq > prev.seq) {
    const range = head.seq === prev.seq + 1 ? `row ${head.seq} is` : `rows ${prev.seq + 1}..${head.seq} are`;
    return { seq: prev.seq + 1, id: null, createdAt: null, kind: "head", reason: `tail truncated: the head records seq ${head.seq} but the last row is seq ${prev.seq} (${range} missing)` };
  }
  if (head.seq < prev.seq) {
    // Every row committed before the head was read is covered by it (row and head commit together).
    const beyond = await db.auditLog.findUnique({ where: { seq: head.seq + 1 }, select: { id: true, createdAt: true } });
    return { seq: head.seq + 1, id: beyond?.id ?? null, createdAt: beyond?.createdAt ?? null, kind: "head", reason: `row is beyond the chain head (seq ${head.seq}): appended without updating the head, or the head was rolled back` };
  }
  if (head.hash !== prev.hash) {
    return { seq: prev.seq, id: last?.id ?? null, createdAt: last?.createdAt ?? null, kind: "head", reason: `the chain head's hash does not match row ${prev.seq}: the last row was rewritten or the head altered` };
  }
  return null;
}

import "server-only";
import { TZDate } from "@date-fns/tz";
import { db } from "@/lib/db";
import { authorize } from "@/lib/auth/authorize";
import { getSettings } from "@/lib/data/settings";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor, type AuditFilter } from "@/lib/validations/audit";

export const AUDIT_PAGE_SIZE = 50;

/** One audit row as the page and the CSV export show it. */
export type AuditRow = {
  id: string;
  seq: number | null;
  createdAt: string;
  userId: string | null;
  userName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: unknown;
  ip: string | null;
  userAgent: string | null;
};

function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Midnight of a YYYY-MM-DD day in the business time zone. */
function startOfDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime());
}

/**
 * The filters as a where-clause. Each filter is an equality or a createdAt range, so the query reads one
 * index in (createdAt, id) order: (createdAt, id) alone, or (userId | action | entityType, createdAt, id).
 */
export async function auditWhere(filter: AuditFilter): Promise<Prisma.AuditLogWhereInput> {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (filter.actor) and.push({ userId: filter.actor });
  if (filter.action) and.push({ action: filter.action });
  if (filter.entity) and.push({ entityType: filter.entity });
  if (filter.entityId) and.push({ entityId: filter.entityId });
  if (filter.from || filter.to) {
    const { timeZone } = await getSettings();
    const range: Prisma.DateTimeFilter = {};
    if (filter.from) range.gte = startOfDay(filter.from, timeZone);
    // "to" is inclusive: up to the start of the next day.
    if (filter.to) range.lt = startOfDay(nextDay(filter.to), timeZone);
    and.push({ createdAt: range });
  }
  return and.length ? { AND: and } : {};
}

const SELECT = {
  id: true, seq: true, createdAt: true, userId: true, action: true, entityType: true, entityId: true, details: true, ip: true, userAgent: true,
  user: { select: { name: true } },
} as const;

type Stored = Prisma.AuditLogGetPayload<{ select: typeof SELECT }>;

const toRow = (r: Stored): AuditRow => ({
  id: r.id, seq: r.seq, createdAt: r.createdAt.toISOString(), userId: r.userId, userName: r.user?.name ?? null, action: r.action,
  entityType: r.entityType, entityId: r.entityId, details: r.details, ip: r.ip, userAgent: r.userAgent,
});

/** Rows strictly older (`dir` "older") or newer than the cursor row, in the (createdAt, id) order. */
function beyond(c: string, dir: "older" | "newer"): Prisma.AuditLogWhereInput {
  const { createdAt, id } = decodeCursor(c);
  // A range on createdAt (which the index reads in order from the cursor) minus the cursor's own instant up
  // to its id, rather than an OR of the two, which neither database turns into one index range.
  return dir === "older"
    ? { createdAt: { lte: createdAt }, NOT: { createdAt, id: { gte: id } } }
    : { createdAt: { gte: createdAt }, NOT: { createdAt, id: { lte: id } } };
}

/** One page of rows, newest first, by keyset (never OFFSET): the cost is the page, whatever the table's size. */
export async function listAudit(
  actor: Actor,
  filter: AuditFilter,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<{ rows: AuditRow[]; older: string | null; newer: string | null }> {
  await authorize(actor, "audit:read", "AuditLog");
  const where = await auditWhere(filter);
  const newerPage = !!filter.before && !filter.after;
  const cursor = filter.after ? beyond(filter.after, "older") : filter.before ? beyond(filter.before, "newer") : null;
  const dir = newerPage ? "asc" : "desc";
  const found = await db.auditLog.findMany({
    where: cursor ? { AND: [where, cursor] } : where,
    orderBy: [{ createdAt: dir }, { id: dir }],
    take: pageSize + 1,
    select: SELECT,
  });
  const more = found.length > pageSize;
  const page = found.slice(0, pageSize);
  if (newerPage) page.reverse();
  const rows = page.map(toRow);
  const first = rows[0];
  const last = rows.at(-1);
  // Newest-first pages: "older" exists when more rows follow; "newer" whenever we came from a cursor.
  const older = last && (newerPage || more) ? encodeCursor(last) : null;
  const newer = first && (newerPage ? more : !!filter.after) ? encodeCursor(first) : null;
  return { rows, older, newer };
}

/** Every row matching the filter, newest first, in keyset batches (constant memory for the CSV export). */
export async function* auditRowsForExport(actor: Actor, filter: AuditFilter, batchSize = 2000): AsyncGenerator<AuditRow[]> {
  await authorize(actor, "audit:read", "AuditLog");
  const where = await auditWhere({ ...filter, after: undefined, before: undefined });
  let cursor: string | null = null;
  for (;;) {
    const batch: Stored[] = await db.auditLog.findMany({
      where: cursor ? { AND: [where, beyond(cursor, "older")] } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: batchSize,
      select: SELECT,
    });
    if (batch.length === 0) return;
    yield batch.map(toRow);
    if (batch.length < batchSize) return;
    cursor = encodeCursor(batch[batch.length - 1]);
  }
}

/** Choices of the filter form: users by name, and the entity types in use. */
export async function auditFilterOptions(actor: Actor): Promise<{ users: { id: string; name: string }[] }> {
  await authorize(actor, "audit:read", "AuditLog");
  const users = await db.user.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  return { users };
}

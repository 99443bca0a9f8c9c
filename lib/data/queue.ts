import "server-only";
import { db } from "@/lib/db";
import { opportunityScope, userScope } from "@/lib/data/scope";
import { can, rolesWith } from "@/lib/auth/permissions";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CHANNEL_OF_QUEUE, type QueueChannel, type QueueParams } from "@/lib/validations/queue";
import { accountNameWhere } from "@/lib/data/search";

export type QueueRow = {
  id: string;
  version: number;
  accountId: string;
  accountName: string;
  segment: string | null;
  clv: number | null;
  productName: string;
  category: string;
  probability: number;
  expectedValue: number;
  reasonText: string;
  lastContactAt: string | null;
  attempts: number;
  status: string;
  followUpDue: boolean;
  snoozedUntil: string | null;
  assigneeName: string;
  channel: "CALL" | "EMAIL";
  /** The account's other workable offers in this list, opened from call mode ("+2 more offers"). */
  moreOffers: number;
};

export type QueuePage = {
  rows: QueueRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  followUpsDue: number;
  /** Workable offers in the call list and in the email list (same scope and filters). */
  channelCounts: Record<QueueChannel, number>;
};

/** The active scoring run (its offers, and the worked offers carried into it, make up the queues). */
export async function activeRunId(): Promise<string | null> {
  const run = await db.scoringRun.findFirst({ where: { active: true }, select: { id: true } });
  return run?.id ?? null;
}

const contactable = (now: Date): Prisma.OpportunityWhereInput => ({ OR: [{ contactableAfter: null }, { contactableAfter: { lte: now } }] });

/**
 * What may appear in a working queue: the active run's offers that are open, or snoozed and due,
 * and contactable now. The contact cap, snoozes and follow-up dates are written into
 * `contactableAfter` when they happen (logOutcome, snooze, scoring-run activation), and
 * do-not-contact accounts have no open offers (their offers are suppressed when the flag is set and
 * never created by a run), so the queue needs no join on accounts and stays on one index.
 */
export function workableWhere(now: Date, runId: string | null): Prisma.OpportunityWhereInput {
  return { runId: runId ?? "-", holdout: false, status: { in: ["OPEN", "SNOOZED"] }, ...contactable(now) };
}

const ORDER: Record<QueueParams["sort"], (dir: "asc" | "desc") => Prisma.OpportunityOrderByWithRelationInput> = {
  expectedValue: (dir) => ({ expectedValue: dir }),
  probability: (dir) => ({ probability: dir }),
  clv: (dir) => ({ account: { clv: { sort: dir, nulls: "last" } } }),
  lastContact: (dir) => ({ lastContactAt: { sort: dir, nulls: "first" } }),
  attempts: (dir) => ({ attempts: dir }),
};

const SELECT = {
  id: true,
  version: true,
  probability: true,
  expectedValue: true,
  reasonText: true,
  lastContactAt: true,
  attempts: true,
  status: true,
  priority: true,
  snoozedUntil: true,
  channel: true,
  account: { select: { id: true, name: true, segment: true, clv: true } },
  product: { select: { name: true, category: true } },
  assignee: { select: { name: true } },
} satisfies Prisma.OpportunitySelect;

type Row = Prisma.OpportunityGetPayload<{ select: typeof SELECT }>;

function toRow(o: Row, moreOffers = 0): QueueRow {
  return {
    id: o.id,
    version: o.version,
    accountId: o.account.id,
    accountName: o.account.name,
    segment: o.account.segment,
    clv: o.account.clv,
    productName: o.product.name,
    category: o.product.category,
    probability: o.probability,
    expectedValue: o.expectedValue,
    reasonText: o.reasonText,
    lastContactAt: o.lastContactAt?.toISOString() ?? null,
    attempts: o.attempts,
    status: o.status,
    followUpDue: o.status === "SNOOZED" && o.priority === 0,
    snoozedUntil: o.snoozedUntil?.toISOString() ?? null,
    assigneeName: o.assignee.name,
    channel: o.channel === "EMAIL" ? "EMAIL" : "CALL",
    moreOffers,
  };
}

/**
 * One row per account on a page: the account's first offer in list order stands for it, with the
 * count of its other workable offers in the same list (they open from call mode), instead of the
 * same customer on consecutive rows.
 */
async function onePerAccount(rows: Row[], sameList: Prisma.OpportunityWhereInput[], now: Date): Promise<QueueRow[]> {
  const seen = new Set<string>();
  const lead = rows.filter((r) => !seen.has(r.account.id) && (seen.add(r.account.id), true));
  if (lead.length === 0) return [];
  const counts = await db.opportunity.groupBy({
    by: ["accountId"],
    where: { AND: [...sameList, { accountId: { in: lead.map((r) => r.account.id) } }, { status: { in: ["OPEN", "SNOOZED"] } }, contactable(now)] },
    _count: { _all: true },
  });
  const byAccount = new Map(counts.map((c) => [c.accountId, c._count._all]));
  return lead.map((r) => toRow(r, Math.max(0, (byAccount.get(r.account.id) ?? 1) - 1)));
}

/** Scope, rep choice and the list filters, common to every view. */
async function baseWhere(
  actor: Actor, p: Partial<Pick<QueueParams, "rep" | "segment" | "category" | "q" | "channel">>, runId: string | null,
): Promise<Prisma.OpportunityWhereInput[]> {
  const and: Prisma.OpportunityWhereInput[] = [opportunityScope(actor), { runId: runId ?? "-", holdout: false }];
  if (p.channel) and.push({ channel: CHANNEL_OF_QUEUE[p.channel] });
  // Without queue:view-others the queue is always one's own; with it, a rep within scope may be picked.
  if (!can(actor.role, "queue:view-others")) and.push({ assigneeId: actor.id });
  else if (p.rep) and.push({ assigneeId: p.rep });
  if (p.segment) and.push({ account: { segment: p.segment } });
  if (p.category) and.push({ product: { category: p.category } });
  if (p.q) and.push({ account: await accountNameWhere(p.q) });
  return and;
}

export async function listQueue(actor: Actor, p: QueueParams, now: Date = new Date()): Promise<QueuePage> {
  await authorize(actor, "opportunities:work", "Queue");
  const runId = await activeRunId();
  const base = await baseWhere(actor, p, runId);
  const order = [{ priority: "asc" as const }, ORDER[p.sort](p.dir), { id: "asc" as const }];
  // The same view of the other channel's list, for its tab.
  const other: QueueChannel = p.channel === "call" ? "email" : "call";
  const viewWhere: Prisma.OpportunityWhereInput =
    p.view === "open" ? { status: { in: ["OPEN", "SNOOZED"] }, ...contactable(now) }
    : p.view === "followups" ? { status: "SNOOZED", priority: 0, ...contactable(now) }
    : { status: p.view === "won" ? "WON" : "LOST" };
  const otherCount = db.opportunity.count({ where: { AND: [...(await baseWhere(actor, { ...p, channel: other }, runId)), viewWhere] } });

  if (p.view !== "open") {
    const where: Prisma.OpportunityWhereInput = {
      AND: [...base, p.view === "followups" ? { status: "SNOOZED", priority: 0, ...contactable(now) } : { status: p.view === "won" ? "WON" : "LOST" }],
    };
    const total = await db.opportunity.count({ where });
    const pageCount = Math.max(1, Math.ceil(total / p.pageSize));
    const page = Math.min(p.page, pageCount);
    const rows = await db.opportunity.findMany({ where, orderBy: p.view === "followups" ? order : [ORDER[p.sort](p.dir), { id: "asc" }], skip: (page - 1) * p.pageSize, take: p.pageSize, select: SELECT });
    const shown = p.view === "followups" ? await onePerAccount(rows, base, now) : rows.map((r) => toRow(r));
    const channelCounts = { [p.channel]: total, [other]: await otherCount } as Record<QueueChannel, number>;
    return { total, page, pageSize: p.pageSize, pageCount, followUpsDue: 0, channelCounts, rows: shown };
  }

  // Snoozed offers that are due come first (follow-ups the customer asked for before plain snoozes),
  // then open offers in queue order. Two index-ordered queries instead of one sort over every offer.
  const due: Prisma.OpportunityWhereInput = { AND: [...base, { status: "SNOOZED" }, contactable(now)] };
  const open: Prisma.OpportunityWhereInput = { AND: [...base, { status: "OPEN" }, contactable(now)] };
  const [dueCount, openCount, followUpsDue, otherWorkable] = await Promise.all([
    db.opportunity.count({ where: due }),
    db.opportunity.count({ where: open }),
    db.opportunity.count({ where: { AND: [...base, { status: "SNOOZED", priority: 0 }, contactable(now)] } }),
    otherCount,
  ]);
  const total = dueCount + openCount;
  const pageCount = Math.max(1, Math.ceil(total / p.pageSize));
  const page = Math.min(p.page, pageCount);
  const skip = (page - 1) * p.pageSize;
  const rows: Row[] = [];
  if (skip < dueCount) rows.push(...(await db.opportunity.findMany({ where: due, orderBy: order, skip, take: p.pageSize, select: SELECT })));
  const left = p.pageSize - rows.length;
  if (left > 0 && openCount > 0) {
    rows.push(...(await db.opportunity.findMany({ where: open, orderBy: order, skip: Math.max(0, skip - dueCount), take: left, select: SELECT })));
  }
  const channelCounts = { [p.channel]: total, [other]: otherWorkable } as Record<QueueChannel, number>;
  return { total, page, pageSize: p.pageSize, pageCount, followUpsDue, channelCounts, rows: await onePerAccount(rows, base, now) };
}

/** The first opportunity of the actor's working queue (for "next" in call mode), skipping some ids. */
export async function nextInQueue(actor: Actor, options: { rep?: string; exclude?: string[]; channel?: QueueChannel } = {}, now: Date = new Date()): Promise<string | null> {
  await authorize(actor, "opportunities:work", "Queue");
  const runId = await activeRunId();
  const base = await baseWhere(actor, { rep: options.rep, channel: options.channel ?? "call" }, runId);
  if (options.exclude?.length) base.push({ id: { notIn: options.exclude } });
  for (const status of ["SNOOZED", "OPEN"] as const) {
    const first = await db.opportunity.findFirst({
      where: { AND: [...base, { status }, contactable(now)] },
      orderBy: [{ priority: "asc" }, { expectedValue: "desc" }, { id: "asc" }],
      select: { id: true },
    });
    if (first) return first.id;
  }
  return null;
}

export type QueueFilterOptions = { reps: { id: string; name: string }[]; segments: string[]; categories: string[] };

export async function queueFilterOptions(actor: Actor): Promise<QueueFilterOptions> {
  await authorize(actor, "opportunities:work", "Queue");
  const [reps, categories] = await Promise.all([
    !can(actor.role, "queue:view-others")
      ? Promise.resolve([])
      : db.user.findMany({
          where: { AND: [userScope(actor), { role: { in: rolesWith("opportunities:assignable") }, active: true }] },
          select: { id: true, name: true },
          orderBy: { name: "asc" },
        }),
    db.product.groupBy({ by: ["category"], orderBy: { category: "asc" } }),
  ]);
  return {
    reps,
    segments: ["Champions", "Loyal", "Potential", "New", "At risk", "Hibernating", "Lost"],
    categories: categories.map((c) => c.category),
  };
}

import "server-only";
import { subDays } from "date-fns";
import { db } from "@/lib/db";
import { opportunityScope } from "@/lib/data/opportunity-scope";
import { getSettings } from "@/lib/data/settings";
import { can } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { QueueParams } from "@/lib/validations/queue";

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
};

export type QueuePage = { rows: QueueRow[]; total: number; page: number; pageSize: number; pageCount: number; followUpsDue: number };

/**
 * What may appear in a working queue: only the active scoring run's offers (offers being worked
 * are carried into each new run), never holdout or do-not-contact accounts, never snoozed
 * offers before their date, never accounts reached within the contact cap (except follow-ups
 * the customer asked for). Declined offers are closed or suppressed when the decline is logged.
 */
export function workableWhere(now: Date, contactCapDays: number): Prisma.OpportunityWhereInput {
  const capCutoff = subDays(now, contactCapDays);
  return {
    holdout: false,
    run: { active: true },
    account: { doNotContact: false },
    OR: [
      { status: "SNOOZED", priority: 0, snoozedUntil: { lte: now } },
      { status: "OPEN", account: { OR: [{ lastReachedAt: null }, { lastReachedAt: { lt: capCutoff } }] } },
    ],
  };
}

const ORDER: Record<QueueParams["sort"], (dir: "asc" | "desc") => Prisma.OpportunityOrderByWithRelationInput> = {
  expectedValue: (dir) => ({ expectedValue: dir }),
  probability: (dir) => ({ probability: dir }),
  clv: (dir) => ({ account: { clv: { sort: dir, nulls: "last" } } }),
  lastContact: (dir) => ({ lastContactAt: { sort: dir, nulls: "first" } }),
  attempts: (dir) => ({ attempts: dir }),
};

function viewWhere(view: QueueParams["view"], now: Date, capDays: number): Prisma.OpportunityWhereInput {
  switch (view) {
    case "open":
      return workableWhere(now, capDays);
    case "followups":
      return { holdout: false, run: { active: true }, account: { doNotContact: false }, status: "SNOOZED", priority: 0, snoozedUntil: { lte: now } };
    case "won":
      return { holdout: false, status: "WON" };
    case "lost":
      return { holdout: false, status: "LOST" };
  }
}

export async function listQueue(actor: Actor, p: QueueParams, now: Date = new Date()): Promise<QueuePage> {
  if (!can(actor.role, "opportunities:work")) throw notFound("Queue");
  const settings = await getSettings();
  const and: Prisma.OpportunityWhereInput[] = [opportunityScope(actor), viewWhere(p.view, now, settings.contactCapDays)];
  // A rep always sees their own queue; others may pick a rep within their scope.
  if (actor.role === "REP") and.push({ assigneeId: actor.id });
  else if (p.rep) and.push({ assigneeId: p.rep });
  if (p.segment) and.push({ account: { segment: p.segment } });
  if (p.category) and.push({ product: { category: p.category } });
  if (p.q) and.push({ account: { searchName: { contains: p.q.toLowerCase() } } });
  const where: Prisma.OpportunityWhereInput = { AND: and };

  const [total, followUpsDue] = await Promise.all([
    db.opportunity.count({ where }),
    p.view === "open" ? db.opportunity.count({ where: { AND: [...and, { status: "SNOOZED" }] } }) : Promise.resolve(0),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / p.pageSize));
  const page = Math.min(p.page, pageCount);
  const rows = await db.opportunity.findMany({
    where,
    // Due follow-ups first, then normal offers, then those with three unanswered attempts.
    orderBy: [...(p.view === "open" ? [{ priority: "asc" as const }] : []), ORDER[p.sort](p.dir), { id: "asc" }],
    skip: (page - 1) * p.pageSize,
    take: p.pageSize,
    select: {
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
      account: { select: { id: true, name: true, segment: true, clv: true } },
      product: { select: { name: true, category: true } },
      assignee: { select: { name: true } },
    },
  });
  return {
    total,
    page,
    pageSize: p.pageSize,
    pageCount,
    followUpsDue,
    rows: rows.map((o) => ({
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
    })),
  };
}

/** The first opportunity of the actor's working queue (for "next" in call mode), skipping some ids. */
export async function nextInQueue(actor: Actor, options: { rep?: string; exclude?: string[] } = {}, now: Date = new Date()): Promise<string | null> {
  if (!can(actor.role, "opportunities:work")) throw notFound("Queue");
  const settings = await getSettings();
  const and: Prisma.OpportunityWhereInput[] = [opportunityScope(actor), workableWhere(now, settings.contactCapDays)];
  if (actor.role === "REP") and.push({ assigneeId: actor.id });
  else if (options.rep) and.push({ assigneeId: options.rep });
  if (options.exclude?.length) and.push({ id: { notIn: options.exclude } });
  const first = await db.opportunity.findFirst({
    where: { AND: and },
    orderBy: [{ priority: "asc" }, { expectedValue: "desc" }, { id: "asc" }],
    select: { id: true },
  });
  return first?.id ?? null;
}

export type QueueFilterOptions = { reps: { id: string; name: string }[]; segments: string[]; categories: string[] };

export async function queueFilterOptions(actor: Actor): Promise<QueueFilterOptions> {
  const [reps, categories] = await Promise.all([
    actor.role === "REP"
      ? Promise.resolve([])
      : db.user.findMany({
          where: { role: "REP", active: true, ...(actor.role === "MANAGER" ? { teamId: actor.teamId ?? "-" } : {}) },
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

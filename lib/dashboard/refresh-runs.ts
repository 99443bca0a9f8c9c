// Run facts of the dashboard (see refresh.ts): the funnel of one scoring run's opportunities and its
// uplift (intent to treat) per owner, segment and group, as portable SELECT statements. A whole run is
// written with INSERT ... SELECT (after a scoring run); a part of a run (after an outcome) is read first,
// outside any transaction, so the write transaction that swaps it in only deletes and inserts a few rows.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;
type Reader = Pick<PrismaClient, "$queryRaw" | "opportunity">;

/**
 * A part of a run's facts: the rows of one assignee (funnel) or owner (uplift) and one segment. The
 * after-outcome refresh rebuilds just the part an outcome can change, in a short transaction; without a
 * part the whole run is built (after a scoring run).
 */
export interface FunnelPart { assigneeId: string; segment: string }
export interface UpliftPart { ownerId: string; segment: string }

/** Opportunities (alias `o`) of accounts in the segment; "" is no segment. */
function inSegment(o: string, segment: string): Prisma.Sql {
  const seg = segment === "" ? Prisma.sql`"segment" IS NULL` : Prisma.sql`"segment" = ${segment}`;
  return Prisma.sql`${Prisma.raw(`${o}."accountId"`)} IN (SELECT "id" FROM "Account" WHERE ${seg})`;
}
function funnelPart(o: string, part?: FunnelPart): Prisma.Sql {
  return part ? Prisma.sql`AND ${Prisma.raw(`${o}."assigneeId"`)} = ${part.assigneeId} AND ${inSegment(o, part.segment)}` : Prisma.empty;
}
function upliftPart(o: string, part?: UpliftPart): Prisma.Sql {
  if (!part) return Prisma.empty;
  const seg = part.segment === "" ? Prisma.sql`"segment" IS NULL` : Prisma.sql`"segment" = ${part.segment}`;
  return Prisma.sql`AND ${Prisma.raw(`${o}."accountId"`)} IN (SELECT "id" FROM "Account" WHERE "ownerId" = ${part.ownerId} AND ${seg})`;
}

const CONNECT = Prisma.sql`('NOT_INTERESTED', 'INTERESTED', 'WON', 'DO_NOT_CONTACT')`;
const team = Prisma.sql`COALESCE(a."teamId", '')`;
const segment = Prisma.sql`COALESCE(a."segment", '')`;

const FUNNEL_COLS = [
  "runId", "runDay", "teamId", "assigneeId", "segment", "category", "pairId", "holdout", "opportunities", "queued", "attempted", "connected", "interested",
  "won", "lost", "wonAmountCents", "closedAfterContact", "daysToCloseSum", "soldQuantity", "returnedQuantity", "declinePrice", "declineAlreadyOwns",
  "declineNotRelevant", "declineBadTiming", "declineOther",
] as const;
const OFFER_COLS = [
  "runId", "runDay", "windowEndDay", "teamId", "ownerId", "segment", "productId", "category", "pairId", "holdout", "accounts", "buyers", "revenueCents",
  "grossProfitCents", "contacts",
] as const;
const UPLIFT_COLS = [
  "runId", "runDay", "windowEndDay", "teamId", "ownerId", "segment", "holdout", "accounts", "buyers", "revenueCents", "grossProfitCents",
  "contactedAccounts", "contacts",
] as const;
const TEXT = new Set(["runId", "runDay", "windowEndDay", "teamId", "assigneeId", "ownerId", "segment", "productId", "category", "pairId"]);
const cols = (list: readonly string[]) => Prisma.raw(list.map((c) => `"${c}"`).join(", "));

/** Raw rows as Prisma data: counts and sums come back as number, bigint or decimal, booleans as 0/1 on SQLite. */
function normalize<T>(rows: Record<string, unknown>[], list: readonly string[]): T[] {
  return rows.map((r) => {
    const out: Record<string, unknown> = {};
    for (const c of list) {
      const v = r[c];
      out[c] = TEXT.has(c) ? String(v) : c === "holdout" ? v === true || Number(v) === 1 : Number(v ?? 0);
    }
    return out as T;
  });
}

function funnelSelect(runId: string, runDay: string, part?: FunnelPart): Prisma.Sql {
  const status = (s: string) => Prisma.sql`op."status" = ${Prisma.raw(`'${s}'`)}`;
  const lost = (reason: string) => Prisma.sql`SUM(CASE WHEN ${status("LOST")} AND op."lostReason" = ${Prisma.raw(`'${reason}'`)} THEN 1 ELSE 0 END)`;
  // Stages nest: a won offer was attempted, connected and interested even when only the win was logged.
  return Prisma.sql`
    SELECT ${runId} AS "runId", ${runDay} AS "runDay", COALESCE(u."teamId", '') AS "teamId", op."assigneeId" AS "assigneeId", ${segment} AS "segment",
      p."category" AS "category", COALESCE(op."pairId", '') AS "pairId", op."holdout" AS "holdout", COUNT(*) AS "opportunities",
      SUM(CASE WHEN op."holdout" THEN 0 WHEN ${status("SUPPRESSED")} THEN 0 ELSE 1 END) AS "queued",
      SUM(CASE WHEN x."n" > 0 OR op."attempts" > 0 OR ${status("WON")} THEN 1 ELSE 0 END) AS "attempted",
      SUM(CASE WHEN x."connects" > 0 OR ${status("WON")} THEN 1 ELSE 0 END) AS "connected",
      SUM(CASE WHEN x."interested" > 0 OR ${status("WON")} THEN 1 ELSE 0 END) AS "interested",
      SUM(CASE WHEN ${status("WON")} THEN 1 ELSE 0 END) AS "won",
      SUM(CASE WHEN ${status("LOST")} THEN 1 ELSE 0 END) AS "lost",
      SUM(CASE WHEN ${status("WON")} THEN COALESCE(op."wonAmountCents", 0) ELSE 0 END) AS "wonAmountCents",
      0 AS "closedAfterContact", 0 AS "daysToCloseSum", SUM(COALESCE(s."sold", 0)) AS "soldQuantity", SUM(COALESCE(s."returned", 0)) AS "returnedQuantity",
      ${lost("PRICE")} AS "declinePrice", ${lost("ALREADY_OWNS")} AS "declineAlreadyOwns", ${lost("NOT_RELEVANT")} AS "declineNotRelevant",
      ${lost("BAD_TIMING")} AS "declineBadTiming", ${lost("OTHER")} AS "declineOther"
    FROM "Opportunity" op
    JOIN "Account" a ON a."id" = op."accountId"
    JOIN "Product" p ON p."id" = op."productId"
    JOIN "User" u ON u."id" = op."assigneeId"
    LEFT JOIN (
      SELECT act."opportunityId" AS "oid", COUNT(*) AS "n",
        SUM(CASE WHEN act."outcome" IN ${CONNECT} THEN 1 ELSE 0 END) AS "connects",
        SUM(CASE WHEN act."outcome" = 'INTERESTED' THEN 1 ELSE 0 END) AS "interested"
      FROM "Activity" act JOIN "Opportunity" o2 ON o2."id" = act."opportunityId"
      WHERE o2."runId" = ${runId} ${funnelPart("o2", part)}
      GROUP BY act."opportunityId"
    ) x ON x."oid" = op."id"
    LEFT JOIN (
      SELECT l."opportunityId" AS "oid", SUM(l."quantity") AS "sold", SUM(l."returnedQuantity") AS "returned"
      FROM "OrderLine" l JOIN "Opportunity" o4 ON o4."id" = l."opportunityId"
      WHERE o4."runId" = ${runId} ${funnelPart("o4", part)}
      GROUP BY l."opportunityId"
    ) s ON s."oid" = op."id"
    WHERE op."runId" = ${runId} ${funnelPart("op", part)}
    GROUP BY COALESCE(u."teamId", ''), op."assigneeId", ${segment}, p."category", COALESCE(op."pairId", ''), op."holdout"`;
}

type FunnelKey = Prisma.OpportunityFactRunIdAssigneeIdSegmentCategoryPairIdHoldoutCompoundUniqueInput;

/**
 * Days from first contact to close need date differences, which SQL does not spell portably: the won
 * offers are few, so they are read and summed here, per fact row.
 */
async function daysToClose(db: Reader, runId: string, part?: FunnelPart): Promise<Map<string, { key: FunnelKey; n: number; days: number }>> {
  const won = await db.opportunity.findMany({
    where: {
      runId, status: "WON", closedAt: { not: null }, activities: { some: {} },
      ...(part ? { assigneeId: part.assigneeId, account: { segment: part.segment === "" ? null : part.segment } } : {}),
    },
    select: {
      assigneeId: true, pairId: true, holdout: true, closedAt: true,
      account: { select: { segment: true } }, product: { select: { category: true } },
      activities: { select: { createdAt: true }, orderBy: { createdAt: "asc" }, take: 1 },
    },
  });
  const sums = new Map<string, { key: FunnelKey; n: number; days: number }>();
  for (const o of won) {
    const key = { runId, assigneeId: o.assigneeId, segment: o.account.segment ?? "", category: o.product.category, pairId: o.pairId ?? "", holdout: o.holdout };
    const id = JSON.stringify(key);
    const s = sums.get(id) ?? { key, n: 0, days: 0 };
    s.n++;
    s.days += Math.max(0, (o.closedAt!.getTime() - o.activities[0].createdAt.getTime()) / 86_400_000);
    sums.set(id, s);
  }
  return sums;
}

/** A whole run's funnel, written inside the caller's transaction. */
export async function insertRunFunnel(tx: Tx, runId: string, runDay: string): Promise<void> {
  await tx.$executeRaw`INSERT INTO "OpportunityFact" (${cols(FUNNEL_COLS)}) ${funnelSelect(runId, runDay)}`;
  for (const s of (await daysToClose(tx, runId)).values()) {
    await tx.opportunityFact.update({
      where: { runId_assigneeId_segment_category_pairId_holdout: s.key },
      data: { closedAfterContact: s.n, daysToCloseSum: s.days },
    });
  }
}

/** One part of a run's funnel, read (no transaction): the rows to put in place of the part's rows. */
export async function readRunFunnel(db: Reader, runId: string, runDay: string, part: FunnelPart): Promise<Prisma.OpportunityFactCreateManyInput[]> {
  const rows = normalize<Prisma.OpportunityFactCreateManyInput>(await db.$queryRaw<Record<string, unknown>[]>(funnelSelect(runId, runDay, part)), FUNNEL_COLS);
  const sums = await daysToClose(db, runId, part);
  for (const r of rows) {
    const s = sums.get(JSON.stringify({ runId, assigneeId: r.assigneeId, segment: r.segment, category: r.category, pairId: r.pairId, holdout: r.holdout }));
    if (s) Object.assign(r, { closedAfterContact: s.n, daysToCloseSum: s.days });
  }
  return rows;
}

function upliftSelects(runId: string, runDay: string, lastDay: string, part?: UpliftPart): { offers: Prisma.Sql; uplift: Prisma.Sql } {
  const offered = Prisma.sql`
    SELECT op."accountId" AS "aid", op."productId" AS "pid", COALESCE(op."pairId", '') AS "pair", op."holdout" AS "h"
    FROM "Opportunity" op WHERE op."runId" = ${runId} ${upliftPart("op", part)}
    GROUP BY op."accountId", op."productId", COALESCE(op."pairId", ''), op."holdout"`;
  // What each account bought of each offered product within the window, net of returns.
  const bought = Prisma.sql`
    SELECT f."aid" AS "aid", f."pid" AS "pid",
      SUM((l."quantity" - l."returnedQuantity") * l."unitPriceCents") AS "rev",
      SUM((l."quantity" - l."returnedQuantity") * (l."unitPriceCents" - p."unitCostCents")) AS "gp"
    FROM (SELECT DISTINCT op."accountId" AS "aid", op."productId" AS "pid" FROM "Opportunity" op WHERE op."runId" = ${runId} ${upliftPart("op", part)}) f
    JOIN "OrderLine" l ON l."accountId" = f."aid" AND l."productId" = f."pid"
      AND l."orderedAt" >= (SELECT "startsAt" FROM "DashboardDay" WHERE "day" = ${runDay})
      AND l."orderedAt" < (SELECT "endsAt" FROM "DashboardDay" WHERE "day" = ${lastDay})
    JOIN "Product" p ON p."id" = l."productId"
    GROUP BY f."aid", f."pid"`;
  // Contacts logged on the offers of each product and pair: a pair's or category's share of the outreach cost.
  const offers = Prisma.sql`
    SELECT ${runId} AS "runId", ${runDay} AS "runDay", ${lastDay} AS "windowEndDay", ${team} AS "teamId", a."ownerId" AS "ownerId", ${segment} AS "segment",
      f."pid" AS "productId", p."category" AS "category", f."pair" AS "pairId", f."h" AS "holdout", COUNT(*) AS "accounts",
      SUM(CASE WHEN b."aid" IS NULL THEN 0 ELSE 1 END) AS "buyers", SUM(COALESCE(b."rev", 0)) AS "revenueCents", SUM(COALESCE(b."gp", 0)) AS "grossProfitCents",
      SUM(COALESCE(k."contacts", 0)) AS "contacts"
    FROM (${offered}) f
    JOIN "Account" a ON a."id" = f."aid"
    JOIN "Product" p ON p."id" = f."pid"
    LEFT JOIN (${bought}) b ON b."aid" = f."aid" AND b."pid" = f."pid"
    LEFT JOIN (
      SELECT o5."accountId" AS "aid", o5."productId" AS "pid", COALESCE(o5."pairId", '') AS "pair", COUNT(*) AS "contacts"
      FROM "Activity" act JOIN "Opportunity" o5 ON o5."id" = act."opportunityId"
      WHERE o5."runId" = ${runId} ${upliftPart("o5", part)}
      GROUP BY o5."accountId", o5."productId", COALESCE(o5."pairId", '')
    ) k ON k."aid" = f."aid" AND k."pid" = f."pid" AND k."pair" = f."pair"
    GROUP BY ${team}, a."ownerId", ${segment}, f."pid", p."category", f."pair", f."h"`;
  // Contacts on the run's offers (outreach cost), and accounts with any contact in the window (for the
  // holdout: contamination, which should be none).
  const uplift = Prisma.sql`
    SELECT ${runId} AS "runId", ${runDay} AS "runDay", ${lastDay} AS "windowEndDay", ${team} AS "teamId", a."ownerId" AS "ownerId", ${segment} AS "segment",
      x."h" AS "holdout", COUNT(*) AS "accounts", SUM(x."bought") AS "buyers", SUM(x."rev") AS "revenueCents", SUM(x."gp") AS "grossProfitCents",
      SUM(CASE WHEN EXISTS (
        SELECT 1 FROM "Activity" w WHERE w."accountId" = x."aid"
          AND w."createdAt" >= (SELECT "startsAt" FROM "DashboardDay" WHERE "day" = ${runDay})
          AND w."createdAt" < (SELECT "endsAt" FROM "DashboardDay" WHERE "day" = ${lastDay})
      ) THEN 1 ELSE 0 END) AS "contactedAccounts",
      SUM(COALESCE(k."contacts", 0)) AS "contacts"
    FROM (
      SELECT f."aid" AS "aid", f."h" AS "h", MAX(CASE WHEN b."aid" IS NULL THEN 0 ELSE 1 END) AS "bought",
        SUM(COALESCE(b."rev", 0)) AS "rev", SUM(COALESCE(b."gp", 0)) AS "gp"
      FROM (${offered}) f
      LEFT JOIN (${bought}) b ON b."aid" = f."aid" AND b."pid" = f."pid"
      GROUP BY f."aid", f."h"
    ) x
    JOIN "Account" a ON a."id" = x."aid"
    LEFT JOIN (
      SELECT act."accountId" AS "aid", COUNT(*) AS "contacts"
      FROM "Activity" act JOIN "Opportunity" o3 ON o3."id" = act."opportunityId"
      WHERE o3."runId" = ${runId} ${upliftPart("o3", part)}
      GROUP BY act."accountId"
    ) k ON k."aid" = x."aid"
    GROUP BY ${team}, a."ownerId", ${segment}, x."h"`;
  return { offers, uplift };
}

/** A whole run's uplift facts, written inside the caller's transaction. */
export async function insertRunUplift(tx: Tx, runId: string, runDay: string, lastDay: string): Promise<void> {
  const q = upliftSelects(runId, runDay, lastDay);
  await tx.$executeRaw`INSERT INTO "UpliftOfferFact" (${cols(OFFER_COLS)}) ${q.offers}`;
  await tx.$executeRaw`INSERT INTO "UpliftFact" (${cols(UPLIFT_COLS)}) ${q.uplift}`;
}

/** One part of a run's uplift facts, read (no transaction). */
export async function readRunUplift(db: Reader, runId: string, runDay: string, lastDay: string, part: UpliftPart): Promise<{
  offers: Prisma.UpliftOfferFactCreateManyInput[]; uplift: Prisma.UpliftFactCreateManyInput[];
}> {
  const q = upliftSelects(runId, runDay, lastDay, part);
  return {
    offers: normalize(await db.$queryRaw<Record<string, unknown>[]>(q.offers), OFFER_COLS),
    uplift: normalize(await db.$queryRaw<Record<string, unknown>[]>(q.uplift), UPLIFT_COLS),
  };
}

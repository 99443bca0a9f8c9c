// Run facts of the dashboard (see refresh.ts): the funnel of one scoring run's opportunities and its
// uplift (intent to treat) per owner, segment and group, as portable INSERT ... SELECT statements.
import { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

const CONNECT = Prisma.sql`('NOT_INTERESTED', 'INTERESTED', 'WON', 'DO_NOT_CONTACT')`;
const team = Prisma.sql`COALESCE(a."teamId", '')`;
const segment = Prisma.sql`COALESCE(a."segment", '')`;

export async function insertRunFunnel(tx: Tx, runId: string, runDay: string): Promise<void> {
  const status = (s: string) => Prisma.sql`op."status" = ${Prisma.raw(`'${s}'`)}`;
  const lost = (reason: string) => Prisma.sql`SUM(CASE WHEN ${status("LOST")} AND op."lostReason" = ${Prisma.raw(`'${reason}'`)} THEN 1 ELSE 0 END)`;
  // Stages nest: a won offer was attempted, connected and interested even when only the win was logged.
  await tx.$executeRaw`
    INSERT INTO "OpportunityFact" ("runId", "runDay", "teamId", "assigneeId", "segment", "category", "pairId", "holdout", "opportunities", "queued",
      "attempted", "connected", "interested", "won", "lost", "wonAmountCents", "closedAfterContact", "daysToCloseSum",
      "soldQuantity", "returnedQuantity", "declinePrice", "declineAlreadyOwns", "declineNotRelevant", "declineBadTiming", "declineOther")
    SELECT ${runId}, ${runDay}, COALESCE(u."teamId", ''), op."assigneeId", ${segment}, p."category", COALESCE(op."pairId", ''), op."holdout", COUNT(*),
      SUM(CASE WHEN op."holdout" THEN 0 WHEN ${status("SUPPRESSED")} THEN 0 ELSE 1 END),
      SUM(CASE WHEN x."n" > 0 OR op."attempts" > 0 OR ${status("WON")} THEN 1 ELSE 0 END),
      SUM(CASE WHEN x."connects" > 0 OR ${status("WON")} THEN 1 ELSE 0 END),
      SUM(CASE WHEN x."interested" > 0 OR ${status("WON")} THEN 1 ELSE 0 END),
      SUM(CASE WHEN ${status("WON")} THEN 1 ELSE 0 END),
      SUM(CASE WHEN ${status("LOST")} THEN 1 ELSE 0 END),
      SUM(CASE WHEN ${status("WON")} THEN COALESCE(op."wonAmountCents", 0) ELSE 0 END),
      0, 0, SUM(COALESCE(s."sold", 0)), SUM(COALESCE(s."returned", 0)),
      ${lost("PRICE")}, ${lost("ALREADY_OWNS")}, ${lost("NOT_RELEVANT")}, ${lost("BAD_TIMING")}, ${lost("OTHER")}
    FROM "Opportunity" op
    JOIN "Account" a ON a."id" = op."accountId"
    JOIN "Product" p ON p."id" = op."productId"
    JOIN "User" u ON u."id" = op."assigneeId"
    LEFT JOIN (
      SELECT act."opportunityId" AS "oid", COUNT(*) AS "n",
        SUM(CASE WHEN act."outcome" IN ${CONNECT} THEN 1 ELSE 0 END) AS "connects",
        SUM(CASE WHEN act."outcome" = 'INTERESTED' THEN 1 ELSE 0 END) AS "interested"
      FROM "Activity" act JOIN "Opportunity" o2 ON o2."id" = act."opportunityId"
      WHERE o2."runId" = ${runId}
      GROUP BY act."opportunityId"
    ) x ON x."oid" = op."id"
    LEFT JOIN (
      SELECT l."opportunityId" AS "oid", SUM(l."quantity") AS "sold", SUM(l."returnedQuantity") AS "returned"
      FROM "OrderLine" l JOIN "Opportunity" o4 ON o4."id" = l."opportunityId"
      WHERE o4."runId" = ${runId}
      GROUP BY l."opportunityId"
    ) s ON s."oid" = op."id"
    WHERE op."runId" = ${runId}
    GROUP BY COALESCE(u."teamId", ''), op."assigneeId", ${segment}, p."category", COALESCE(op."pairId", ''), op."holdout"`;

  // Days from first contact to close need date differences, which SQL does not spell portably: the won
  // offers are few, so they are read and summed here.
  const won = await tx.opportunity.findMany({
    where: { runId, status: "WON", closedAt: { not: null }, activities: { some: {} } },
    select: {
      assigneeId: true, pairId: true, holdout: true, closedAt: true, assignee: { select: { teamId: true } },
      account: { select: { segment: true } }, product: { select: { category: true } },
      activities: { select: { createdAt: true }, orderBy: { createdAt: "asc" }, take: 1 },
    },
  });
  const sums = new Map<string, { key: Prisma.OpportunityFactRunIdAssigneeIdSegmentCategoryPairIdHoldoutCompoundUniqueInput; n: number; days: number }>();
  for (const o of won) {
    const key = { runId, assigneeId: o.assigneeId, segment: o.account.segment ?? "", category: o.product.category, pairId: o.pairId ?? "", holdout: o.holdout };
    const id = JSON.stringify(key);
    const s = sums.get(id) ?? { key, n: 0, days: 0 };
    s.n++;
    s.days += Math.max(0, (o.closedAt!.getTime() - o.activities[0].createdAt.getTime()) / 86_400_000);
    sums.set(id, s);
  }
  for (const s of sums.values()) {
    await tx.opportunityFact.update({
      where: { runId_assigneeId_segment_category_pairId_holdout: s.key },
      data: { closedAfterContact: s.n, daysToCloseSum: s.days },
    });
  }
}

export async function insertRunUplift(tx: Tx, runId: string, runDay: string, lastDay: string): Promise<void> {
  const offered = Prisma.sql`
    SELECT op."accountId" AS "aid", op."productId" AS "pid", COALESCE(op."pairId", '') AS "pair", op."holdout" AS "h"
    FROM "Opportunity" op WHERE op."runId" = ${runId}
    GROUP BY op."accountId", op."productId", COALESCE(op."pairId", ''), op."holdout"`;
  // What each account bought of each offered product within the window, net of returns.
  const bought = Prisma.sql`
    SELECT f."aid" AS "aid", f."pid" AS "pid",
      SUM((l."quantity" - l."returnedQuantity") * l."unitPriceCents") AS "rev",
      SUM((l."quantity" - l."returnedQuantity") * (l."unitPriceCents" - p."unitCostCents")) AS "gp"
    FROM (SELECT DISTINCT op."accountId" AS "aid", op."productId" AS "pid" FROM "Opportunity" op WHERE op."runId" = ${runId}) f
    JOIN "OrderLine" l ON l."accountId" = f."aid" AND l."productId" = f."pid"
      AND l."orderedAt" >= (SELECT "startsAt" FROM "DashboardDay" WHERE "day" = ${runDay})
      AND l."orderedAt" < (SELECT "endsAt" FROM "DashboardDay" WHERE "day" = ${lastDay})
    JOIN "Product" p ON p."id" = l."productId"
    GROUP BY f."aid", f."pid"`;
  await tx.$executeRaw`
    INSERT INTO "UpliftOfferFact" ("runId", "runDay", "windowEndDay", "teamId", "ownerId", "segment", "productId", "category", "pairId", "holdout",
      "accounts", "buyers", "revenueCents", "grossProfitCents")
    SELECT ${runId}, ${runDay}, ${lastDay}, ${team}, a."ownerId", ${segment}, f."pid", p."category", f."pair", f."h", COUNT(*),
      SUM(CASE WHEN b."aid" IS NULL THEN 0 ELSE 1 END), SUM(COALESCE(b."rev", 0)), SUM(COALESCE(b."gp", 0))
    FROM (${offered}) f
    JOIN "Account" a ON a."id" = f."aid"
    JOIN "Product" p ON p."id" = f."pid"
    LEFT JOIN (${bought}) b ON b."aid" = f."aid" AND b."pid" = f."pid"
    GROUP BY ${team}, a."ownerId", ${segment}, f."pid", p."category", f."pair", f."h"`;
  // Contacts on the run's offers (outreach cost), and accounts with any contact in the window (for the
  // holdout: contamination, which should be none).
  await tx.$executeRaw`
    INSERT INTO "UpliftFact" ("runId", "runDay", "windowEndDay", "teamId", "ownerId", "segment", "holdout", "accounts", "buyers", "revenueCents",
      "grossProfitCents", "contactedAccounts", "contacts")
    SELECT ${runId}, ${runDay}, ${lastDay}, ${team}, a."ownerId", ${segment}, x."h", COUNT(*), SUM(x."bought"), SUM(x."rev"), SUM(x."gp"),
      SUM(CASE WHEN EXISTS (
        SELECT 1 FROM "Activity" w WHERE w."accountId" = x."aid"
          AND w."createdAt" >= (SELECT "startsAt" FROM "DashboardDay" WHERE "day" = ${runDay})
          AND w."createdAt" < (SELECT "endsAt" FROM "DashboardDay" WHERE "day" = ${lastDay})
      ) THEN 1 ELSE 0 END),
      SUM(COALESCE(k."contacts", 0))
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
      WHERE o3."runId" = ${runId}
      GROUP BY act."accountId"
    ) k ON k."aid" = x."aid"
    GROUP BY ${team}, a."ownerId", ${segment}, x."h"`;
}

import "server-only";
import { differenceInCalendarDays } from "date-fns";
import { db } from "@/lib/db";
import { auditView } from "@/lib/audit/log";
import { opportunityScope } from "@/lib/data/scope";
import { activeRunId, workableWhere } from "@/lib/data/queue";
import { authorize, outOfScope } from "@/lib/auth/authorize";
import { renderTemplate } from "@/lib/templates";
import type { Actor } from "@/lib/auth/actor";

export type CallContext = {
  opportunity: {
    id: string;
    version: number;
    status: string;
    workable: boolean;
    probability: number;
    expectedValue: number;
    reasonText: string;
    /** The as-of date of the scoring run that produced the reason (its numbers count days from then). */
    scoredAt: string | null;
    evidence: { label: string; value: string }[];
    attempts: number;
    lastContactAt: string | null;
    snoozedUntil: string | null;
    assigneeName: string;
    /** How this offer is worked, from the account's consent at scoring time. */
    channel: "CALL" | "EMAIL";
    /** The purchase the offer follows (for the customer-facing email draft), when there is one. */
    sourceProductName: string | null;
  };
  product: { name: string; sku: string; category: string; price: number; margin: number; marginPct: number; regulated: boolean };
  pair: { type: string; talkingPoints: string; objectionHandling: string; window: string; bundleDiscountPct: number | null } | null;
  account: {
    id: string;
    name: string;
    contactName: string;
    phone: string | null;
    email: string | null;
    doNotContact: boolean;
    phoneConsent: boolean;
    emailConsent: boolean;
    segment: string | null;
    clv: number | null;
    pAlive: number | null;
    lastOrderAt: string | null;
  };
  lastOrders: { id: string; orderNumber: string; orderedAt: string; total: number; items: string }[];
  ownedProducts: { name: string; category: string; lastBoughtAt: string }[];
  otherOpportunities: { id: string; productName: string; expectedValue: number; probability: number; reasonText: string }[];
  timeline: { id: string; at: string; userName: string; channel: string; outcome: string; notes: string | null; followUpAt: string | null }[];
};

type StoredReason = {
  kind?: string;
  sourceProductId?: string | null;
  confidence?: number | null;
  lift?: number | null;
  customers?: number | null;
  orders?: number | null;
  windowDays?: number | null;
  medianLagDays?: number | null;
  similarity?: number | null;
};

function scoredAsOf(parameters: unknown): string | null {
  const asOf = (parameters as { asOf?: unknown } | null)?.asOf;
  return typeof asOf === "string" && !Number.isNaN(Date.parse(asOf)) ? asOf : null;
}

const pct = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`;

function evidence(r: StoredReason, sourceName: string | null, daysSince: number | null): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  if (sourceName) out.push({ label: "Because of", value: daysSince == null ? sourceName : `${sourceName}, bought ${daysSince} days ago` });
  if (r.confidence != null) out.push({ label: r.kind === "basket" ? "Attach rate" : "Conversion of similar buyers", value: pct(r.confidence) });
  if (r.lift != null) out.push({ label: "Lift over base rate", value: `${r.lift.toFixed(1)}×` });
  if (r.customers != null) out.push({ label: "Customers behind it", value: r.customers.toLocaleString("en-US") });
  if (r.orders != null) out.push({ label: "Orders behind it", value: r.orders.toLocaleString("en-US") });
  if (r.windowDays != null) out.push({ label: "Window", value: `${r.windowDays} days` });
  if (r.medianLagDays != null) out.push({ label: "Median lag", value: `${Math.round(r.medianLagDays)} days` });
  if (r.similarity != null) out.push({ label: "Similarity", value: r.similarity.toFixed(2) });
  return out;
}

/** Everything a rep needs on one screen for one opportunity; NOT_FOUND outside the actor's scope. */
export async function getCallContext(actor: Actor, opportunityId: string, now: Date = new Date()): Promise<CallContext> {
  await authorize(actor, "opportunities:work", "Opportunity");
  const o = await db.opportunity.findFirst({
    where: { AND: [{ id: opportunityId, holdout: false }, opportunityScope(actor)] },
    select: {
      id: true,
      version: true,
      status: true,
      probability: true,
      expectedValue: true,
      reason: true,
      reasonText: true,
      attempts: true,
      lastContactAt: true,
      snoozedUntil: true,
      channel: true,
      run: { select: { parameters: true } },
      assignee: { select: { name: true } },
      product: { select: { id: true, name: true, sku: true, category: true, priceCents: true, unitCostCents: true, regulated: true } },
      pair: {
        select: {
          type: true,
          talkingPoints: true,
          objectionHandling: true,
          windowMinDays: true,
          windowMaxDays: true,
          bundleDiscountPct: true,
          sourceProduct: { select: { id: true, name: true } },
        },
      },
      account: {
        select: {
          id: true,
          name: true,
          contactName: true,
          phone: true,
          email: true,
          doNotContact: true,
          phoneConsent: true,
          emailConsent: true,
          segment: true,
          clv: true,
          pAlive: true,
          lastOrderAt: true,
        },
      },
    },
  });
  if (!o) throw await outOfScope(actor, "Opportunity", opportunityId);
  const runId = await activeRunId();
  const reason = (o.reason ?? {}) as StoredReason;
  const sourceId = o.pair?.sourceProduct.id ?? reason.sourceProductId ?? null;

  const [orders, owned, source, others, activities, workableCount] = await Promise.all([
    db.order.findMany({
      where: { accountId: o.account.id },
      orderBy: { orderedAt: "desc" },
      take: 5,
      select: { id: true, orderNumber: true, orderedAt: true, totalCents: true, lines: { select: { product: { select: { name: true } } }, take: 4 } },
    }),
    db.orderLine.groupBy({ by: ["productId"], where: { accountId: o.account.id }, _max: { orderedAt: true }, orderBy: { _max: { orderedAt: "desc" } }, take: 12 }),
    sourceId
      ? db.product.findUnique({ where: { id: sourceId }, select: { name: true, orderLines: { where: { accountId: o.account.id }, orderBy: { orderedAt: "desc" }, take: 1, select: { orderedAt: true } } } })
      : Promise.resolve(null),
    db.opportunity.findMany({
      where: { AND: [{ accountId: o.account.id, id: { not: o.id } }, opportunityScope(actor), workableWhere(now, runId)] },
      orderBy: { expectedValue: "desc" },
      take: 3,
      select: { id: true, expectedValue: true, probability: true, reasonText: true, product: { select: { name: true } } },
    }),
    db.activity.findMany({
      where: { accountId: o.account.id },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: { id: true, createdAt: true, channel: true, outcome: true, notes: true, followUpAt: true, user: { select: { name: true } } },
    }),
    db.opportunity.count({ where: { AND: [{ id: o.id }, workableWhere(now, runId)] } }),
  ]);
  await auditView({ userId: actor.id, action: "account.view", entityType: "Account", entityId: o.account.id, details: { via: "call", opportunityId: o.id } });
  const ownedProducts = await db.product.findMany({ where: { id: { in: owned.map((x) => x.productId) } }, select: { id: true, name: true, category: true } });
  const byId = new Map(ownedProducts.map((p) => [p.id, p]));
  const lastSourcePurchase = source?.orderLines[0]?.orderedAt ?? null;
  const daysSince = lastSourcePurchase ? differenceInCalendarDays(now, lastSourcePurchase) : null;
  const price = o.product.priceCents / 100;
  const margin = (o.product.priceCents - o.product.unitCostCents) / 100;

  const values = {
    "account.name": o.account.name,
    "contact.name": o.account.contactName,
    "source.product": source?.name ?? null,
    "target.product": o.product.name,
    days_since_purchase: daysSince,
    attach_rate: reason.confidence != null ? pct(reason.confidence) : null,
    price: `$${price.toFixed(2)}`,
    bundle_discount: o.pair?.bundleDiscountPct != null ? `${o.pair.bundleDiscountPct}%` : null,
  };

  return {
    opportunity: {
      id: o.id,
      version: o.version,
      status: o.status,
      workable: workableCount === 1,
      probability: o.probability,
      expectedValue: o.expectedValue,
      reasonText: o.reasonText,
      scoredAt: scoredAsOf(o.run.parameters),
      evidence: evidence(reason, source?.name ?? null, daysSince),
      attempts: o.attempts,
      lastContactAt: o.lastContactAt?.toISOString() ?? null,
      snoozedUntil: o.snoozedUntil?.toISOString() ?? null,
      assigneeName: o.assignee.name,
      channel: o.channel === "EMAIL" ? "EMAIL" : "CALL",
      sourceProductName: source?.name ?? null,
    },
    product: {
      name: o.product.name,
      sku: o.product.sku,
      category: o.product.category,
      price,
      margin,
      marginPct: price > 0 ? margin / price : 0,
      regulated: o.product.regulated,
    },
    pair: o.pair
      ? {
          type: o.pair.type,
          talkingPoints: renderTemplate(o.pair.talkingPoints, values),
          objectionHandling: renderTemplate(o.pair.objectionHandling, values),
          window: `${o.pair.windowMinDays}–${o.pair.windowMaxDays} days after the ${o.pair.sourceProduct.name}`,
          bundleDiscountPct: o.pair.bundleDiscountPct,
        }
      : null,
    account: { ...o.account, lastOrderAt: o.account.lastOrderAt?.toISOString() ?? null },
    lastOrders: orders.map((x) => ({
      id: x.id,
      orderNumber: x.orderNumber,
      orderedAt: x.orderedAt.toISOString(),
      total: x.totalCents / 100,
      items: x.lines.map((l) => l.product.name).join(", "),
    })),
    ownedProducts: owned.flatMap((x) => {
      const p = byId.get(x.productId);
      return p && x._max.orderedAt ? [{ name: p.name, category: p.category, lastBoughtAt: x._max.orderedAt.toISOString() }] : [];
    }),
    otherOpportunities: others.map((x) => ({ id: x.id, productName: x.product.name, expectedValue: x.expectedValue, probability: x.probability, reasonText: x.reasonText })),
    timeline: activities.map((a) => ({
      id: a.id,
      at: a.createdAt.toISOString(),
      userName: a.user.name,
      channel: a.channel,
      outcome: a.outcome,
      notes: a.notes,
      followUpAt: a.followUpAt?.toISOString() ?? null,
    })),
  };
}

import "server-only";
import { differenceInCalendarDays, subDays } from "date-fns";
import { db } from "@/lib/db";
import { authorize, outOfScope } from "@/lib/auth/authorize";
import { accountNameWhere } from "@/lib/data/search";
import { activeRunId } from "@/lib/data/queue";
import { getSettings } from "@/lib/data/settings";
import { inHoldout } from "@/lib/scoring/holdout";
import { renderTemplate, type TemplateValues } from "@/lib/templates";
import type { Actor } from "@/lib/auth/actor";
import type { PairImpactInput, TemplatePreviewInput } from "@/lib/validations/pairs";

export type PairImpact = {
  asOf: string | null;
  /** Bought the source within the window (as their last purchase of it) and not the target. */
  boughtInWindow: number;
  /** Of those: segment allowed, contactable (consent, not do-not-contact) and not in the holdout. */
  eligible: number;
  /** Eligible accounts without an open offer of the target: offers the next run may add. */
  wouldAdd: number;
  /** Eligible accounts whose open offer of the target would be tied to this pair. */
  wouldChange: number;
};

const CHUNK = 500;

/**
 * How many accounts a pair reaches now, and what it would do to open offers at the next scoring run.
 * "Now" is the latest order in the data, as the scoring run's as-of day. The run still ranks every
 * candidate against the account's other offers (offers per account are capped), so wouldAdd is an upper bound.
 */
export async function pairImpact(actor: Actor, input: PairImpactInput): Promise<PairImpact> {
  await authorize(actor, "catalog:manage", "Pair");
  const latest = await db.order.findFirst({ orderBy: { orderedAt: "desc" }, select: { orderedAt: true } });
  if (!latest) return { asOf: null, boughtInWindow: 0, eligible: 0, wouldAdd: 0, wouldChange: 0 };
  const asOf = latest.orderedAt;
  const from = subDays(asOf, input.windowMaxDays);
  const to = subDays(asOf, input.windowMinDays);
  const [inWindow, tooRecent, targetOwners] = await Promise.all([
    db.orderLine.findMany({ where: { productId: input.sourceProductId, orderedAt: { gte: from, lte: to } }, select: { accountId: true } }),
    input.windowMinDays > 0 ? db.orderLine.findMany({ where: { productId: input.sourceProductId, orderedAt: { gt: to } }, select: { accountId: true } }) : Promise.resolve([]),
    db.orderLine.findMany({ where: { productId: input.targetProductId }, select: { accountId: true } }),
  ]);
  const excluded = new Set([...tooRecent, ...targetOwners].map((l) => l.accountId));
  const candidates = [...new Set(inWindow.map((l) => l.accountId))].filter((id) => !excluded.has(id));
  const settings = await getSettings();
  const eligible: string[] = [];
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const rows = await db.account.findMany({
      where: {
        id: { in: candidates.slice(i, i + CHUNK) },
        doNotContact: false,
        OR: [{ phoneConsent: true }, { emailConsent: true }],
        ...(input.eligibleSegments.length ? { segment: { in: input.eligibleSegments } } : {}),
      },
      select: { id: true },
    });
    for (const r of rows) if (!inHoldout(r.id, settings.holdoutShare)) eligible.push(r.id);
  }
  const runId = await activeRunId();
  let wouldChange = 0;
  let withOffer = 0;
  if (runId && eligible.length) {
    const eligibleSet = new Set(eligible);
    const offers = await db.opportunity.findMany({
      where: { runId, productId: input.targetProductId, status: { in: ["OPEN", "SNOOZED"] }, holdout: false },
      select: { accountId: true, pairId: true },
    });
    for (const o of offers) {
      if (!eligibleSet.has(o.accountId)) continue;
      withOffer++;
      if (!input.id || o.pairId !== input.id) wouldChange++;
    }
  }
  return { asOf: asOf.toISOString(), boughtInWindow: candidates.length, eligible: eligible.length, wouldAdd: eligible.length - withOffer, wouldChange };
}

export type PreviewAccount = { id: string; name: string; externalId: string; segment: string | null };

/** Accounts to preview a template on, by name (admins reach every account). */
export async function findPreviewAccounts(actor: Actor, q: string): Promise<PreviewAccount[]> {
  await authorize(actor, "catalog:manage", "Pair");
  const where = q.trim() ? await accountNameWhere(q.trim()) : {};
  return db.account.findMany({ where, orderBy: { searchName: "asc" }, take: 10, select: { id: true, name: true, externalId: true, segment: true } });
}

const pct = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`;

export type TemplatePreview = { accountName: string; talkingPoints: string; objectionHandling: string; values: TemplateValues };

/**
 * Renders the templates on a real account with the values call mode uses: the account's own last
 * purchase of the source, the target's price and the attach rate of the active run's rule, if one.
 * The result is plain text, shown as a text node, as in call mode.
 */
export async function previewTemplates(actor: Actor, input: TemplatePreviewInput): Promise<TemplatePreview> {
  await authorize(actor, "catalog:manage", "Pair");
  const account = await db.account.findUnique({ where: { id: input.accountId }, select: { id: true, name: true, contactName: true } });
  if (!account) throw await outOfScope(actor, "Account", input.accountId);
  const [source, target, lastSource, rule] = await Promise.all([
    input.sourceProductId ? db.product.findUnique({ where: { id: input.sourceProductId }, select: { name: true } }) : null,
    input.targetProductId ? db.product.findUnique({ where: { id: input.targetProductId }, select: { name: true, priceCents: true } }) : null,
    input.sourceProductId
      ? db.orderLine.findFirst({ where: { accountId: account.id, productId: input.sourceProductId }, orderBy: { orderedAt: "desc" }, select: { orderedAt: true } })
      : null,
    input.sourceProductId && input.targetProductId
      ? db.minedRule.findFirst({
          where: { run: { active: true }, antecedentKey: input.sourceProductId, consequentKey: input.targetProductId },
          orderBy: { confidence: "desc" },
          select: { confidence: true },
        })
      : null,
  ]);
  const values: TemplateValues = {
    "account.name": account.name,
    "contact.name": account.contactName,
    "source.product": source?.name ?? null,
    "target.product": target?.name ?? null,
    days_since_purchase: lastSource ? differenceInCalendarDays(new Date(), lastSource.orderedAt) : null,
    attach_rate: rule ? pct(rule.confidence) : null,
    price: target ? `$${(target.priceCents / 100).toFixed(2)}` : null,
    bundle_discount: input.bundleDiscountPct != null ? `${input.bundleDiscountPct}%` : null,
  };
  return {
    accountName: account.name,
    talkingPoints: renderTemplate(input.talkingPoints, values),
    objectionHandling: renderTemplate(input.objectionHandling, values),
    values,
  };
}

import "server-only";
import { db } from "@/lib/db";
import { auditView } from "@/lib/audit/log";
import { accountScope, userScope } from "@/lib/data/scope";
import { notFound } from "@/lib/errors";
import { authorize, outOfScope } from "@/lib/auth/authorize";
import { rolesWith } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AccountListParams } from "@/lib/validations/accounts";
import { accountNameWhere } from "@/lib/data/search";

export type AccountRow = {
  id: string;
  externalId: string;
  name: string;
  kind: "PERSON" | "COMPANY";
  ownerName: string;
  region: string;
  segment: string | null;
  clv: number | null;
  revenue: number;
  orderCount: number;
  lastOrderAt: string | null;
  doNotContact: boolean;
};

export type AccountPage = { rows: AccountRow[]; total: number; page: number; pageSize: number; pageCount: number };

const SORT_FIELDS: Record<AccountListParams["sort"], (dir: "asc" | "desc") => Prisma.AccountOrderByWithRelationInput[]> = {
  name: (dir) => [{ searchName: dir }, { id: dir }],
  revenue: (dir) => [{ revenueCents: dir }, { id: dir }],
  lastOrder: (dir) => [{ lastOrderAt: { sort: dir, nulls: "last" } }, { id: dir }],
  orders: (dir) => [{ orderCount: dir }, { id: dir }],
  clv: (dir) => [{ clv: { sort: dir, nulls: "last" } }, { id: dir }],
};

async function listWhere(actor: Actor, p: AccountListParams): Promise<Prisma.AccountWhereInput> {
  const and: Prisma.AccountWhereInput[] = [accountScope(actor)];
  if (p.q) and.push(await accountNameWhere(p.q));
  if (p.segment) and.push(p.segment === "Unscored" ? { segment: null } : { segment: p.segment });
  if (p.owner) and.push({ ownerId: p.owner });
  if (p.region) and.push({ region: p.region });
  return { AND: and };
}

export async function listAccounts(actor: Actor, p: AccountListParams): Promise<AccountPage> {
  await authorize(actor, "accounts:read", "Accounts");
  const where = await listWhere(actor, p);
  const total = await db.account.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / p.pageSize));
  const page = Math.min(p.page, pageCount);
  const rows = await db.account.findMany({
    where,
    orderBy: SORT_FIELDS[p.sort](p.dir),
    skip: (page - 1) * p.pageSize,
    take: p.pageSize,
    select: {
      id: true,
      externalId: true,
      name: true,
      kind: true,
      region: true,
      segment: true,
      clv: true,
      revenueCents: true,
      orderCount: true,
      lastOrderAt: true,
      doNotContact: true,
      owner: { select: { name: true } },
    },
  });
  return {
    total,
    page,
    pageSize: p.pageSize,
    pageCount,
    rows: rows.map((a) => ({
      id: a.id,
      externalId: a.externalId,
      name: a.name,
      kind: a.kind,
      ownerName: a.owner.name,
      region: a.region,
      segment: a.segment,
      clv: a.clv,
      revenue: a.revenueCents / 100,
      orderCount: a.orderCount,
      lastOrderAt: a.lastOrderAt?.toISOString() ?? null,
      doNotContact: a.doNotContact,
    })),
  };
}

export type FilterOptions = {
  owners: { id: string; name: string }[];
  regions: string[];
  segments: string[];
};

let facetCache: { at: number; regions: string[]; segments: string[] } | null = null;
const FACET_TTL_MS = 60_000;

/** Choices for the accounts filters. Owners are limited to users the actor may see. */
export async function accountFilterOptions(actor: Actor): Promise<FilterOptions> {
  await authorize(actor, "accounts:read", "Accounts");
  const owners = await db.user.findMany({
    where: { AND: [userScope(actor), { role: { in: rolesWith("opportunities:assignable") } }] },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  if (!facetCache || Date.now() - facetCache.at > FACET_TTL_MS) {
    const [regions, segments] = await Promise.all([
      db.account.groupBy({ by: ["region"], orderBy: { region: "asc" } }),
      db.account.groupBy({ by: ["segment"], orderBy: { segment: "asc" } }),
    ]);
    facetCache = {
      at: Date.now(),
      regions: regions.map((r) => r.region),
      segments: segments.map((s) => s.segment ?? "Unscored"),
    };
  }
  return { owners, regions: facetCache.regions, segments: facetCache.segments };
}

export type AccountDetail = {
  id: string;
  externalId: string;
  name: string;
  kind: "PERSON" | "COMPANY";
  contactName: string;
  phone: string | null;
  email: string | null;
  industry: string | null;
  region: string;
  city: string | null;
  owner: { id: string; name: string; email: string };
  consent: { doNotContact: boolean; phone: boolean; email: boolean };
  segment: string | null;
  clv: number | null;
  pAlive: number | null;
  totals: {
    orders: number;
    revenue: number;
    grossSales: number;
    returnedValue: number;
    returnedUnits: number;
    unitsSold: number;
    distinctProducts: number;
    averageOrderValue: number | null;
    firstOrderAt: string | null;
    lastOrderAt: string | null;
  };
};

/** One account the actor may see, or NOT_FOUND. Records the view in the audit log (once per page load, see auditView). */
export async function getAccountDetail(actor: Actor, id: string): Promise<AccountDetail> {
  await authorize(actor, "accounts:read", "Account");
  const a = await db.account.findFirst({
    where: { AND: [{ id }, accountScope(actor)] },
    select: {
      id: true,
      externalId: true,
      name: true,
      kind: true,
      contactName: true,
      phone: true,
      email: true,
      industry: true,
      region: true,
      city: true,
      doNotContact: true,
      phoneConsent: true,
      emailConsent: true,
      segment: true,
      clv: true,
      pAlive: true,
      orderCount: true,
      revenueCents: true,
      firstOrderAt: true,
      lastOrderAt: true,
      owner: { select: { id: true, name: true, email: true } },
    },
  });
  if (!a) throw await outOfScope(actor, "Account", id);

  const [agg, products] = await Promise.all([
    db.$queryRaw<{ gross: number | null; returned: number | null; units: number | null; returnedUnits: number | null }[]>`
      SELECT SUM("quantity" * "unitPriceCents") AS "gross",
             SUM("returnedQuantity" * "unitPriceCents") AS "returned",
             SUM("quantity") AS "units",
             SUM("returnedQuantity") AS "returnedUnits"
      FROM "OrderLine" WHERE "accountId" = ${a.id}`,
    db.orderLine.groupBy({ by: ["productId"], where: { accountId: a.id } }),
  ]);
  const t = agg[0] ?? { gross: 0, returned: 0, units: 0, returnedUnits: 0 };
  await auditView({ userId: actor.id, action: "account.view", entityType: "Account", entityId: a.id });

  return {
    id: a.id,
    externalId: a.externalId,
    name: a.name,
    kind: a.kind,
    contactName: a.contactName,
    phone: a.phone,
    email: a.email,
    industry: a.industry,
    region: a.region,
    city: a.city,
    owner: a.owner,
    consent: { doNotContact: a.doNotContact, phone: a.phoneConsent, email: a.emailConsent },
    segment: a.segment,
    clv: a.clv,
    pAlive: a.pAlive,
    totals: {
      orders: a.orderCount,
      revenue: a.revenueCents / 100,
      grossSales: Number(t.gross ?? 0) / 100,
      returnedValue: Number(t.returned ?? 0) / 100,
      unitsSold: Number(t.units ?? 0),
      returnedUnits: Number(t.returnedUnits ?? 0),
      distinctProducts: products.length,
      averageOrderValue: a.orderCount > 0 ? a.revenueCents / 100 / a.orderCount : null,
      firstOrderAt: a.firstOrderAt?.toISOString() ?? null,
      lastOrderAt: a.lastOrderAt?.toISOString() ?? null,
    },
  };
}

export type PurchaseLine = {
  id: string;
  orderNumber: string;
  orderedAt: string;
  sku: string;
  productName: string;
  category: string;
  quantity: number;
  unitPrice: number;
  returnedQuantity: number;
  lineTotal: number;
};

export const HISTORY_PAGE_SIZE = 50;

/** Purchase history of an account the actor may see, newest first. */
export async function getPurchaseHistory(
  actor: Actor,
  accountId: string,
  page: number,
): Promise<{ rows: PurchaseLine[]; total: number; page: number; pageCount: number }> {
  await authorize(actor, "accounts:read", "Account");
  const visible = await db.account.findFirst({ where: { AND: [{ id: accountId }, accountScope(actor)] }, select: { id: true } });
  if (!visible) throw notFound("Account");
  const total = await db.orderLine.count({ where: { accountId } });
  const pageCount = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const lines = await db.orderLine.findMany({
    where: { accountId },
    orderBy: [{ orderedAt: "desc" }, { id: "asc" }],
    skip: (current - 1) * HISTORY_PAGE_SIZE,
    take: HISTORY_PAGE_SIZE,
    select: {
      id: true,
      orderedAt: true,
      quantity: true,
      unitPriceCents: true,
      returnedQuantity: true,
      order: { select: { orderNumber: true } },
      product: { select: { sku: true, name: true, category: true } },
    },
  });
  return {
    total,
    page: current,
    pageCount,
    rows: lines.map((l) => ({
      id: l.id,
      orderNumber: l.order.orderNumber,
      orderedAt: l.orderedAt.toISOString(),
      sku: l.product.sku,
      productName: l.product.name,
      category: l.product.category,
      quantity: l.quantity,
      unitPrice: l.unitPriceCents / 100,
      returnedQuantity: l.returnedQuantity,
      lineTotal: ((l.quantity - l.returnedQuantity) * l.unitPriceCents) / 100,
    })),
  };
}

/**
 * What the database already holds, read through the import driver with portable SQL: the records a file
 * is upserted against, the people new accounts may be assigned to, and the import settings.
 */
import { rolesWith } from "@/lib/auth/permissions";
import { DEFAULT_SETTINGS, settingsSchema } from "@/lib/validations/settings";
import { chunks, readBool, readJson, readMs, type ImportDriver } from "./driver";

export interface ExistingProduct {
  id: string;
  sku: string;
  name: string;
  category: string;
  priceCents: number;
  unitCostCents: number;
  active: boolean;
  regulated: boolean;
  unitCostEstimated: boolean;
}

export interface ExistingAccount {
  id: string;
  externalId: string;
  name: string;
  kind: "PERSON" | "COMPANY";
  ownerId: string;
  teamId: string | null;
  contactName: string;
  phone: string | null;
  email: string | null;
  industry: string | null;
  region: string;
  doNotContact: boolean;
  phoneConsent: boolean;
  emailConsent: boolean;
}

export interface ExistingOrder {
  id: string;
  orderNumber: string;
  accountId: string;
  orderedAt: number;
  totalCents: number;
}

export interface ExistingLine {
  id: string;
  orderId: string;
  accountId: string;
  orderedAt: number;
  productId: string;
  quantity: number;
  unitPriceCents: number;
  returnedQuantity: number;
}

export interface Assignee {
  id: string;
  email: string;
  teamId: string | null;
  teamName: string | null;
}

export interface ImportSettings {
  defaultMargin: number;
  phoneConsent: boolean;
  emailConsent: boolean;
  /** Where the consent defaults came from, for the summary. */
  consentSource: string;
}

const IN_CHUNK = 5000;
const marks = (n: number) => new Array(n).fill("?").join(", ");

export async function loadProducts(d: ImportDriver): Promise<ExistingProduct[]> {
  const rows = await d.all<Record<string, unknown>>(
    `SELECT "id", "sku", "name", "category", "priceCents", "unitCostCents", "active", "regulated", "unitCostEstimated" FROM "Product"`,
  );
  return rows.map((r) => ({
    id: r.id as string, sku: r.sku as string, name: r.name as string, category: r.category as string, priceCents: Number(r.priceCents),
    unitCostCents: Number(r.unitCostCents), active: readBool(r.active), regulated: readBool(r.regulated), unitCostEstimated: readBool(r.unitCostEstimated),
  }));
}

export async function loadAccounts(d: ImportDriver): Promise<ExistingAccount[]> {
  const rows = await d.all<Record<string, unknown>>(
    `SELECT "id", "externalId", "name", "kind", "ownerId", "teamId", "contactName", "phone", "email", "industry", "region", "doNotContact", "phoneConsent", "emailConsent" FROM "Account"`,
  );
  return rows.map((r) => ({
    id: r.id as string, externalId: r.externalId as string, name: r.name as string, kind: r.kind as "PERSON" | "COMPANY", ownerId: r.ownerId as string,
    teamId: (r.teamId as string | null) ?? null, contactName: r.contactName as string, phone: (r.phone as string | null) ?? null,
    email: (r.email as string | null) ?? null, industry: (r.industry as string | null) ?? null, region: r.region as string,
    doNotContact: readBool(r.doNotContact), phoneConsent: readBool(r.phoneConsent), emailConsent: readBool(r.emailConsent),
  }));
}

/** Orders with the given numbers. */
export async function loadOrders(d: ImportDriver, orderNumbers: readonly string[]): Promise<ExistingOrder[]> {
  const out: ExistingOrder[] = [];
  for (const part of chunks(orderNumbers, IN_CHUNK)) {
    const rows = await d.all<Record<string, unknown>>(
      `SELECT "id", "orderNumber", "accountId", "orderedAt", "totalCents" FROM "Order" WHERE "orderNumber" IN (${marks(part.length)})`,
      part,
    );
    for (const r of rows) out.push({ id: r.id as string, orderNumber: r.orderNumber as string, accountId: r.accountId as string, orderedAt: readMs(r.orderedAt), totalCents: Number(r.totalCents) });
  }
  return out;
}

const LINE_COLUMNS = `"id", "orderId", "accountId", "orderedAt", "productId", "quantity", "unitPriceCents", "returnedQuantity"`;
const toLine = (r: Record<string, unknown>): ExistingLine => ({
  id: r.id as string, orderId: r.orderId as string, accountId: r.accountId as string, orderedAt: readMs(r.orderedAt), productId: r.productId as string,
  quantity: Number(r.quantity), unitPriceCents: Number(r.unitPriceCents), returnedQuantity: Number(r.returnedQuantity),
});

/** Lines whose order or account is one of `ids`, appended to `out` unless already there (by id). */
export async function loadLinesOf(d: ImportDriver, column: "orderId" | "accountId", ids: readonly string[], out: ExistingLine[] = [], seen = new Set<string>()): Promise<ExistingLine[]> {
  for (const part of chunks(ids, IN_CHUNK)) {
    const rows = await d.all<Record<string, unknown>>(`SELECT ${LINE_COLUMNS} FROM "OrderLine" WHERE "${column}" IN (${marks(part.length)})`, part);
    for (const r of rows) {
      if (seen.has(r.id as string)) continue;
      seen.add(r.id as string);
      out.push(toLine(r));
    }
  }
  return out;
}

/** Cancellations already booked: "orderNumber|productId" keys, and quantities booked per purchase line. */
export async function loadReturns(d: ImportDriver): Promise<{ keys: Set<string>; byLine: Map<string, number> }> {
  const rows = await d.all<{ orderNumber: string; productId: string; orderLineId: string; quantity: number }>(
    `SELECT "orderNumber", "productId", "orderLineId", "quantity" FROM "ImportedReturn"`,
  );
  const keys = new Set<string>();
  const byLine = new Map<string, number>();
  for (const r of rows) {
    keys.add(`${r.orderNumber}|${r.productId}`);
    byLine.set(r.orderLineId, (byLine.get(r.orderLineId) ?? 0) + Number(r.quantity));
  }
  return { keys, byLine };
}

/** Active users who can own accounts, in a stable order. */
export async function loadAssignees(d: ImportDriver): Promise<Assignee[]> {
  const roles = rolesWith("opportunities:assignable");
  if (roles.length === 0) return [];
  const rows = await d.all<Record<string, unknown>>(
    `SELECT u."id", u."email", u."teamId", t."name" AS "teamName", u."active" FROM "User" u LEFT JOIN "Team" t ON t."id" = u."teamId"
      WHERE u."role" IN (${marks(roles.length)}) ORDER BY u."email"`,
    roles,
  );
  return rows
    .filter((r) => readBool(r.active))
    .map((r) => ({ id: r.id as string, email: r.email as string, teamId: (r.teamId as string | null) ?? null, teamName: (r.teamName as string | null) ?? null }));
}

/** The import settings (lib/validations/settings.ts), defaults for absent or invalid values. */
export async function loadSettings(d: ImportDriver): Promise<ImportSettings> {
  const keys = ["importDefaultMargin", "importPhoneConsentDefault", "importEmailConsentDefault"] as const;
  const rows = await d.all<{ key: string; value: unknown }>(`SELECT "key", "value" FROM "Setting" WHERE "key" IN (${marks(keys.length)})`, [...keys]);
  const value = <K extends (typeof keys)[number]>(key: K) => {
    const row = rows.find((r) => r.key === key);
    const parsed = settingsSchema.shape[key].safeParse(row ? readJson(row.value) : undefined);
    return parsed.success ? parsed.data : DEFAULT_SETTINGS[key];
  };
  return { defaultMargin: value("importDefaultMargin") as number, phoneConsent: value("importPhoneConsentDefault") as boolean, emailConsent: value("importEmailConsentDefault") as boolean, consentSource: "settings" };
}

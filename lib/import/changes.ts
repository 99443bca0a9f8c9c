/** The rows an import writes, as the planners produce them and apply.ts writes them (in one transaction). */
import type { ColumnSpec, Value } from "./driver";

export interface ChangeSet {
  productsCreate: Value[][];
  productsUpdate: Value[][];
  accountsCreate: Value[][];
  accountsUpdate: Value[][];
  ordersCreate: Value[][];
  ordersUpdate: Value[][];
  linesCreate: Value[][];
  linesUpdate: Value[][];
  returnsCreate: Value[][];
  /** Accounts whose order totals must be recomputed after the writes. */
  touchedAccounts: Set<string>;
}

export const emptyChanges = (): ChangeSet => ({
  productsCreate: [], productsUpdate: [], accountsCreate: [], accountsUpdate: [], ordersCreate: [], ordersUpdate: [], linesCreate: [], linesUpdate: [],
  returnsCreate: [], touchedAccounts: new Set(),
});

export const hasChanges = (c: ChangeSet) =>
  c.productsCreate.length + c.productsUpdate.length + c.accountsCreate.length + c.accountsUpdate.length + c.ordersCreate.length +
    c.ordersUpdate.length + c.linesCreate.length + c.linesUpdate.length + c.returnsCreate.length > 0;

export const PRODUCT_INSERT: readonly ColumnSpec[] = [
  ["id", "text"], ["sku", "text"], ["name", "text"], ["category", "text"], ["priceCents", "int"], ["unitCostCents", "int"], ["active", "bool"],
  ["regulated", "bool"], ["unitCostEstimated", "bool"], ["createdAt", "ts"], ["updatedAt", "ts"],
];
export const PRODUCT_UPDATE: readonly ColumnSpec[] = [
  ["id", "text"], ["name", "text"], ["category", "text"], ["priceCents", "int"], ["unitCostCents", "int"], ["active", "bool"], ["regulated", "bool"],
  ["unitCostEstimated", "bool"], ["updatedAt", "ts"],
];
export const ACCOUNT_INSERT: readonly ColumnSpec[] = [
  ["id", "text"], ["externalId", "text"], ["name", "text"], ["searchName", "text"], ["kind", "enum:AccountKind"], ["ownerId", "text"], ["teamId", "text"],
  ["contactName", "text"], ["phone", "text"], ["email", "text"], ["industry", "text"], ["region", "text"], ["doNotContact", "bool"],
  ["phoneConsent", "bool"], ["emailConsent", "bool"], ["createdAt", "ts"], ["updatedAt", "ts"],
];
export const ACCOUNT_UPDATE: readonly ColumnSpec[] = [
  ["id", "text"], ["name", "text"], ["searchName", "text"], ["kind", "enum:AccountKind"], ["ownerId", "text"], ["teamId", "text"], ["contactName", "text"],
  ["phone", "text"], ["email", "text"], ["industry", "text"], ["region", "text"], ["doNotContact", "bool"], ["phoneConsent", "bool"],
  ["emailConsent", "bool"], ["updatedAt", "ts"],
];
export const ORDER_INSERT: readonly ColumnSpec[] = [["id", "text"], ["orderNumber", "text"], ["accountId", "text"], ["orderedAt", "ts"], ["channel", "text"], ["totalCents", "int"]];
export const ORDER_UPDATE: readonly ColumnSpec[] = [["id", "text"], ["accountId", "text"], ["orderedAt", "ts"], ["totalCents", "int"]];
export const LINE_INSERT: readonly ColumnSpec[] = [
  ["id", "text"], ["orderId", "text"], ["accountId", "text"], ["orderedAt", "ts"], ["productId", "text"], ["quantity", "int"], ["unitPriceCents", "int"],
  ["returnedQuantity", "int"],
];
export const LINE_UPDATE: readonly ColumnSpec[] = [
  ["id", "text"], ["accountId", "text"], ["orderedAt", "ts"], ["quantity", "int"], ["unitPriceCents", "int"], ["returnedQuantity", "int"],
];
export const RETURN_INSERT: readonly ColumnSpec[] = [
  ["id", "text"], ["orderNumber", "text"], ["productId", "text"], ["accountId", "text"], ["orderLineId", "text"], ["quantity", "int"], ["returnedAt", "ts"],
];

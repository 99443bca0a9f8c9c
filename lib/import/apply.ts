/**
 * Writes a planned import in one transaction: either all of a file's changes become visible at the
 * commit, or (on any error, or a process killed part-way) none do. Account totals of the accounts
 * touched are recomputed from their lines in the same transaction, as the seed computes them.
 */
import {
  ACCOUNT_INSERT, ACCOUNT_UPDATE, LINE_INSERT, LINE_UPDATE, ORDER_INSERT, ORDER_UPDATE, PRODUCT_INSERT, PRODUCT_UPDATE, RETURN_INSERT, type ChangeSet,
} from "./changes";
import { chunks, type ImportDriver } from "./driver";

const TOTALS_CHUNK = 2000;

export async function applyChanges(d: ImportDriver, c: ChangeSet, onPhase: (phase: string) => Promise<void> | void = () => {}): Promise<void> {
  await d.begin();
  try {
    await d.insertMany("Product", PRODUCT_INSERT, c.productsCreate);
    await d.updateMany("Product", PRODUCT_UPDATE, c.productsUpdate);
    await onPhase("products");
    await d.insertMany("Account", ACCOUNT_INSERT, c.accountsCreate);
    await d.updateMany("Account", ACCOUNT_UPDATE, c.accountsUpdate);
    await onPhase("accounts");
    await d.insertMany("Order", ORDER_INSERT, c.ordersCreate);
    await d.updateMany("Order", ORDER_UPDATE, c.ordersUpdate);
    await onPhase("orders");
    await d.insertMany("OrderLine", LINE_INSERT, c.linesCreate);
    await d.updateMany("OrderLine", LINE_UPDATE, c.linesUpdate);
    await onPhase("lines");
    await d.insertMany("ImportedReturn", RETURN_INSERT, c.returnsCreate);
    await onPhase("returns");
    for (const part of chunks([...c.touchedAccounts], TOTALS_CHUNK)) {
      await d.run(
        `UPDATE "Account" SET
           "orderCount" = (SELECT COUNT(*) FROM "Order" o WHERE o."accountId" = "Account"."id"),
           "revenueCents" = COALESCE((SELECT SUM((l."quantity" - l."returnedQuantity") * l."unitPriceCents") FROM "OrderLine" l WHERE l."accountId" = "Account"."id"), 0),
           "firstOrderAt" = (SELECT MIN(o."orderedAt") FROM "Order" o WHERE o."accountId" = "Account"."id"),
           "lastOrderAt" = (SELECT MAX(o."orderedAt") FROM "Order" o WHERE o."accountId" = "Account"."id")
         WHERE "id" IN (${part.map(() => "?").join(", ")})`,
        part,
      );
    }
    await onPhase("totals");
    await d.commit();
  } catch (e) {
    await d.rollback();
    throw e;
  }
}

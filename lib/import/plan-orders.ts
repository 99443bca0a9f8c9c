/**
 * Plans an orders import against what the database holds: which products, accounts, orders, lines and
 * returns to create or update, and which are unchanged. Pure: the same file and database state always
 * give the same plan, which is why a re-import finds nothing to do.
 */
import { assignOwners, type NoAssigneeError } from "./assign";
import { emptyChanges, type ChangeSet } from "./changes";
import type { Assignee, ExistingAccount, ExistingLine, ExistingOrder, ExistingProduct, ImportSettings } from "./existing";
import type { OrdersFile } from "./orders-file";
import { zeroCounts, type ImportCounts, type RowIssue } from "./types";

export interface OrdersPlanInput {
  file: OrdersFile;
  products: readonly ExistingProduct[];
  accounts: readonly ExistingAccount[];
  orders: readonly ExistingOrder[];
  /** Lines of `orders`, and of the accounts with cancellations to book. */
  lines: readonly ExistingLine[];
  returns: { keys: Set<string>; byLine: Map<string, number> };
  settings: ImportSettings;
  /** Reps new accounts may go to, or the error to raise when an account needs one. */
  assignees: Assignee[] | NoAssigneeError;
  now: number;
  newId: () => string;
}

export const UNCATEGORISED = "Uncategorised";

/** A purchase line as planned: existing (id from the database) or new, with its returned quantity as it will be. */
interface PlanLine {
  id: string;
  orderId: string;
  accountId: string;
  productId: string;
  orderedAt: number;
  quantity: number;
  unitPriceCents: number;
  returned: number;
  existing: ExistingLine | null;
  inFile: boolean;
}

export function planOrders(input: OrdersPlanInput): { changes: ChangeSet; counts: Omit<ImportCounts, "linesRead">; notes: string[]; issues: RowIssue[] } {
  const { file, settings, now, newId } = input;
  const changes = emptyChanges();
  const notes: string[] = [];
  const issues: RowIssue[] = [];
  const counts = {
    validRows: file.validRows, invalidRows: file.invalidRows, skipped: {} as Record<string, number>, products: zeroCounts(), estimatedCosts: 0,
    accounts: zeroCounts(), orders: zeroCounts(), orderLines: { ...zeroCounts(), merged: file.mergedLines },
    returns: { booked: 0, unchanged: 0, unmatchedLines: 0, unmatchedQuantity: 0 }, nonProductCodes: Object.fromEntries(file.nonProductCodes),
  };

  // Products: created from the file's product ids; existing ones are the catalog's and stay as they are.
  const productBySku = new Map(input.products.map((p) => [p.sku, p.id]));
  for (const p of file.products.values()) {
    if (productBySku.has(p.sku)) {
      counts.products.unchanged++;
      continue;
    }
    const id = newId();
    productBySku.set(p.sku, id);
    const estimated = p.costCents === null;
    const cost = estimated ? Math.round(p.priceCents * (1 - settings.defaultMargin)) : p.costCents!;
    if (estimated) counts.estimatedCosts++;
    changes.productsCreate.push([id, p.sku, p.name || p.sku, p.category || UNCATEGORISED, p.priceCents, cost, true, false, estimated, now, now]);
    counts.products.created++;
  }
  if (counts.estimatedCosts > 0) {
    notes.push(`${counts.estimatedCosts} new product(s) had no unit cost: estimated at a ${Math.round(settings.defaultMargin * 100)}% margin (setting importDefaultMargin) and flagged as estimates`);
  }

  // Accounts: created from customer ids the database does not know.
  const accountByExternal = new Map(input.accounts.map((a) => [a.externalId, a.id]));
  const newCustomers = [...file.customers.values()].filter((c) => !accountByExternal.has(c.id));
  counts.accounts.unchanged = file.customers.size - newCustomers.length;
  if (newCustomers.length > 0) {
    if (!Array.isArray(input.assignees)) throw input.assignees;
    const owners = assignOwners(newCustomers.map((c) => ({ key: c.id, revenueCents: c.revenueCents })), input.assignees);
    for (const c of newCustomers) {
      const id = newId();
      accountByExternal.set(c.id, id);
      const owner = owners.get(c.id)!;
      const name = `Customer ${c.id}`;
      changes.accountsCreate.push([
        id, c.id, name, name.toLowerCase(), "COMPANY", owner.id, owner.teamId, "", null, null, null, c.region || "Unknown", false, settings.phoneConsent, settings.emailConsent, now, now,
      ]);
    }
    counts.accounts.created = newCustomers.length;
    notes.push(
      `${newCustomers.length} new account(s) assigned round-robin, balanced by revenue, to ${input.assignees.length} rep(s)`,
      `the file has no consent columns: new accounts take the consent defaults from ${settings.consentSource} (phone consent ${settings.phoneConsent ? "yes" : "no"}, email consent ${settings.emailConsent ? "yes" : "no"})`,
    );
  }

  // Orders and lines.
  const existingOrder = new Map(input.orders.map((o) => [o.orderNumber, o]));
  const linesByOrder = new Map<string, ExistingLine[]>();
  const lineById = new Map<string, ExistingLine>();
  for (const l of input.lines) {
    if (lineById.has(l.id)) continue;
    lineById.set(l.id, l);
    const list = linesByOrder.get(l.orderId);
    if (list) list.push(l);
    else linesByOrder.set(l.orderId, [l]);
  }
  const fileOrderIds = new Set<string>();
  const planByOrder = new Map<string, PlanLine[]>();
  // Purchase lines per "accountId|productId", the candidates a cancellation is booked against.
  const candidates = new Map<string, PlanLine[]>();
  const addCandidate = (l: PlanLine) => {
    const key = `${l.accountId}|${l.productId}`;
    const list = candidates.get(key);
    if (list) list.push(l);
    else candidates.set(key, [l]);
  };
  const orderRows = new Map<string, { order: ExistingOrder | null; id: string; accountId: string; orderedAt: number; orderNumber: string }>();

  for (const o of file.orders.values()) {
    const accountId = accountByExternal.get(o.customer)!;
    const prior = existingOrder.get(o.orderNumber) ?? null;
    const orderId = prior?.id ?? newId();
    fileOrderIds.add(orderId);
    orderRows.set(orderId, { order: prior, id: orderId, accountId, orderedAt: o.orderedAt, orderNumber: o.orderNumber });
    const dbLines = prior ? (linesByOrder.get(prior.id) ?? []) : [];
    const dbByProduct = new Map<string, ExistingLine>();
    for (const l of dbLines) if (!dbByProduct.has(l.productId)) dbByProduct.set(l.productId, l);
    const plan: PlanLine[] = [];
    const taken = new Set<string>();
    for (const fl of o.lines.values()) {
      const productId = productBySku.get(fl.sku)!;
      const db = dbByProduct.get(productId) ?? null;
      if (db) taken.add(db.id);
      const unitPriceCents = Math.round(fl.amountCents / fl.quantity);
      const booked = db ? (input.returns.byLine.get(db.id) ?? 0) : 0;
      const returned = fl.returned !== null || !db ? (fl.returned ?? 0) + booked : db.returnedQuantity;
      const pl: PlanLine = { id: db?.id ?? newId(), orderId, accountId, productId, orderedAt: o.orderedAt, quantity: fl.quantity, unitPriceCents, returned, existing: db, inFile: true };
      plan.push(pl);
      addCandidate(pl);
    }
    // Lines the database has for this order that the file does not repeat: kept as they are.
    for (const l of dbLines) {
      if (taken.has(l.id)) continue;
      const pl: PlanLine = { ...l, returned: l.returnedQuantity, existing: l, inFile: false };
      plan.push(pl);
      addCandidate(pl);
    }
    planByOrder.set(orderId, plan);
  }
  // Purchases of other orders in the database (earlier imports) can take returns too.
  for (const l of lineById.values()) {
    if (fileOrderIds.has(l.orderId)) continue;
    addCandidate({ ...l, returned: l.returnedQuantity, existing: l, inFile: false });
  }
  for (const list of candidates.values()) list.sort((a, b) => b.orderedAt - a.orderedAt || (a.id < b.id ? 1 : -1));

  // Cancellations: booked as returns on the latest earlier purchases of the customer and product.
  const extraLineUpdates = new Map<string, PlanLine>();
  const cancellations = [...file.cancellations.values()].sort((a, b) => a.orderedAt - b.orderedAt || a.line - b.line);
  for (const c of cancellations) {
    const accountId = accountByExternal.get(c.customer);
    const productId = productBySku.get(c.sku);
    if (productId && input.returns.keys.has(`${c.orderNumber}|${productId}`)) {
      counts.returns.unchanged++;
      continue;
    }
    let left = c.quantity;
    for (const l of (accountId && productId && candidates.get(`${accountId}|${productId}`)) || []) {
      if (left === 0) break;
      if (l.orderedAt > c.orderedAt) continue;
      const room = l.quantity - l.returned;
      if (room <= 0) continue;
      const take = Math.min(room, left);
      l.returned += take;
      left -= take;
      changes.returnsCreate.push([newId(), c.orderNumber, productId!, accountId!, l.id, take, c.orderedAt]);
      if (!fileOrderIds.has(l.orderId)) extraLineUpdates.set(l.id, l);
    }
    if (left < c.quantity) counts.returns.booked++;
    if (left > 0) {
      counts.returns.unmatchedLines++;
      counts.returns.unmatchedQuantity += left;
      const what = left === c.quantity ? "no earlier purchase" : `earlier purchases cover only ${c.quantity - left} of ${c.quantity}`;
      issues.push({
        line: c.line, column: "quantity", value: String(-c.quantity), kind: "cancellation-unmatched",
        message: `cancellation ${c.orderNumber} of ${c.sku} for customer ${c.customer}: ${what}; ${left} unit(s) not booked as a return`,
      });
    }
  }

  for (const [orderId, row] of orderRows) {
    const plan = planByOrder.get(orderId)!;
    const totalCents = plan.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0);
    if (!row.order) {
      changes.ordersCreate.push([orderId, row.orderNumber, row.accountId, row.orderedAt, "import", totalCents]);
      counts.orders.created++;
      changes.touchedAccounts.add(row.accountId);
    } else if (row.order.accountId !== row.accountId || row.order.orderedAt !== row.orderedAt || row.order.totalCents !== totalCents) {
      changes.ordersUpdate.push([orderId, row.accountId, row.orderedAt, totalCents]);
      counts.orders.updated++;
      changes.touchedAccounts.add(row.accountId).add(row.order.accountId);
    } else counts.orders.unchanged++;
    for (const l of plan) {
      if (!l.existing) {
        changes.linesCreate.push([l.id, orderId, row.accountId, row.orderedAt, l.productId, l.quantity, l.unitPriceCents, l.returned]);
        counts.orderLines.created++;
        changes.touchedAccounts.add(row.accountId);
        continue;
      }
      const e = l.existing;
      const changed = e.accountId !== row.accountId || e.orderedAt !== row.orderedAt || e.quantity !== l.quantity || e.unitPriceCents !== l.unitPriceCents || e.returnedQuantity !== l.returned;
      if (changed) {
        changes.linesUpdate.push([l.id, row.accountId, row.orderedAt, l.quantity, l.unitPriceCents, l.returned]);
        changes.touchedAccounts.add(row.accountId).add(e.accountId);
      }
      if (l.inFile) {
        if (changed) counts.orderLines.updated++;
        else counts.orderLines.unchanged++;
      }
    }
  }
  for (const l of extraLineUpdates.values()) {
    changes.linesUpdate.push([l.id, l.accountId, l.orderedAt, l.quantity, l.unitPriceCents, l.returned]);
    changes.touchedAccounts.add(l.accountId);
  }
  return { changes, counts, notes, issues };
}

/**
 * Reads an orders file into orders, merged lines, cancellations, products and customers, with every row
 * that is invalid or gets a defined treatment (guest sale, non-product code, zero price, ...) recorded.
 * The file's rows are held merged: half a million lines of the UCI export take about 200 MB.
 */
import type { ColumnMap } from "./columns";
import type { RowIssue } from "./types";
import { isCancellationNumber, isError, isNonProductCode, normalizeId, parseDate, parseInteger, parseMoney } from "./values";

export interface FileLine {
  sku: string;
  quantity: number;
  amountCents: number;
  /** From the returned-quantity column, when the file has one. */
  returned: number | null;
  line: number;
}

export interface FileOrder {
  orderNumber: string;
  customer: string;
  orderedAt: number;
  line: number;
  lines: Map<string, FileLine>;
}

export interface FileCancellation {
  orderNumber: string;
  customer: string;
  sku: string;
  quantity: number;
  orderedAt: number;
  line: number;
}

export interface FileProduct {
  sku: string;
  name: string;
  category: string;
  costCents: number | null;
  priceCents: number;
  priceAt: number;
}

export interface FileCustomer {
  id: string;
  region: string;
  revenueCents: number;
}

export interface OrdersFile {
  orders: Map<string, FileOrder>;
  cancellations: Map<string, FileCancellation>;
  products: Map<string, FileProduct>;
  customers: Map<string, FileCustomer>;
  issues: RowIssue[];
  nonProductCodes: Map<string, number>;
  validRows: number;
  invalidRows: number;
  mergedLines: number;
  hasReturnedColumn: boolean;
  hasCostColumn: boolean;
}

export function ordersFileBuilder(columns: ColumnMap) {
  const p = columns.positions;
  const at = (row: string[], field: string) => {
    const i = p[field];
    return i === undefined ? "" : (row[i] ?? "");
  };
  const file: OrdersFile = {
    orders: new Map(), cancellations: new Map(), products: new Map(), customers: new Map(), issues: [], nonProductCodes: new Map(),
    validRows: 0, invalidRows: 0, mergedLines: 0, hasReturnedColumn: p.returned_quantity !== undefined, hasCostColumn: p.unit_cost !== undefined,
  };
  const width = Math.max(...Object.values(p)) + 1;
  let lastDateText = "";
  let lastDate = 0;

  function error(line: number, column: string, value: string, message: string) {
    file.issues.push({ line, column, value, kind: "error", message: `line ${line}, column ${column}: ${message}: ${JSON.stringify(value)}` });
  }
  function treat(line: number, column: string, value: string, kind: RowIssue["kind"], message: string) {
    file.issues.push({ line, column, value, kind, message });
  }

  function add(row: string[], line: number): void {
    if (row.length < width) {
      const field = Object.keys(p).find((k) => p[k] >= row.length)!;
      error(line, field, "", `value missing (the row has ${row.length} fields)`);
      file.invalidRows++;
      return;
    }
    const before = file.issues.length;
    const orderNumber = at(row, "order_id").trim();
    if (!orderNumber) error(line, "order_id", orderNumber, "empty order id");
    const customer = normalizeId(at(row, "customer_id"));
    const sku = at(row, "product_id").trim();
    if (!sku) error(line, "product_id", sku, "empty product id");
    const dateText = at(row, "order_date");
    if (dateText !== lastDateText) {
      const d = parseDate(dateText);
      lastDateText = dateText;
      lastDate = isError(d) ? NaN : d;
    }
    if (Number.isNaN(lastDate)) {
      const d = parseDate(dateText);
      error(line, "order_date", dateText, isError(d) ? d.error : "not a date");
    }
    const qty = parseInteger(at(row, "quantity"));
    if (isError(qty)) error(line, "quantity", at(row, "quantity"), qty.error);
    const price = parseMoney(at(row, "unit_price"));
    if (isError(price)) error(line, "unit_price", at(row, "unit_price"), price.error);
    const costText = at(row, "unit_cost").trim();
    const cost = costText === "" ? null : parseMoney(costText);
    if (isError(cost)) error(line, "unit_cost", costText, cost.error);
    else if (cost !== null && cost < 0) error(line, "unit_cost", costText, "negative unit cost");
    const returnedText = at(row, "returned_quantity").trim();
    const returned = returnedText === "" ? null : parseInteger(returnedText);
    if (isError(returned)) error(line, "returned_quantity", returnedText, returned.error);
    else if (returned !== null && returned < 0) error(line, "returned_quantity", returnedText, "negative returned quantity");
    if (file.issues.length > before) {
      file.invalidRows++;
      return;
    }
    const quantity = qty as number;
    const priceCents = price as number;
    const orderedAt = lastDate;

    if (!customer) return treat(line, "customer_id", "", "guest", "guest sale (no customer id): skipped");
    if (isNonProductCode(sku)) {
      const code = sku.toUpperCase();
      file.nonProductCodes.set(code, (file.nonProductCodes.get(code) ?? 0) + 1);
      return treat(line, "product_id", sku, "non-product", `non-product code ${sku} (postage, fee, discount or adjustment): kept out of the catalog`);
    }
    if (priceCents <= 0) return treat(line, "unit_price", at(row, "unit_price"), "zero-price", `${priceCents === 0 ? "zero" : "negative"} unit price: skipped`);
    if (quantity === 0) return treat(line, "quantity", "0", "zero-quantity", "zero quantity: skipped");

    const cancellation = quantity < 0 || isCancellationNumber(orderNumber);
    if (cancellation) {
      const key = `${orderNumber}|${sku}`;
      const c = file.cancellations.get(key);
      if (c) c.quantity += Math.abs(quantity);
      else file.cancellations.set(key, { orderNumber, customer, sku, quantity: Math.abs(quantity), orderedAt, line });
      file.validRows++;
      return;
    }

    let order = file.orders.get(orderNumber);
    if (!order) {
      order = { orderNumber, customer, orderedAt, line, lines: new Map() };
      file.orders.set(orderNumber, order);
    } else if (order.customer !== customer) {
      error(line, "customer_id", customer, `order ${orderNumber} belongs to customer ${order.customer} (line ${order.line})`);
      file.invalidRows++;
      return;
    }
    const existing = order.lines.get(sku);
    if (existing) {
      existing.quantity += quantity;
      existing.amountCents += quantity * priceCents;
      if (returned !== null) existing.returned = (existing.returned ?? 0) + (returned as number);
      file.mergedLines++;
    } else {
      order.lines.set(sku, { sku, quantity, amountCents: quantity * priceCents, returned: returned as number | null, line });
    }
    file.validRows++;

    const product = file.products.get(sku);
    const name = at(row, "description").trim();
    const category = at(row, "category").trim();
    if (!product) {
      file.products.set(sku, { sku, name, category, costCents: cost as number | null, priceCents, priceAt: orderedAt });
    } else {
      if (!product.name && name) product.name = name;
      if (!product.category && category) product.category = category;
      if (product.costCents === null && cost !== null) product.costCents = cost as number;
      // The latest price stands for the product's list price.
      if (orderedAt >= product.priceAt) {
        product.priceCents = priceCents;
        product.priceAt = orderedAt;
      }
    }
    const c = file.customers.get(customer);
    const region = at(row, "region").trim();
    if (!c) file.customers.set(customer, { id: customer, region, revenueCents: quantity * priceCents });
    else {
      c.revenueCents += quantity * priceCents;
      if (!c.region && region) c.region = region;
    }
  }

  return { file, add };
}

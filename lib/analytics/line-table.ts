/**
 * Column store of order lines with interned ids. Every model works on integer indexes into these
 * columns, so memory grows with lines (a few typed-array bytes each) plus distinct ids, never with
 * pairs of lines.
 */
import { parseIsoDate } from "./dates";

/** One order line as a caller (e.g. the scoring run) holds it in memory. */
export interface OrderLine {
  orderId: string;
  /** null or "" when the line has no known customer; such lines count for baskets only. */
  customerId: string | null;
  /** ISO-8601 text, a Date, or epoch milliseconds. */
  date: string | Date | number;
  productId: string;
  /** Negative for returns: they reduce spend and are not basket items. */
  quantity: number;
  unitPrice: number;
}

export interface LineTable {
  length: number;
  orderIdx: Int32Array;
  /** -1 when the line has no customer. */
  customerIdx: Int32Array;
  productIdx: Int32Array;
  /** Epoch milliseconds (UTC). */
  time: Float64Array;
  quantity: Float64Array;
  unitPrice: Float64Array;
  orderIds: string[];
  customerIds: string[];
  productIds: string[];
}

export class Interner {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();

  intern(id: string): number {
    let i = this.index.get(id);
    if (i === undefined) {
      i = this.ids.length;
      // An id cut out of a large parsed chunk can be a slice that keeps the whole chunk alive (V8
      // slices strings of 13+ characters); keep a flat copy of each new long id instead.
      const key = id.length >= 13 ? (JSON.parse(JSON.stringify(id)) as string) : id;
      this.index.set(key, i);
      this.ids.push(key);
    }
    return i;
  }

  get(id: string): number | undefined {
    return this.index.get(id);
  }
}

function grow<T extends Int32Array | Float64Array>(a: T, size: number): T {
  const next = new (a.constructor as { new (n: number): T })(size);
  next.set(a);
  return next;
}

export class LineTableBuilder {
  private n = 0;
  private cap: number;
  private orderIdx: Int32Array;
  private customerIdx: Int32Array;
  private productIdx: Int32Array;
  private time: Float64Array;
  private quantity: Float64Array;
  private unitPrice: Float64Array;
  readonly orders = new Interner();
  readonly customers = new Interner();
  readonly products = new Interner();
  private lastOrderId: string | null = null;
  private lastOrder = -1;
  private lastCustomerId: string | null = null;
  private lastCustomer = -1;

  constructor(initialCapacity = 1024) {
    this.cap = Math.max(16, initialCapacity);
    this.orderIdx = new Int32Array(this.cap);
    this.customerIdx = new Int32Array(this.cap);
    this.productIdx = new Int32Array(this.cap);
    this.time = new Float64Array(this.cap);
    this.quantity = new Float64Array(this.cap);
    this.unitPrice = new Float64Array(this.cap);
  }

  push(orderId: string, customerId: string | null, time: number, productId: string, quantity: number, unitPrice: number) {
    if (this.n === this.cap) {
      this.cap *= 2;
      this.orderIdx = grow(this.orderIdx, this.cap);
      this.customerIdx = grow(this.customerIdx, this.cap);
      this.productIdx = grow(this.productIdx, this.cap);
      this.time = grow(this.time, this.cap);
      this.quantity = grow(this.quantity, this.cap);
      this.unitPrice = grow(this.unitPrice, this.cap);
    }
    const i = this.n++;
    // Lines of one order usually come together: compare with the previous line before hashing.
    if (orderId !== this.lastOrderId) {
      this.lastOrderId = orderId;
      this.lastOrder = this.orders.intern(orderId);
    }
    this.orderIdx[i] = this.lastOrder;
    if (customerId !== this.lastCustomerId) {
      this.lastCustomerId = customerId;
      this.lastCustomer = customerId ? this.customers.intern(customerId) : -1;
    }
    this.customerIdx[i] = this.lastCustomer;
    this.productIdx[i] = this.products.intern(productId);
    this.time[i] = time;
    this.quantity[i] = quantity;
    this.unitPrice[i] = unitPrice;
  }

  build(): LineTable {
    const n = this.n;
    return {
      length: n,
      orderIdx: this.orderIdx.subarray(0, n),
      customerIdx: this.customerIdx.subarray(0, n),
      productIdx: this.productIdx.subarray(0, n),
      time: this.time.subarray(0, n),
      quantity: this.quantity.subarray(0, n),
      unitPrice: this.unitPrice.subarray(0, n),
      orderIds: this.orders.ids,
      customerIds: this.customers.ids,
      productIds: this.products.ids,
    };
  }
}

function toEpochMs(date: string | Date | number, i: number): number {
  const t = typeof date === "number" ? date : date instanceof Date ? date.getTime() : parseIsoDate(date);
  if (!Number.isFinite(t)) throw new RangeError(`order line ${i}: invalid date ${String(date)}`);
  return t;
}

/** Builds a line table from in-memory order lines (the scoring run's entry point). */
export function lineTableFromOrderLines(lines: readonly OrderLine[]): LineTable {
  const b = new LineTableBuilder(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    b.push(l.orderId, l.customerId || null, toEpochMs(l.date, i), l.productId, l.quantity, l.unitPrice);
  }
  return b.build();
}

/** Keeps the lines whose time satisfies the predicate; ids stay interned identically. */
export function filterLines(t: LineTable, keep: (time: number) => boolean): LineTable {
  const sel: number[] = [];
  for (let i = 0; i < t.length; i++) if (keep(t.time[i])) sel.push(i);
  const pick = <T extends Int32Array | Float64Array>(a: T): T => {
    const out = new (a.constructor as { new (n: number): T })(sel.length);
    for (let k = 0; k < sel.length; k++) out[k] = a[sel[k]];
    return out;
  };
  return {
    ...t,
    length: sel.length,
    orderIdx: pick(t.orderIdx),
    customerIdx: pick(t.customerIdx),
    productIdx: pick(t.productIdx),
    time: pick(t.time),
    quantity: pick(t.quantity),
    unitPrice: pick(t.unitPrice),
  };
}

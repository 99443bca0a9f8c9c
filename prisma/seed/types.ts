// Plain row objects produced by the generator, shaped like the Prisma models (column names match).

export type Role = "REP" | "MANAGER" | "ADMIN";
export type AccountKind = "PERSON" | "COMPANY";
export type PairType = "CROSS_SELL" | "ACCESSORY" | "UPSELL" | "BUNDLE";

export interface TeamRow {
  id: string;
  name: string;
  version: number;
  createdAt: Date;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  passwordHash: string;
  active: boolean;
  failedLoginCount: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  sessionVersion: number;
  mustChangePassword: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProductRow {
  id: string;
  sku: string;
  name: string;
  category: string;
  priceCents: number;
  unitCostCents: number;
  active: boolean;
  regulated: boolean;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface AccountRow {
  id: string;
  externalId: string;
  name: string;
  searchName: string;
  kind: AccountKind;
  ownerId: string;
  teamId: string | null;
  contactName: string;
  phone: string | null;
  email: string | null;
  industry: string | null;
  region: string;
  city: string | null;
  doNotContact: boolean;
  phoneConsent: boolean;
  emailConsent: boolean;
  orderCount: number;
  revenueCents: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrderRow {
  id: string;
  orderNumber: string;
  accountId: string;
  orderedAt: Date;
  channel: string;
  totalCents: number;
}

export interface OrderLineRow {
  id: string;
  orderId: string;
  accountId: string;
  /** Equal to its order's orderedAt; the lines of one order share one Date object. */
  orderedAt: Date;
  productId: string;
  quantity: number;
  unitPriceCents: number;
  returnedQuantity: number;
  opportunityId: string | null;
}

export interface ProductPairRow {
  id: string;
  sourceProductId: string;
  targetProductId: string;
  type: PairType;
  bundleDiscountPct: number | null;
  talkingPoints: string;
  objectionHandling: string;
  windowMinDays: number;
  windowMaxDays: number;
  eligibleSegments: string[];
  origin: "MANUAL";
  minedRuleId: string | null;
  active: boolean;
  suppressed: boolean;
  version: number;
  updatedById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SettingRow {
  key: string;
  value: unknown;
  updatedById: string | null;
  updatedAt: Date;
}

export interface SeedData {
  teams: TeamRow[];
  users: UserRow[];
  products: ProductRow[];
  productPairs: ProductPairRow[];
  accounts: AccountRow[];
  orders: OrderRow[];
  orderLines: OrderLineRow[];
  settings: SettingRow[];
}

/**
 * Rows made on demand, in order, a chunk at a time, so that millions of row objects never live at
 * once (1M accounts give about 20M order lines). Every chunk but the last holds `size` rows.
 */
export interface RowSource<T> {
  readonly length: number;
  chunks(size: number): Iterable<T[]>;
}

export type Rows<T> = readonly T[] | RowSource<T>;

/** What the writers take: SeedData, or the same tables with the big ones made on demand. */
export interface SeedTables {
  teams: readonly TeamRow[];
  users: readonly UserRow[];
  products: readonly ProductRow[];
  productPairs: readonly ProductPairRow[];
  accounts: readonly AccountRow[];
  orders: Rows<OrderRow>;
  orderLines: Rows<OrderLineRow>;
  settings: readonly SettingRow[];
}

// Plain row objects produced by the generator, shaped like the Prisma models (column names match).

export type Role = "REP" | "MANAGER" | "ADMIN";
export type AccountKind = "PERSON" | "COMPANY";
export type PairType = "CROSS_SELL" | "ACCESSORY" | "UPSELL" | "BUNDLE";

export interface TeamRow {
  id: string;
  name: string;
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
  /** The same Date object as the order's orderedAt. */
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

/**
 * Accounts and products files: each row is one record keyed by its external id or SKU. Only columns the
 * file has are compared and written, so a file with a subset of the columns leaves the others as they are.
 */
import type { ColumnMap } from "./columns";
import type { RowIssue } from "./types";
import { isEmail, isError, normalizeId, parseBool, parseMoney, type Parsed } from "./values";

export interface RecordsFile<T> {
  records: Map<string, T & { line: number }>;
  issues: RowIssue[];
  validRows: number;
  invalidRows: number;
  present: Set<string>;
}

export interface AccountRecord {
  externalId: string;
  name?: string;
  kind?: "PERSON" | "COMPANY";
  contactName?: string;
  phone?: string | null;
  email?: string | null;
  region?: string;
  industry?: string | null;
  ownerEmail?: string;
  doNotContact?: boolean;
  phoneConsent?: boolean;
  emailConsent?: boolean;
}

export interface ProductRecord {
  sku: string;
  name?: string;
  category?: string;
  priceCents?: number;
  unitCostCents?: number | null;
  regulated?: boolean;
  active?: boolean;
}

const KINDS: Record<string, "PERSON" | "COMPANY"> = {
  person: "PERSON", individual: "PERSON", consumer: "PERSON", b2c: "PERSON", private: "PERSON",
  company: "COMPANY", business: "COMPANY", organisation: "COMPANY", organization: "COMPANY", b2b: "COMPANY",
};

function builder<T extends object>(columns: ColumnMap, keyField: string, fill: (get: (f: string) => string | undefined, err: (f: string, v: string, m: string) => void) => T | null) {
  const p = columns.positions;
  const file: RecordsFile<T> = { records: new Map(), issues: [], validRows: 0, invalidRows: 0, present: new Set(Object.keys(p)) };
  function add(row: string[], line: number) {
    const before = file.issues.length;
    const get = (f: string) => (p[f] === undefined ? undefined : (row[p[f]] ?? "").trim());
    const err = (f: string, v: string, m: string) =>
      file.issues.push({ line, column: f, value: v, kind: "error", message: `line ${line}, column ${f}: ${m}: ${JSON.stringify(v)}` });
    const record = fill(get, err);
    if (file.issues.length > before || !record) {
      file.invalidRows++;
      return;
    }
    const key = (record as Record<string, unknown>)[keyField] as string;
    const prior = file.records.get(key);
    if (prior) {
      // A later row of the same key wins; the earlier one is reported so nothing vanishes silently.
      file.issues.push({ line: prior.line, column: keyField, value: key, kind: "duplicate", message: `${keyField} ${key} appears again on line ${line}; the later row is used` });
    }
    file.records.set(key, { ...record, line });
    file.validRows++;
  }
  return { file, add };
}

function bool(get: (f: string) => string | undefined, err: (f: string, v: string, m: string) => void, field: string): boolean | undefined {
  const v = get(field);
  if (v === undefined) return undefined;
  const b: Parsed<boolean> = parseBool(v);
  if (isError(b)) {
    err(field, v, b.error);
    return undefined;
  }
  return b;
}

export function accountsFileBuilder(columns: ColumnMap) {
  return builder<AccountRecord>(columns, "externalId", (get, err) => {
    const externalId = normalizeId(get("external_id") ?? "");
    if (!externalId) err("external_id", "", "empty external id");
    const r: AccountRecord = { externalId };
    const name = get("name");
    if (name !== undefined) {
      if (name) r.name = name;
    }
    const kind = get("kind");
    if (kind !== undefined && kind !== "") {
      const k = KINDS[kind.toLowerCase()] ?? (kind.toUpperCase() === "PERSON" || kind.toUpperCase() === "COMPANY" ? (kind.toUpperCase() as "PERSON" | "COMPANY") : undefined);
      if (!k) err("kind", kind, "not person or company");
      else r.kind = k;
    }
    const contact = get("contact_name");
    if (contact !== undefined) r.contactName = contact;
    const phone = get("phone");
    if (phone !== undefined) {
      if (phone && !/^[+()0-9 .\-/x]{3,40}$/i.test(phone)) err("phone", phone, "not a phone number");
      r.phone = phone || null;
    }
    const email = get("email");
    if (email !== undefined) {
      if (email && !isEmail(email)) err("email", email, "not an email address");
      r.email = email ? email.toLowerCase() : null;
    }
    const region = get("region");
    if (region) r.region = region;
    const industry = get("industry");
    if (industry !== undefined) r.industry = industry || null;
    const owner = get("owner_email");
    if (owner) {
      if (!isEmail(owner)) err("owner_email", owner, "not an email address");
      r.ownerEmail = owner.toLowerCase();
    }
    r.doNotContact = bool(get, err, "do_not_contact");
    r.phoneConsent = bool(get, err, "phone_consent");
    r.emailConsent = bool(get, err, "email_consent");
    return r;
  });
}

export function productsFileBuilder(columns: ColumnMap) {
  return builder<ProductRecord>(columns, "sku", (get, err) => {
    const sku = (get("sku") ?? "").trim();
    if (!sku) err("sku", "", "empty SKU");
    const r: ProductRecord = { sku };
    const name = get("name");
    if (name) r.name = name;
    const category = get("category");
    if (category) r.category = category;
    const price = get("price");
    if (price !== undefined && price !== "") {
      const v = parseMoney(price);
      if (isError(v)) err("price", price, v.error);
      else if (v <= 0) err("price", price, "price must be above zero");
      else r.priceCents = v;
    }
    const cost = get("unit_cost");
    if (cost !== undefined) {
      if (cost === "") r.unitCostCents = null;
      else {
        const v = parseMoney(cost);
        if (isError(v)) err("unit_cost", cost, v.error);
        else if (v < 0) err("unit_cost", cost, "negative unit cost");
        else r.unitCostCents = v;
      }
    }
    r.regulated = bool(get, err, "regulated");
    r.active = bool(get, err, "active");
    return r;
  });
}

/**
 * The columns each kind of import reads, and the header spellings real exports use for them. Headers
 * match case-insensitively, ignoring spaces, underscores, hyphens and dots, so "Customer ID",
 * "customer_id" and "CustomerID" are one name. The admin screen's mapping overrides the automatic match.
 */
export const IMPORT_KINDS = ["orders", "accounts", "products"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface FieldSpec {
  field: string;
  label: string;
  required: boolean;
  aliases: readonly string[];
}

const f = (field: string, label: string, required: boolean, aliases: string[] = []): FieldSpec => ({ field, label, required, aliases: [field, ...aliases] });

export const FIELDS: Record<ImportKind, readonly FieldSpec[]> = {
  orders: [
    f("order_id", "Order id", true, ["invoiceno", "invoice", "invoice_number", "order_number", "orderno", "order"]),
    f("customer_id", "Customer id", true, ["customer", "customer_number", "customerno", "client_id", "account_id", "external_id"]),
    f("order_date", "Date or date-time", true, ["invoicedate", "date", "order_datetime", "ordered_at", "invoice_date_time", "datetime"]),
    f("product_id", "Product id", true, ["stockcode", "sku", "product_code", "item_code", "item_id", "stock_code"]),
    f("quantity", "Quantity", true, ["qty", "units"]),
    f("unit_price", "Unit price", true, ["unitprice", "price", "price_each", "item_price"]),
    f("description", "Product name", false, ["product_name", "item_name", "name", "productdescription"]),
    f("category", "Category", false, ["product_category", "item_category"]),
    f("unit_cost", "Unit cost", false, ["cost", "cost_price", "unitcost"]),
    f("region", "Country or region", false, ["country", "region", "state"]),
    f("returned_quantity", "Returned quantity", false, ["returned", "returned_qty", "returns", "return_quantity"]),
  ],
  accounts: [
    f("external_id", "External id", true, ["customer_id", "customer", "customer_number", "account_id", "account_number", "id"]),
    f("name", "Name", false, ["account_name", "customer_name", "company", "company_name"]),
    f("kind", "Kind (person or company)", false, ["type", "account_type", "customer_type"]),
    f("contact_name", "Contact name", false, ["contact", "contact_person"]),
    f("phone", "Phone", false, ["phone_number", "telephone", "tel", "mobile"]),
    f("email", "Email", false, ["email_address", "e_mail", "mail"]),
    f("region", "Region", false, ["country", "state", "territory"]),
    f("industry", "Industry", false, ["sector", "vertical"]),
    f("owner_email", "Owner email", false, ["owner", "rep_email", "account_owner", "sales_rep"]),
    f("do_not_contact", "Do not contact", false, ["dnc", "donotcontact", "opt_out", "do_not_call"]),
    f("phone_consent", "Phone consent", false, ["consent_phone", "call_consent"]),
    f("email_consent", "Email consent", false, ["consent_email", "marketing_email_consent"]),
  ],
  products: [
    f("sku", "SKU", true, ["stockcode", "product_id", "product_code", "item_code", "stock_code"]),
    f("name", "Name", false, ["description", "product_name", "item_name"]),
    f("category", "Category", false, ["product_category"]),
    f("price", "Price", false, ["unit_price", "unitprice", "list_price"]),
    f("unit_cost", "Unit cost", false, ["cost", "cost_price", "unitcost"]),
    f("regulated", "Regulated", false, ["requires_suitability"]),
    f("active", "Active", false, ["enabled", "is_active"]),
  ],
};

export const normalizeHeader = (name: string) => name.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/[\s_.\-]/g, "");

/** Field -> column index; header names the file has that no field uses. */
export interface ColumnMap {
  positions: Record<string, number>;
  unmatched: string[];
  missing: string[];
}

/**
 * Matches a header row to the kind's fields: an explicit mapping (field -> header name, or "" to leave a
 * field out) first, then the aliases. The first column matching a field wins.
 */
export function mapColumns(kind: ImportKind, header: readonly string[], mapping: Record<string, string> = {}): ColumnMap {
  const normalized = header.map(normalizeHeader);
  const positions: Record<string, number> = {};
  const used = new Set<number>();
  for (const spec of FIELDS[kind]) {
    if (spec.field in mapping) {
      const wanted = mapping[spec.field];
      if (wanted === "") continue;
      const at = normalized.indexOf(normalizeHeader(wanted));
      if (at >= 0) {
        positions[spec.field] = at;
        used.add(at);
      }
      continue;
    }
    const aliases = new Set(spec.aliases.map(normalizeHeader));
    const at = normalized.findIndex((h, i) => aliases.has(h) && !used.has(i));
    if (at >= 0) {
      positions[spec.field] = at;
      used.add(at);
    }
  }
  const missing = FIELDS[kind].filter((s) => s.required && positions[s.field] === undefined).map((s) => s.field);
  const unmatched = header.filter((_, i) => !used.has(i));
  return { positions, unmatched, missing };
}

export const ALIAS_HELP: Record<ImportKind, string> = Object.fromEntries(
  IMPORT_KINDS.map((k) => [k, FIELDS[k].map((s) => `${s.field}${s.required ? " (required)" : ""}: ${s.aliases.slice(1).join(", ")}`).join("\n")]),
) as Record<ImportKind, string>;

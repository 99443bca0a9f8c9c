/**
 * Talking-point templates: `{{account.name}}`-style placeholders filled from plain values.
 * The result is plain text: it is rendered as a React text node, so a template or a value
 * can never inject markup. Unknown placeholders stay visible so an admin notices the typo.
 */
export type TemplateValues = Record<string, string | number | null | undefined>;

const PLACEHOLDER = /\{\{\s*([a-zA-Z_][\w.]*)\s*\}\}/g;

export const TEMPLATE_PLACEHOLDERS = [
  "account.name",
  "contact.name",
  "source.product",
  "target.product",
  "days_since_purchase",
  "attach_rate",
  "price",
  "bundle_discount",
] as const;

export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) return whole;
    if (value === null || value === "") return "—";
    return String(value);
  });
}

/** Placeholders used in a template that are not known (for the catalog editor's validation). */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(TEMPLATE_PLACEHOLDERS);
  const found = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) if (!known.has(m[1])) found.add(m[1]);
  return [...found];
}

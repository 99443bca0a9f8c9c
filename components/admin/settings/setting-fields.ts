import type { z } from "zod";
import { settingsSchema } from "@/lib/validations/settings";

/** When a change takes effect: at once, or at the next scoring run (or the next import or prune). */
export type Applies = "now" | "next-run" | "next-import" | "next-prune";

export const APPLIES_LABELS: Record<Applies, string> = {
  now: "Applies at once",
  "next-run": "Applies at the next scoring run",
  "next-import": "Applies to the next import",
  "next-prune": "Applies at the next prune (npm run db:prune)",
};

type Meta = { label: string; help: string; applies: Applies; step?: number };

/** How the settings page shows each key; a key without an entry here still appears, named after its key. */
const META: Record<string, Meta> = {
  contactCapDays: { label: "Contact cap (days)", help: "After an outreach that reached the customer, the account is not offered again for this many days.", applies: "now" },
  cooldownDays: { label: "Cool-down after a decline (days)", help: "A declined product is not offered to that account again for this many days.", applies: "now" },
  holdoutShare: { label: "Holdout share", help: "Fraction of accounts (0 to 0.5) whose offers are computed but never queued, to measure uplift.", applies: "next-run", step: 0.01 },
  maxOffersPerAccount: { label: "Maximum offers per account", help: "Open offers a scoring run gives one account at most.", applies: "next-run" },
  outreachCostCents: { label: "Outreach cost per contact (cents)", help: "Cost of one contact for the ROI figure; 500 is $5.00.", applies: "now" },
  opportunityWindowDays: { label: "Opportunity window (days)", help: "How far ahead a scoring run looks: P(buy) is the chance of buying within this many days.", applies: "next-run" },
  retentionDays: { label: "Keep expired offers (days)", help: "Expired offers of past runs are kept this long for the uplift figures; at least the opportunity window.", applies: "next-prune" },
  timeZone: { label: "Business time zone", help: "IANA name, e.g. Europe/London: days, weeks and months of the dashboard and the audit log's date filter. The dashboard's figures are rebuilt in the new zone at the next scoring run.", applies: "next-run" },
  importDefaultMargin: { label: "Import: default margin", help: "Margin (0 to 0.95) assumed for an imported product without a unit cost.", applies: "next-import", step: 0.01 },
  importPhoneConsentDefault: { label: "Import: phone consent for new accounts", help: "When the file has no consent columns.", applies: "next-import" },
  importEmailConsentDefault: { label: "Import: email consent for new accounts", help: "When the file has no consent columns.", applies: "next-import" },
};

export type SettingField =
  | { key: string; kind: "number"; label: string; help: string; applies: Applies; min?: number; max?: number; step: number }
  | { key: string; kind: "text"; label: string; help: string; applies: Applies }
  | { key: string; kind: "boolean"; label: string; help: string; applies: Applies }
  | { key: string; kind: "choice"; label: string; help: string; applies: Applies; options: string[] };

function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Inner = z.ZodType & { def: { type: string }; minValue?: number | null; maxValue?: number | null; isInt?: boolean; options?: unknown[]; description?: string };

/** The form's fields, read from settingsSchema, so a key added there appears on the page. */
export function settingFields(): SettingField[] {
  return Object.entries(settingsSchema.shape).map(([key, field]) => {
    const inner = field.unwrap() as unknown as Inner;
    const meta: Meta = META[key] ?? { label: humanize(key), help: inner.description ?? field.description ?? "", applies: "next-run" };
    const base = { key, label: meta.label, help: meta.help, applies: meta.applies };
    switch (inner.def.type) {
      case "number":
        return { ...base, kind: "number", min: inner.minValue ?? undefined, max: inner.maxValue ?? undefined, step: meta.step ?? (inner.isInt ? 1 : 0.01) };
      case "boolean":
        return { ...base, kind: "boolean" };
      case "enum":
        return { ...base, kind: "choice", options: (inner.options ?? []).map(String) };
      default:
        return { ...base, kind: "text" };
    }
  });
}

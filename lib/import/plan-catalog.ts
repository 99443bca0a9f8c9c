/** Plans accounts and products imports: upserts by external id and SKU, comparing only the file's columns. */
import { assignOwners, type NoAssigneeError } from "./assign";
import type { AccountRecord, ProductRecord, RecordsFile } from "./catalog-files";
import { emptyChanges, type ChangeSet } from "./changes";
import type { Value } from "./driver";
import type { Assignee, ExistingAccount, ExistingProduct, ImportSettings } from "./existing";
import { UNCATEGORISED } from "./plan-orders";
import { zeroCounts, type ImportCounts, type RowIssue } from "./types";

type Planned = { changes: ChangeSet; counts: Omit<ImportCounts, "linesRead">; notes: string[]; issues: RowIssue[] };

const baseCounts = (file: RecordsFile<object>) => ({
  validRows: file.validRows, invalidRows: file.invalidRows, skipped: {}, products: zeroCounts(), estimatedCosts: 0, accounts: zeroCounts(),
});

const differs = (a: readonly Value[], b: readonly Value[]) => a.some((v, i) => v !== b[i]);

export function planAccounts(input: {
  file: RecordsFile<AccountRecord>;
  accounts: readonly ExistingAccount[];
  /** Everyone who may own accounts (owner emails are looked up here). */
  owners: readonly Assignee[];
  /** Reps for round-robin assignment, or the error to raise when an account needs one. */
  assignees: Assignee[] | NoAssigneeError;
  settings: ImportSettings;
  now: number;
  newId: () => string;
}): Planned {
  const { file, settings, now } = input;
  const changes = emptyChanges();
  const counts = baseCounts(file);
  const issues: RowIssue[] = [];
  const notes: string[] = [];
  const existing = new Map(input.accounts.map((a) => [a.externalId, a]));
  const ownerByEmail = new Map(input.owners.map((o) => [o.email.toLowerCase(), o]));
  const bad = (line: number, column: string, value: string, message: string) => {
    issues.push({ line, column, value, kind: "error", message: `line ${line}, column ${column}: ${message}: ${JSON.stringify(value)}` });
  };
  const unassigned: (AccountRecord & { line: number; id: string })[] = [];
  const creates: { r: AccountRecord & { line: number }; id: string; owner: Assignee | null }[] = [];
  for (const r of file.records.values()) {
    const owner = r.ownerEmail ? ownerByEmail.get(r.ownerEmail) : undefined;
    if (r.ownerEmail && !owner) {
      bad(r.line, "owner_email", r.ownerEmail, "no active user who can own accounts has this email");
      continue;
    }
    const prior = existing.get(r.externalId);
    if (!prior) {
      if (!r.name) {
        bad(r.line, "name", "", "a new account needs a name");
        continue;
      }
      const id = input.newId();
      creates.push({ r, id, owner: owner ?? null });
      if (!owner) unassigned.push({ ...r, id });
      continue;
    }
    const next = { ...prior, ...Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) } as ExistingAccount & AccountRecord;
    if (owner) {
      next.ownerId = owner.id;
      next.teamId = owner.teamId;
    }
    const row = (a: ExistingAccount): Value[] => [
      a.id, a.name, a.name.toLowerCase(), a.kind, a.ownerId, a.teamId, a.contactName, a.phone, a.email, a.industry, a.region, a.doNotContact, a.phoneConsent, a.emailConsent,
    ];
    const before = row(prior);
    const after = row(next);
    if (differs(before, after)) {
      changes.accountsUpdate.push([...after, now]);
      counts.accounts.updated++;
    } else counts.accounts.unchanged++;
  }
  let owners = new Map<string, Assignee>();
  if (unassigned.length > 0) {
    if (!Array.isArray(input.assignees)) throw input.assignees;
    owners = assignOwners(unassigned.map((u) => ({ key: u.externalId, revenueCents: 0 })), input.assignees);
    notes.push(`${unassigned.length} new account(s) without an owner email assigned round-robin to ${input.assignees.length} rep(s)`);
  }
  const consentDefaulted: string[] = [];
  if (!file.present.has("phone_consent")) consentDefaulted.push(`phone consent ${settings.phoneConsent ? "yes" : "no"}`);
  if (!file.present.has("email_consent")) consentDefaulted.push(`email consent ${settings.emailConsent ? "yes" : "no"}`);
  for (const { r, id, owner } of creates) {
    const o = owner ?? owners.get(r.externalId)!;
    changes.accountsCreate.push([
      id, r.externalId, r.name!, r.name!.toLowerCase(), r.kind ?? "COMPANY", o.id, o.teamId, r.contactName ?? "", r.phone ?? null, r.email ?? null,
      r.industry ?? null, r.region ?? "Unknown", r.doNotContact ?? false, r.phoneConsent ?? settings.phoneConsent, r.emailConsent ?? settings.emailConsent, now, now,
    ]);
    counts.accounts.created++;
  }
  if (creates.length > 0 && consentDefaulted.length > 0) {
    notes.push(`the file has no ${consentDefaulted.length === 2 ? "consent columns" : consentDefaulted[0].split(" ")[0] + " consent column"}: new accounts take the defaults from ${settings.consentSource} (${consentDefaulted.join(", ")})`);
  }
  return { changes, counts, notes, issues };
}

export function planProducts(input: { file: RecordsFile<ProductRecord>; products: readonly ExistingProduct[]; settings: ImportSettings; now: number; newId: () => string }): Planned {
  const { file, settings, now } = input;
  const changes = emptyChanges();
  const counts = baseCounts(file);
  const issues: RowIssue[] = [];
  const notes: string[] = [];
  const existing = new Map(input.products.map((p) => [p.sku, p]));
  const estimate = (price: number) => Math.round(price * (1 - settings.defaultMargin));
  for (const r of file.records.values()) {
    const prior = existing.get(r.sku);
    if (!prior) {
      if (!r.name) {
        issues.push({ line: r.line, column: "name", value: "", kind: "error", message: `line ${r.line}, column name: a new product needs a name: ""` });
        continue;
      }
      if (r.priceCents === undefined) {
        issues.push({ line: r.line, column: "price", value: "", kind: "error", message: `line ${r.line}, column price: a new product needs a price: ""` });
        continue;
      }
      const estimated = r.unitCostCents === undefined || r.unitCostCents === null;
      if (estimated) counts.estimatedCosts++;
      changes.productsCreate.push([
        input.newId(), r.sku, r.name, r.category ?? UNCATEGORISED, r.priceCents, estimated ? estimate(r.priceCents) : r.unitCostCents!, r.active ?? true,
        r.regulated ?? false, estimated, now, now,
      ]);
      counts.products.created++;
      continue;
    }
    const price = r.priceCents ?? prior.priceCents;
    const givenCost = r.unitCostCents !== undefined && r.unitCostCents !== null;
    // An estimated cost follows a new price; a known cost stays until the file gives another.
    const cost = givenCost ? r.unitCostCents! : prior.unitCostEstimated ? estimate(price) : prior.unitCostCents;
    const estimated = givenCost ? false : prior.unitCostEstimated;
    const before: Value[] = [prior.id, prior.name, prior.category, prior.priceCents, prior.unitCostCents, prior.active, prior.regulated, prior.unitCostEstimated];
    const after: Value[] = [prior.id, r.name ?? prior.name, r.category ?? prior.category, price, cost, r.active ?? prior.active, r.regulated ?? prior.regulated, estimated];
    if (differs(before, after)) {
      changes.productsUpdate.push([...after, now]);
      counts.products.updated++;
    } else counts.products.unchanged++;
  }
  if (counts.estimatedCosts > 0) {
    notes.push(`${counts.estimatedCosts} new product(s) had no unit cost: estimated at a ${Math.round(settings.defaultMargin * 100)}% margin (setting importDefaultMargin) and flagged as estimates`);
  }
  return { changes, counts, notes, issues };
}

/**
 * One import, from file to committed changes: take the lock, read and validate the whole file (nothing
 * is written while reading), load what the database holds, plan, and write the plan in one transaction.
 * Invalid rows without skipInvalid, a dry run, or a plan with no changes write nothing.
 */
import path from "node:path";
import { eligibleAssignees, NoAssigneeError } from "./assign";
import { accountsFileBuilder, productsFileBuilder } from "./catalog-files";
import { hasChanges, type ChangeSet } from "./changes";
import { FIELDS, mapColumns, type ImportKind } from "./columns";
import { CsvFileError, readCsvFile } from "./csv-stream";
import { openImportDriver, type ImportDriver } from "./driver";
import { loadAccounts, loadAssignees, loadLinesOf, loadOrders, loadProducts, loadReturns, loadSettings } from "./existing";
import { idGenerator } from "./ids";
import { acquireImportLock, heartbeatImport, HEARTBEAT_MS, releaseImportLock } from "./lock";
import { ordersFileBuilder, type OrdersFile } from "./orders-file";
import { planAccounts, planProducts } from "./plan-catalog";
import { planOrders } from "./plan-orders";
import { sortIssues } from "./report";
import { applyChanges } from "./apply";
import type { ImportCounts, ImportOptions, ImportResult, RowIssue } from "./types";

/** The file cannot be imported at all (missing column, unreadable file): nothing was written. */
export class ImportFileError extends Error {
  constructor(message: string, readonly issues: RowIssue[] = []) {
    super(message);
    this.name = "ImportFileError";
  }
}

export class ImportCancelledError extends Error {
  constructor() {
    super("the import was cancelled before it wrote anything");
    this.name = "ImportCancelledError";
  }
}

export interface AuditSink {
  (entry: { userId: string | null; action: string; entityType: string; entityId: string; details: Record<string, unknown> }): Promise<void>;
}

type Builder = { add(row: string[], line: number): void; file: { issues: RowIssue[]; validRows: number; invalidRows: number } };

export async function runImport(url: string, options: ImportOptions & { audit?: AuditSink }): Promise<ImportResult> {
  const started = performance.now();
  const newId = idGenerator();
  const runId = options.runId ?? newId();
  const d = await openImportDriver(url);
  let writing = false;
  let partial: Partial<ImportCounts> = {};
  let timer: ReturnType<typeof setInterval> | null = null;
  try {
    await acquireImportLock(d, {
      id: runId, kind: options.kind, fileName: options.fileName ?? path.basename(options.file), dryRun: !!options.dryRun, source: options.source ?? "cli",
      userId: options.userId ?? null, existing: !!options.runId,
    });
    timer = setInterval(() => {
      if (!writing) heartbeatImport(d, runId, partial).catch(() => {});
    }, HEARTBEAT_MS);
    try {
      const result = await importFile(d, runId, newId, options, started, (c) => (partial = c), (w) => (writing = w));
      await releaseImportLock(d, runId, { status: result.status, counts: result.counts, error: result.status === "INVALID" ? invalidSummary(result) : null, durationMs: result.durationMs });
      await options.audit?.({
        userId: options.userId ?? null, action: options.dryRun ? "import.dry_run" : "import.run", entityType: "ImportRun", entityId: runId,
        details: { kind: options.kind, file: options.fileName ?? path.basename(options.file), status: result.status, wrote: result.wrote, counts: result.counts as unknown as Record<string, unknown> },
      });
      return result;
    } catch (e) {
      const cancelled = e instanceof ImportCancelledError;
      await releaseImportLock(d, runId, { status: cancelled ? "CANCELLED" : "FAILED", counts: partial, error: (e as Error).message.slice(0, 2000), durationMs: performance.now() - started }).catch(() => {});
      await options.audit?.({
        userId: options.userId ?? null, action: "import.failed", entityType: "ImportRun", entityId: runId,
        details: { kind: options.kind, file: options.fileName ?? path.basename(options.file), error: (e as Error).message.slice(0, 500) },
      }).catch(() => {});
      throw e;
    }
  } finally {
    if (timer) clearInterval(timer);
    await d.close();
  }
}

function invalidSummary(r: ImportResult): string {
  const errors = r.issues.filter((i) => i.kind === "error");
  return `${errors.length} invalid row(s); nothing was written. First: ${errors[0]?.message ?? "?"}`;
}

async function importFile(
  d: ImportDriver, runId: string, newId: () => string, options: ImportOptions, started: number, setPartial: (c: Partial<ImportCounts>) => void, setWriting: (w: boolean) => void,
): Promise<ImportResult> {
  const kind: ImportKind = options.kind;
  const progress = options.onProgress ?? (() => {});
  let builder: Builder | null = null;
  let ordersFile: OrdersFile | null = null;
  let linesRead = 0;
  const checkCancel = () => {
    if (options.signal?.aborted) throw new ImportCancelledError();
  };
  try {
    await readCsvFile(options.file, {
      onHeader(header) {
        const columns = mapColumns(kind, header, options.mapping);
        if (columns.missing.length > 0) {
          const issues = columns.missing.map((f): RowIssue => ({ line: 1, column: f, value: header.join(","), kind: "error", message: `line 1, column ${f}: missing required column "${f}" (${aliasesOf(kind, f)})` }));
          throw new ImportFileError(issues.map((i) => i.message).join("\n"), issues);
        }
        if (kind === "orders") {
          const b = ordersFileBuilder(columns);
          ordersFile = b.file;
          builder = b;
        } else builder = kind === "accounts" ? accountsFileBuilder(columns) : productsFileBuilder(columns);
      },
      onRow(row, line) {
        linesRead = line;
        builder!.add(row, line);
      },
      shouldStop: () => !!options.signal?.aborted,
      onProgress({ bytesRead, totalBytes, lines }) {
        const elapsed = (performance.now() - started) / 1000;
        const fraction = totalBytes > 0 ? bytesRead / totalBytes : 0;
        const rate = lines / Math.max(elapsed, 1e-3);
        progress({ stage: "read", linesRead: lines, fraction, ratePerSecond: rate, etaSeconds: fraction > 0.01 ? (elapsed * (1 - fraction)) / fraction : null });
        setPartial({ linesRead: lines });
      },
    });
  } catch (e) {
    if (e instanceof CsvFileError) throw new ImportFileError(e.message, e.line ? [{ line: e.line, column: "?", value: "", kind: "error", message: e.message }] : []);
    throw e;
  }
  checkCancel();
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    timings[stage] = Math.round(now - mark);
    mark = now;
  };
  timings.read = Math.round(mark - started);
  const b = builder as Builder | null;
  if (!b) throw new ImportFileError("the file is empty (no header row)");

  progress({ stage: "load", linesRead, fraction: 0, message: "reading the records the database holds" });
  const stored = await loadSettings(d);
  const settings = options.consentDefaults
    ? { ...stored, phoneConsent: options.consentDefaults.phone, emailConsent: options.consentDefaults.email, consentSource: "--consent-default" }
    : stored;
  const people = await loadAssignees(d);
  let assignees: ReturnType<typeof eligibleAssignees> | NoAssigneeError;
  try {
    assignees = eligibleAssignees(people, options.team);
  } catch (e) {
    if (!(e instanceof NoAssigneeError)) throw e;
    if (options.team) throw new ImportFileError(e.message);
    assignees = e;
  }
  const now = Date.now();
  let planned: ReturnType<typeof planOrders> | ReturnType<typeof planAccounts>;
  if (kind === "orders") {
    const file = ordersFile as unknown as OrdersFile;
    const [products, accounts] = [await loadProducts(d), await loadAccounts(d)];
    const orders = await loadOrders(d, [...file.orders.keys()]);
    const seen = new Set<string>();
    const lines = await loadLinesOf(d, "orderId", orders.map((o) => o.id), [], seen);
    const accountIdByExternal = new Map(accounts.map((a) => [a.externalId, a.id]));
    const cancelAccounts = new Set<string>();
    for (const c of file.cancellations.values()) {
      const id = accountIdByExternal.get(c.customer);
      if (id) cancelAccounts.add(id);
    }
    if (cancelAccounts.size > 0) await loadLinesOf(d, "accountId", [...cancelAccounts], lines, seen);
    seen.clear();
    const returns = await loadReturns(d);
    checkCancel();
    lap("load");
    progress({ stage: "plan", linesRead, fraction: 0 });
    planned = planOrders({ file, products, accounts, orders, lines, returns, settings, assignees, now, newId });
  } else if (kind === "accounts") {
    const accounts = await loadAccounts(d);
    lap("load");
    progress({ stage: "plan", linesRead, fraction: 0 });
    planned = planAccounts({ file: b.file as never, accounts, owners: people, assignees, settings, now, newId });
  } else {
    const products = await loadProducts(d);
    lap("load");
    progress({ stage: "plan", linesRead, fraction: 0 });
    planned = planProducts({ file: b.file as never, products, settings, now, newId });
  }
  const issues = sortIssues([...b.file.issues, ...planned.issues]);
  lap("plan");
  const errors = issues.filter((i) => i.kind === "error").length;
  const skipped: Record<string, number> = {};
  for (const i of issues) if (i.kind !== "error") skipped[i.kind] = (skipped[i.kind] ?? 0) + 1;
  const plannedErrors = planned.issues.filter((i) => i.kind === "error").length;
  const counts: ImportCounts = { ...planned.counts, linesRead: Math.max(0, linesRead - 1), invalidRows: b.file.invalidRows + plannedErrors, validRows: b.file.validRows - plannedErrors, skipped };
  setPartial(counts);
  const changes: ChangeSet = planned.changes;
  const changed = hasChanges(changes);
  const notes = [...planned.notes];
  const invalid = errors > 0 && !options.skipInvalid;
  let wrote = false;
  checkCancel();
  if (invalid) notes.push(`${errors} invalid row(s) and no --skip-invalid: nothing was written`);
  else if (options.dryRun) notes.push("dry run: nothing was written");
  else if (!changed) notes.push("nothing changed: every record in the file is already in the database as it stands");
  else {
    progress({ stage: "write", linesRead, fraction: 0, message: "writing in one transaction" });
    setWriting(true);
    try {
      await applyChanges(d, changes, options.onWritePhase);
    } finally {
      setWriting(false);
    }
    wrote = true;
    lap("write");
  }
  if (errors > 0 && options.skipInvalid) notes.push(`${errors} invalid row(s) skipped (--skip-invalid); see the error report`);
  const durationMs = performance.now() - started;
  progress({ stage: "done", linesRead, fraction: 1 });
  return { runId, kind, dryRun: !!options.dryRun, wrote, changed, counts, issues, notes, durationMs, timings, status: invalid ? "INVALID" : "COMPLETED" };
}

function aliasesOf(kind: ImportKind, field: string): string {
  const spec = FIELDS[kind].find((s) => s.field === field)!;
  return `accepted headers: ${spec.aliases.join(", ")}`;
}

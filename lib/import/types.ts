/** Shapes shared by the import's reading, planning and writing steps (no database or React types). */
import type { ImportKind } from "./columns";

/** A row the import did not take as it stands: an error (invalid input) or a defined treatment (skipped). */
export interface RowIssue {
  line: number;
  column: string;
  value: string;
  /** "error" rows make the file invalid; the others are treatments, counted and reported. */
  kind: "error" | "guest" | "non-product" | "zero-price" | "zero-quantity" | "cancellation-unmatched" | "duplicate";
  message: string;
}

export interface RecordCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export const zeroCounts = (): RecordCounts => ({ created: 0, updated: 0, unchanged: 0 });

/** What an import did (or, on a dry run, would do). */
export interface ImportCounts {
  linesRead: number;
  validRows: number;
  invalidRows: number;
  skipped: Record<string, number>;
  products: RecordCounts;
  /** Products created with an estimated unit cost (the default margin). */
  estimatedCosts: number;
  accounts: RecordCounts;
  orders?: RecordCounts;
  orderLines?: RecordCounts & { merged: number };
  returns?: { booked: number; unchanged: number; unmatchedLines: number; unmatchedQuantity: number };
  /** Non-product codes seen, with their line counts. */
  nonProductCodes?: Record<string, number>;
}

export interface ImportOptions {
  kind: ImportKind;
  file: string;
  /** Shown in the history (the upload's original name); default the file's base name. */
  fileName?: string;
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** New accounts go to this team's reps (by name); default all reps. */
  team?: string;
  /** Consent for new accounts when the file has no consent columns, instead of the settings' defaults. */
  consentDefaults?: { phone: boolean; email: boolean };
  /** Field -> header name (the admin screen's mapping). */
  mapping?: Record<string, string>;
  source?: "cli" | "ui";
  userId?: string | null;
  /** Called with progress; the stage changes from "read" to "load", "plan", "write", "done". */
  onProgress?: (p: ImportProgress) => void;
  /** Aborting stops the import before it writes (cancel). */
  signal?: AbortSignal;
  /** Tests: awaited between write phases inside the transaction (to kill the process there). */
  onWritePhase?: (phase: string) => Promise<void> | void;
  /** An ImportRun already created for this import (admin screen jobs). */
  runId?: string;
}

export interface ImportProgress {
  stage: "read" | "load" | "plan" | "write" | "done";
  linesRead: number;
  /** 0..1 of the file read (the read stage), else of the stage. */
  fraction: number;
  ratePerSecond?: number;
  etaSeconds?: number | null;
  message?: string;
}

export interface ImportResult {
  runId: string;
  kind: ImportKind;
  dryRun: boolean;
  /** Nothing was written: a dry run, invalid input without --skip-invalid, or nothing changed. */
  wrote: boolean;
  changed: boolean;
  counts: ImportCounts;
  /** Errors first, then treatments, in line order within each. */
  issues: RowIssue[];
  /** Lines of the summary that are not counts (consent defaults, estimates, owners). */
  notes: string[];
  durationMs: number;
  /** Milliseconds per stage: read, load, plan, write. */
  timings: Record<string, number>;
  status: "COMPLETED" | "INVALID";
}

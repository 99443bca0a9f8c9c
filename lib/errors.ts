import type { z } from "zod";

export type AppErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "INVALID_INPUT"
  | "CONFLICT"
  | "UNAUTHENTICATED"
  | "RATE_LIMITED"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE";

export type ErrorCode = AppErrorCode | "INTERNAL";

/** An error whose message is safe to show to the user. Anything else is reported as a generic failure. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Field name -> message, for INVALID_INPUT. */
  readonly fieldErrors?: Record<string, string>;

  constructor(code: AppErrorCode, message: string, fieldErrors?: Record<string, string>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export const notFound = (what = "Record") => new AppError("NOT_FOUND", `${what} not found`);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** The HTTP status of each error code, shared by route handlers and anything else that speaks HTTP. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  NOT_FOUND: 404,
  // Out of scope reads as not found everywhere; FORBIDDEN is for refusals that reveal nothing (cross-site requests).
  FORBIDDEN: 403,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
};

/** Zod issues -> field name -> first message; issues without a path are filed under "input". */
export function fieldErrorsOf(issues: readonly Pick<z.core.$ZodIssue, "path" | "message">[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "input";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** A zod failure as the one INVALID_INPUT error: the message names the first field. */
export function invalidInput(issues: readonly Pick<z.core.$ZodIssue, "path" | "message">[]): AppError {
  const fieldErrors = fieldErrorsOf(issues);
  const [field, message] = Object.entries(fieldErrors)[0] ?? ["input", "Invalid input"];
  return new AppError("INVALID_INPUT", `${field}: ${message}`, fieldErrors);
}

export type ErrorBody = { code: ErrorCode; message: string; fieldErrors?: Record<string, string> };

/** Prisma / driver error details, read by code rather than by message text. */
function driverCause(e: unknown): { kind?: string; originalCode?: string } | undefined {
  if (!e || typeof e !== "object") return undefined;
  const err = e as { name?: string; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } };
  const cause = err.meta?.driverAdapterError?.cause ?? (err.name === "DriverAdapterError" ? err.cause : undefined);
  return cause && typeof cause === "object" ? (cause as { kind?: string; originalCode?: string }) : undefined;
}

/** A unique constraint was violated (Prisma P2002, or the driver adapter's UniqueConstraintViolation). */
export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string } | null)?.code === "P2002" || driverCause(e)?.kind === "UniqueConstraintViolation";
}

const BUSY_KINDS = new Set(["TransactionWriteConflict", "SocketTimeout"]);
// SQLite's lock, PostgreSQL's serialization failure and deadlock.
const BUSY_CODES = new Set(["SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_LOCKED", "40001", "40P01"]);

/** The database refused a write because of a concurrent one; retrying may succeed. */
export function isWriteConflict(e: unknown): boolean {
  if ((e as { code?: string } | null)?.code === "P2034") return true;
  const cause = driverCause(e);
  if (cause && (BUSY_KINDS.has(cause.kind ?? "") || BUSY_CODES.has(cause.originalCode ?? ""))) return true;
  // better-sqlite3 raises SqliteError with a code when a statement itself is busy.
  return BUSY_CODES.has((e as { code?: string } | null)?.code ?? "");
}

/**
 * The one error exit: every server action and route handler turns what it caught into this body.
 * Messages of unexpected errors are never shown; they are logged with the context given.
 */
export function toErrorBody(e: unknown, context = "request"): ErrorBody {
  if (isAppError(e)) return { code: e.code, message: e.message, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) };
  if (e && typeof e === "object" && (e as { name?: string }).name === "ZodError") {
    return toErrorBody(invalidInput((e as z.ZodError).issues), context);
  }
  if (isUniqueViolation(e)) return { code: "CONFLICT", message: "This was already saved by someone else. Reload and try again." };
  if (isWriteConflict(e)) return { code: "CONFLICT", message: "The database was busy with another change; nothing was saved. Try again." };
  console.error(`${context} failed`, e);
  return { code: "INTERNAL", message: "Something went wrong; nothing was saved. Try again." };
}

export type AppErrorCode = "NOT_FOUND" | "FORBIDDEN" | "INVALID_INPUT" | "CONFLICT" | "UNAUTHENTICATED" | "RATE_LIMITED";

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

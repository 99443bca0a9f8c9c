import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

/**
 * Puts a failed action's field errors on the form's fields; returns the message to show above the form
 * when none of them names a field of this form (a conflict, a missing record).
 */
export function applyActionErrors<T extends FieldValues>(
  result: { message: string; fieldErrors?: Record<string, string> },
  setError: UseFormSetError<T>,
  fields: readonly string[],
): string | null {
  let placed = false;
  for (const [field, message] of Object.entries(result.fieldErrors ?? {})) {
    if (!fields.includes(field)) continue;
    setError(field as Path<T>, { type: "server", message });
    placed = true;
  }
  return placed ? null : result.message;
}

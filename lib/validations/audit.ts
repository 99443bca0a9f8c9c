import { z } from "zod";
import { idSchema, text } from "@/lib/validations/text";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const optionalText = (max: number) =>
  text()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined))
    .catch(undefined);
const day = z
  .string()
  .regex(DAY)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)))
  .optional()
  .catch(undefined);
// "<createdAt ISO>_<id>": the last row seen, for keyset paging.
const cursor = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z_[A-Za-z0-9_-]{1,64}$/)
  .optional()
  .catch(undefined);

/** Query string of the audit log and its CSV export; junk falls back to "no filter". */
export const auditFilterSchema = z.object({
  actor: idSchema.optional().catch(undefined),
  action: optionalText(80),
  entity: optionalText(60),
  entityId: optionalText(100),
  from: day,
  to: day,
  /** Older than this row (next page). */
  after: cursor,
  /** Newer than this row (previous page). */
  before: cursor,
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export function encodeCursor(row: { createdAt: Date | string; id: string }): string {
  return `${typeof row.createdAt === "string" ? row.createdAt : row.createdAt.toISOString()}_${row.id}`;
}

export function decodeCursor(c: string): { createdAt: Date; id: string } {
  const at = c.indexOf("Z_");
  return { createdAt: new Date(c.slice(0, at + 1)), id: c.slice(at + 2) };
}

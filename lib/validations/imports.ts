import { z } from "zod";
import { IMPORT_KINDS } from "@/lib/import/columns";
import { UPLOAD_LIMIT_BYTES } from "@/lib/import/upload-limits";
import { isStorableText, MALFORMED_TEXT_MESSAGE } from "@/lib/validations/text";

/** Starting an upload: the file's name and size (the size limit is checked before any byte is sent). */
export const importUploadSchema = z.object({
  fileName: z.string().trim().min(1, "name the file").max(200, "at most 200 characters").refine(isStorableText, MALFORMED_TEXT_MESSAGE),
  size: z
    .number()
    .int()
    .min(1, "the file is empty")
    .max(UPLOAD_LIMIT_BYTES, `the file must be at most ${Math.round(UPLOAD_LIMIT_BYTES / 1048576)} MB`),
});

export const importPreviewSchema = z.object({ kind: z.enum(IMPORT_KINDS) });

export const importStartSchema = z.object({
  uploadId: z.string().regex(/^[a-f0-9]{24}$/, "not an upload id"),
  kind: z.enum(IMPORT_KINDS),
  /** Field -> header name; "" leaves the field out. */
  mapping: z.record(z.string().max(100), z.string().max(200)).default({}),
  dryRun: z.boolean().default(false),
  skipInvalid: z.boolean().default(false),
  team: z.string().max(100).optional(),
});
export type ImportStartInput = z.input<typeof importStartSchema>;

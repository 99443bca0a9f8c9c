import contentType from "content-type";
import { AppError } from "@/lib/errors";

/** JSON API bodies are small form-like objects; anything larger is refused without being read in full. */
export const JSON_BODY_LIMIT = 64 * 1024;

/**
 * The media type exactly: `application/json` with an optional charset (utf-8 only). `text/plain;
 * charset=application/json`, which a cross-site form or fetch can send without a preflight, is refused.
 */
export function assertJsonContentType(header: string | null): void {
  let parsed: contentType.ParsedMediaType;
  try {
    parsed = contentType.parse(header ?? "");
  } catch {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
  }
  if (parsed.type !== "application/json") throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
  const charset = parsed.parameters.charset?.toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8") throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as UTF-8 encoded application/json.");
}

/**
 * Reads a JSON object body of at most `limit` bytes: a declared Content-Length over the limit is
 * refused before reading, and the stream is abandoned as soon as it passes the limit. Invalid UTF-8
 * and malformed JSON are INVALID_INPUT.
 */
export async function readJsonObject(request: Request, limit = JSON_BODY_LIMIT): Promise<Record<string, unknown>> {
  assertJsonContentType(request.headers.get("content-type"));
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The body must be at most ${Math.round(limit / 1024)} KB.`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("INVALID_INPUT", "body: is not valid UTF-8", { body: "Is not valid UTF-8" });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("INVALID_INPUT", "body: is not valid JSON", { body: "Is not valid JSON" });
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new AppError("INVALID_INPUT", "body: must be a JSON object", { body: "Must be a JSON object" });
  }
  return value as Record<string, unknown>;
}

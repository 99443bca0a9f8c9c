/**
 * Uploaded import files on the server's disk. The browser sends a file in chunks of at most CHUNK_BYTES
 * (the app's proxy buffers at most 1 MB of a request body), each appended to the file as it streams in,
 * so no file is ever held whole in memory. A sidecar JSON records who uploaded what.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { CHUNK_BYTES } from "./upload-limits";

export { CHUNK_BYTES, UPLOAD_LIMIT_BYTES } from "./upload-limits";
const ID = /^[a-f0-9]{24}$/;

export const uploadDir = () =>
  process.env.IMPORT_UPLOAD_DIR ? path.resolve(/*turbopackIgnore: true*/ process.env.IMPORT_UPLOAD_DIR) : path.join(process.cwd(), "data", "imports");

export interface UploadMeta {
  id: string;
  fileName: string;
  size: number;
  userId: string;
  createdAt: string;
}

export const uploadPath = (id: string) => path.join(uploadDir(), `${id}.upload`);
export const reportPath = (runId: string) => path.join(uploadDir(), `${runId.replace(/[^A-Za-z0-9_-]/g, "")}-report.csv`);
const metaPath = (id: string) => path.join(uploadDir(), `${id}.json`);

export async function createUploadFile(fileName: string, size: number, userId: string): Promise<UploadMeta> {
  await mkdir(uploadDir(), { recursive: true });
  const meta: UploadMeta = { id: randomBytes(12).toString("hex"), fileName, size, userId, createdAt: new Date().toISOString() };
  await writeFile(uploadPath(meta.id), "");
  await writeFile(metaPath(meta.id), JSON.stringify(meta));
  return meta;
}

export async function readUploadMeta(id: string): Promise<UploadMeta | null> {
  if (!ID.test(id)) return null;
  try {
    return JSON.parse(await readFile(metaPath(id), "utf8")) as UploadMeta;
  } catch {
    return null;
  }
}

export async function receivedBytes(id: string): Promise<number> {
  return (await stat(uploadPath(id))).size;
}

export class ChunkError extends Error {
  constructor(readonly reason: "too-large" | "offset", message: string) {
    super(message);
  }
}

/**
 * Appends one chunk read from `body` at `offset`. A chunk that was already received (a retried request)
 * is read and dropped; one that would leave a gap is refused. Stops reading at the chunk limit.
 */
export async function appendChunk(meta: UploadMeta, offset: number, body: ReadableStream<Uint8Array> | null): Promise<number> {
  const have = await receivedBytes(meta.id);
  if (offset > have) throw new ChunkError("offset", `expected the chunk at byte ${have}, got ${offset}`);
  const skip = have - offset;
  const out = fs.createWriteStream(uploadPath(meta.id), { flags: "a" });
  let seen = 0;
  try {
    if (body) {
      const reader = body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const start = seen;
        seen += value.byteLength;
        if (seen > CHUNK_BYTES || offset + seen > meta.size) {
          await reader.cancel().catch(() => {});
          throw new ChunkError("too-large", seen > CHUNK_BYTES ? `a chunk may be at most ${CHUNK_BYTES} bytes` : `the file is larger than the ${meta.size} bytes announced`);
        }
        const from = Math.max(0, skip - start);
        if (from < value.byteLength) {
          if (!out.write(from > 0 ? value.subarray(from) : value)) await new Promise<void>((r) => out.once("drain", () => r()));
        }
      }
    }
  } finally {
    await new Promise<void>((resolve) => out.end(resolve));
  }
  return receivedBytes(meta.id);
}

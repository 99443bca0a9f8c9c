/**
 * Streams a CSV file (gzip-compressed when it starts with the gzip magic bytes) through PapaParse,
 * calling back with each record and its line number (the header is line 1; newlines inside quoted
 * fields count). Progress is the share of the file's bytes read, compressed or not.
 */
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createGunzip } from "node:zlib";
import Papa from "papaparse";

export class CsvFileError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = "CsvFileError";
  }
}

export interface CsvCallbacks {
  onHeader(header: string[]): void;
  /** Throw to stop reading (the error is what readCsvFile rejects with). */
  onRow(row: string[], line: number): void;
  onProgress?(p: { bytesRead: number; totalBytes: number; lines: number }): void;
  /** Stop early (e.g. a preview): return true from onRow's caller side via this flag. */
  shouldStop?(): boolean;
}

async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, "r");
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

export async function readCsvFile(path: string, cb: CsvCallbacks): Promise<{ lines: number }> {
  let totalBytes: number;
  let gz: boolean;
  try {
    totalBytes = (await stat(path)).size;
    gz = await isGzip(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new CsvFileError(`cannot read ${path}: ${code === "ENOENT" ? "no such file" : String(e)}`, null);
  }
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytesRead = 0;
  raw.on("data", (chunk) => {
    bytesRead += chunk.length;
  });
  const source = gz ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  if (gz) raw.on("error", (e) => source.destroy(e));
  source.setEncoding("utf8");

  let line = 0;
  let header = false;
  let lastProgress = 0;
  return new Promise((resolve, reject) => {
    let done = false;
    let parser: Papa.Parser | null = null;
    const finish = (e: unknown) => {
      if (done) return;
      done = true;
      parser?.abort();
      raw.destroy();
      source.destroy();
      if (e) reject(e);
      else resolve({ lines: line });
    };
    source.on("error", (e: Error) => {
      const code = (e as { code?: string }).code;
      finish(code?.startsWith("Z_") ? new CsvFileError(`cannot read ${path}: broken gzip data (${e.message})`, null) : e);
    });
    Papa.parse<string[]>(source, {
      delimiter: "", // detected from the first lines: comma, semicolon or tab exports all read
      delimitersToGuess: [",", ";", "\t", "|"],
      quoteChar: '"',
      header: false,
      dynamicTyping: false,
      skipEmptyLines: false,
      step(results, p) {
        if (done) return;
        parser = p;
        const row = results.data;
        line++;
        const startLine = line;
        for (const cell of row) {
          for (let i = cell.indexOf("\n"); i >= 0; i = cell.indexOf("\n", i + 1)) line++;
        }
        const quoteError = results.errors.find((x) => x.type === "Quotes");
        if (quoteError) return finish(new CsvFileError(`line ${startLine}: malformed CSV (${quoteError.message})`, startLine));
        try {
          if (!header) {
            header = true;
            if (row.length > 0) row[0] = row[0].replace(/^\uFEFF/, "");
            cb.onHeader(row);
          } else if (!(row.length === 1 && row[0] === "")) {
            cb.onRow(row, startLine);
          }
          if (cb.onProgress && (line & 4095) === 0) {
            const now = performance.now();
            if (now - lastProgress > 250) {
              lastProgress = now;
              cb.onProgress({ bytesRead, totalBytes, lines: line });
            }
          }
          if (cb.shouldStop?.()) finish(null);
        } catch (e) {
          finish(e);
        }
      },
      complete() {
        if (done) return;
        if (!header) return finish(new CsvFileError("the file is empty (no header row)", 1));
        cb.onProgress?.({ bytesRead: totalBytes, totalBytes, lines: line });
        finish(null);
      },
      error(e: Error) {
        finish(e);
      },
    });
  });
}

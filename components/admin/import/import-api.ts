// The admin import screen's calls to its route handlers (same-origin fetches with the session cookie).
import type { FieldSpec, ImportKind } from "@/lib/import/columns";

export type Preview = { uploadId: string; fileName: string; size: number; kind: ImportKind; header: string[]; rows: string[][]; mapping: Record<string, string>; fields: FieldSpec[]; teams: string[] };

export type JobState = {
  id: string;
  status: "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELLED";
  progress: { stage: string; percent: number; counts?: Record<string, number>; message?: string } | null;
  error: string | null;
  cancelRequested: boolean;
  result: ImportSummary | null;
  runId: string | null;
  dryRun: boolean;
};

export type Issue = { line: number; column: string; value: string; kind: string; message: string };

export type ImportSummary = {
  runId?: string;
  status?: "COMPLETED" | "INVALID";
  wrote?: boolean;
  counts?: Record<string, unknown>;
  notes?: string[];
  durationMs?: number;
  issueCount?: number;
  errorCount?: number;
  issues?: Issue[];
};

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { ...init, headers: { ...(init.body && !(init.body instanceof Blob) ? { "Content-Type": "application/json" } : {}), ...init.headers } });
  const body = (await res.json().catch(() => ({}))) as { error?: string; fields?: Record<string, string> };
  if (!res.ok) throw new Error(body.fields ? `${body.error ?? res.statusText} (${Object.entries(body.fields).map(([k, v]) => `${k}: ${v}`).join("; ")})` : (body.error ?? `${res.status} ${res.statusText}`));
  return body as T;
}

/** Sends the file in chunks (the server appends each to disk as it arrives), reporting bytes sent. */
export async function uploadFile(file: File, onProgress: (sent: number) => void): Promise<string> {
  const { uploadId, chunkBytes } = await call<{ uploadId: string; chunkBytes: number }>("/api/admin/import/uploads", {
    method: "POST",
    body: JSON.stringify({ fileName: file.name, size: file.size }),
  });
  let offset = 0;
  while (offset < file.size) {
    const chunk = file.slice(offset, offset + chunkBytes);
    const { received } = await call<{ received: number }>(`/api/admin/import/uploads/${uploadId}?offset=${offset}`, { method: "PUT", body: chunk, headers: { "Content-Type": "application/octet-stream" } });
    offset = received;
    onProgress(offset);
  }
  return uploadId;
}

export const getPreview = (uploadId: string, kind: ImportKind) => call<Preview>(`/api/admin/import/uploads/${uploadId}/preview?kind=${kind}`);

export const startJob = (input: { uploadId: string; kind: ImportKind; mapping: Record<string, string>; dryRun: boolean; skipInvalid: boolean; team?: string }) =>
  call<JobState>("/api/admin/import/jobs", { method: "POST", body: JSON.stringify(input) });

export const getJob = (id: string) => call<JobState>(`/api/admin/import/jobs/${id}`);
export const cancelJob = (id: string) => call<JobState>(`/api/admin/import/jobs/${id}/cancel`, { method: "POST", body: "{}" });

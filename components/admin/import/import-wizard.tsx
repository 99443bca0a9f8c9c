"use client";

import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { IMPORT_KINDS, type ImportKind } from "@/lib/import/columns";
import { cancelJob, getJob, getPreview, startJob, uploadFile, type JobState, type Preview } from "./import-api";
import { ImportMapping } from "./import-mapping";
import { ImportResult } from "./import-result";

const KIND_LABELS: Record<ImportKind, string> = { orders: "Order history (orders and lines)", accounts: "Customers (accounts)", products: "Products" };
const ENDED = new Set(["COMPLETED", "FAILED", "CANCELLED"]);
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/** Upload, preview and mapping, dry run, import with progress and cancel, and the result. */
export function ImportWizard({ limitBytes }: { limitBytes: number }) {
  const router = useRouter();
  const [kind, setKind] = useState<ImportKind>("orders");
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [team, setTeam] = useState("");
  const [job, setJob] = useState<JobState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const poll = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    if (poll.current) clearTimeout(poll.current);
  }, []);

  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  async function onUpload(e: React.FormEvent) {
    e.preventDefault();
    if (!file) return setError("Choose a file first.");
    if (file.size > limitBytes) return setError(`The file is ${mb(file.size)}; the limit is ${mb(limitBytes)}.`);
    setError(null);
    setBusy(true);
    setPreview(null);
    setJob(null);
    try {
      setSent(0);
      const id = await uploadFile(file, setSent);
      const p = await getPreview(id, kind);
      setPreview(p);
      setMapping(p.mapping);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  function watch(id: string) {
    poll.current = setTimeout(async () => {
      try {
        const j = await getJob(id);
        setJob(j);
        if (ENDED.has(j.status)) router.refresh();
        else watch(id);
      } catch (err) {
        fail(err);
      }
    }, 600);
  }

  async function run(dryRun: boolean) {
    if (!preview) return;
    setError(null);
    try {
      const j = await startJob({ uploadId: preview.uploadId, kind: preview.kind, mapping, dryRun, skipInvalid, team: team || undefined });
      setJob(j);
      watch(j.id);
    } catch (err) {
      fail(err);
    }
  }

  const running = job !== null && !ENDED.has(job.status);
  const percent = job?.progress?.percent ?? 0;
  const counts = job?.progress?.counts ?? {};
  return (
    <div className="space-y-6">
      <Card className="p-5">
        <form onSubmit={onUpload} className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
          <div>
            <Label htmlFor="import-kind">What the file holds</Label>
            <Select id="import-kind" value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} disabled={busy || running}>
              {IMPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <Label htmlFor="import-file">CSV file (.csv or .csv.gz, at most {mb(limitBytes)})</Label>
            <Input id="import-file" type="file" accept=".csv,.gz,.txt,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} disabled={busy || running} />
          </div>
          <Button type="submit" disabled={!file || busy || running}>
            Upload and preview
          </Button>
        </form>
        {sent !== null && file ? (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            {sent < file.size ? `Uploading: ${mb(sent)} of ${mb(file.size)}` : `Uploaded ${file.name} (${mb(file.size)}).`}
          </p>
        ) : null}
      </Card>

      {error ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      ) : null}

      {preview ? (
        <Card className="space-y-5 p-5">
          <ImportMapping preview={preview} mapping={mapping} onChange={(f, h) => setMapping((m) => ({ ...m, [f]: h }))} />
          <div className="flex flex-wrap items-end gap-4">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} disabled={running} />
              Import the valid rows when some are invalid (skip invalid)
            </label>
            {preview.kind !== "products" ? (
              <div>
                <Label htmlFor="import-team">New accounts go to</Label>
                <Select id="import-team" value={team} onChange={(e) => setTeam(e.target.value)} disabled={running}>
                  <option value="">all reps</option>
                  {preview.teams.map((t) => (
                    <option key={t} value={t}>
                      team {t}
                    </option>
                  ))}
                </Select>
              </div>
            ) : null}
            <Button variant="secondary" onClick={() => run(true)} disabled={running}>
              Dry run
            </Button>
            <Button onClick={() => run(false)} disabled={running}>
              Import
            </Button>
          </div>
        </Card>
      ) : null}

      {job ? (
        <Card className="space-y-4 p-5" aria-live="polite">
          <h2 className="text-sm font-semibold">{job.dryRun ? "Dry run" : "Import"}: {job.status.toLowerCase()}</h2>
          {running ? (
            <>
              <div role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 w-full rounded bg-slate-200 dark:bg-slate-700">
                <div className="h-2 rounded bg-brand-600" style={{ width: `${Math.min(100, Math.max(0, percent))}%` }} />
              </div>
              <p className="text-sm tabular-nums" data-testid="import-progress">
                {job.status === "QUEUED" ? "Queued…" : `${job.progress?.stage ?? "starting"}: ${percent}%`}
                {counts.linesRead !== undefined ? `, ${counts.linesRead.toLocaleString("en-US")} lines read` : ""}
                {counts.linesPerSecond ? `, ${counts.linesPerSecond.toLocaleString("en-US")} lines/s` : ""}
                {counts.etaSeconds !== undefined ? `, about ${counts.etaSeconds} s left` : ""}
              </p>
              <Button variant="danger" onClick={() => cancelJob(job.id).then(setJob, fail)} disabled={job.cancelRequested}>
                {job.cancelRequested ? "Cancelling…" : "Cancel"}
              </Button>
            </>
          ) : null}
          {job.status === "FAILED" || job.status === "CANCELLED" ? <p className="text-sm">{job.error ?? "The import stopped; nothing was written."}</p> : null}
          {job.status === "COMPLETED" && job.result ? <ImportResult summary={job.result} dryRun={job.dryRun} /> : null}
        </Card>
      ) : null}
    </div>
  );
}

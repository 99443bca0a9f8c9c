"use client";

import { Badge } from "@/components/ui/badge";
import { Label } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { Preview } from "./import-api";

/** The file's first rows, and one select per field with the automatically matched column preselected. */
export function ImportMapping({ preview, mapping, onChange }: { preview: Preview; mapping: Record<string, string>; onChange: (field: string, header: string) => void }) {
  return (
    <div className="space-y-6">
      {/* A file may have more columns than fit: the preview scrolls sideways, and keyboard users can focus it to scroll. */}
      <div role="region" aria-label={`First rows of ${preview.fileName}`} tabIndex={0} className="overflow-x-auto rounded-md border border-slate-200 focus:outline-2 focus:outline-brand-500 dark:border-slate-800">
        <table className="w-full text-left text-xs">
          <caption className="px-3 py-2 text-left text-sm font-medium">First rows of {preview.fileName}</caption>
          <thead className="bg-slate-50 text-slate-700 dark:bg-slate-900 dark:text-slate-300">
            <tr>
              {preview.header.map((h, i) => (
                <th key={i} scope="col" className="whitespace-nowrap px-3 py-2 font-semibold">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, r) => (
              <tr key={r} className="border-t border-slate-200 dark:border-slate-800">
                {preview.header.map((_, c) => (
                  <td key={c} className="whitespace-nowrap px-3 py-1.5">
                    {row[c] ?? ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold">Columns</legend>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">Matched by header name and the usual aliases; choose a column for any field left unmatched.</p>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {preview.fields.map((f) => {
            const id = `map-${f.field}`;
            const auto = preview.mapping[f.field];
            const value = mapping[f.field] ?? "";
            return (
              <div key={f.field}>
                <Label htmlFor={id}>
                  {f.label}
                  {f.required ? " (required)" : ""}{" "}
                  {value && value === auto ? <Badge tone="green">matched</Badge> : f.required && !value ? <Badge tone="red">choose a column</Badge> : null}
                </Label>
                <Select id={id} value={value} onChange={(e) => onChange(f.field, e.target.value)} aria-required={f.required}>
                  <option value="">— not in the file —</option>
                  {preview.header.map((h, i) => (
                    <option key={i} value={h}>
                      {h}
                    </option>
                  ))}
                </Select>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

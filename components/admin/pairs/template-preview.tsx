"use client";

import { useEffect, useState } from "react";
import { Input, Label } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { findPreviewAccountsAction, previewTemplatesAction } from "@/lib/actions/pairs";
import type { PreviewAccount, TemplatePreview as Preview } from "@/lib/data/pairs-preview";

type Props = { sourceProductId?: string; targetProductId?: string; bundleDiscountPct: number | null; talkingPoints: string; objectionHandling: string };

/**
 * The templates rendered on a real account the admin picks, with the values call mode would use; the
 * text is shown as a text node, exactly as call mode shows it, so markup in a template stays visible text.
 */
export function TemplatePreview({ sourceProductId, targetProductId, bundleDiscountPct, talkingPoints, objectionHandling }: Props) {
  const [query, setQuery] = useState("");
  const [accounts, setAccounts] = useState<PreviewAccount[]>([]);
  const [accountId, setAccountId] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const t = setTimeout(async () => {
      const result = await findPreviewAccountsAction({ q: query });
      if (result.ok) {
        setAccounts(result.data);
        setAccountId((current) => (current && result.data.some((a) => a.id === current) ? current : (result.data[0]?.id ?? "")));
      }
    }, 300);
    return () => clearTimeout(t);
  }, [query]);

  useEffect(() => {
    if (!accountId) return;
    const t = setTimeout(async () => {
      const result = await previewTemplatesAction({
        accountId,
        sourceProductId: sourceProductId || undefined,
        targetProductId: targetProductId || undefined,
        bundleDiscountPct,
        talkingPoints,
        objectionHandling,
      });
      if (result.ok) {
        setPreview(result.data);
        setError(null);
      } else setError(result.message);
    }, 300);
    return () => clearTimeout(t);
  }, [accountId, sourceProductId, targetProductId, bundleDiscountPct, talkingPoints, objectionHandling]);

  return (
    <section aria-labelledby="preview-heading" className="rounded-md border border-slate-200 p-4 dark:border-slate-800">
      <h3 id="preview-heading" className="text-sm font-semibold">Preview on a real account</h3>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <div>
          <Label htmlFor="preview-search">Find an account</Label>
          <Input id="preview-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Account name" />
        </div>
        <div>
          <Label htmlFor="preview-account">Account</Label>
          <Select id="preview-account" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            {accounts.length === 0 ? <option value="">No account found</option> : null}
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.externalId})
              </option>
            ))}
          </Select>
        </div>
      </div>
      <div aria-live="polite" className="mt-3 space-y-3 text-sm" data-testid="template-preview">
        {error ? <p className="text-red-700 dark:text-red-300">{error}</p> : null}
        {preview ? (
          <>
            <div>
              <p className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">Talking points for {preview.accountName}</p>
              <p className="mt-1 whitespace-pre-wrap" data-testid="preview-talking-points">{preview.talkingPoints}</p>
            </div>
            <div>
              <p className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">Objection handling</p>
              <p className="mt-1 whitespace-pre-wrap" data-testid="preview-objection-handling">{preview.objectionHandling}</p>
            </div>
          </>
        ) : (
          <p className="text-slate-600 dark:text-slate-400">{accountId ? "Rendering…" : "Pick an account to see the templates as a rep would."}</p>
        )}
      </div>
    </section>
  );
}

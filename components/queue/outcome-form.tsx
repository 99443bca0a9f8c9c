"use client";

import { useEffect, useId, useRef, useState } from "react";
import { addDays, format } from "date-fns";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Label } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { logOutcomeAction } from "@/lib/actions/opportunities";
import { DECLINE_LABELS, DECLINE_REASONS, OUTCOME_LABELS, OUTCOMES } from "@/lib/validations/outcomes";

type Outcome = (typeof OUTCOMES)[number];

export type SavedOutcome = { status: string; nextId: string | null; replayed: boolean };

/** True when a key press belongs to a text field rather than to the page's shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The outcome form of call mode. One idempotency key per opportunity view, so a double click,
 * a retried request or Enter pressed twice records once. Number keys 1-6 pick the outcome.
 */
export function OutcomeForm({
  opportunityId,
  version,
  rep,
  channel,
  regulated,
  suggestedAmount,
  disabled,
  onSaved,
}: {
  opportunityId: string;
  version: number;
  rep?: string;
  /** The offer's channel: the outcome is logged as a call or an email. */
  channel: "CALL" | "EMAIL";
  regulated: boolean;
  suggestedAmount: number;
  disabled: boolean;
  onSaved: (r: SavedOutcome) => void;
}) {
  const ids = useId();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [declineReason, setDeclineReason] = useState<(typeof DECLINE_REASONS)[number] | "">("");
  const [followUpAt, setFollowUpAt] = useState(format(addDays(new Date(), 7), "yyyy-MM-dd"));
  const [wonAmount, setWonAmount] = useState(suggestedAmount.toFixed(2));
  const [notes, setNotes] = useState("");
  const [suitabilityNote, setSuitabilityNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "error" | "conflict"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [key] = useState(() => crypto.randomUUID());
  const [openedAt] = useState(() => Date.now());
  const formRef = useRef<HTMLFormElement>(null);
  const radios = useRef<(HTMLInputElement | null)[]>([]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (disabled || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const n = Number(e.key);
      if (Number.isInteger(n) && n >= 1 && n <= OUTCOMES.length) {
        e.preventDefault();
        setOutcome(OUTCOMES[n - 1]);
        radios.current[n - 1]?.focus();
      } else if (e.key === "Enter" && !(e.target instanceof HTMLButtonElement) && !(e.target instanceof HTMLAnchorElement)) {
        e.preventDefault();
        formRef.current?.requestSubmit();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [disabled]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (saving || disabled) return;
    if (!outcome) {
      setErrors({ outcome: "Choose an outcome (keys 1–6)" });
      return;
    }
    setSaving(true);
    setMessage(null);
    setErrors({});
    const amount = Number(wonAmount);
    const result = await logOutcomeAction({
      rep,
      opportunityId,
      version,
      idempotencyKey: key,
      channel,
      list: channel === "EMAIL" ? "email" : "call",
      outcome,
      declineReason: outcome === "NOT_INTERESTED" && declineReason ? declineReason : undefined,
      followUpAt: outcome === "INTERESTED" && followUpAt ? `${followUpAt}T09:00:00` : undefined,
      wonAmount: outcome === "WON" ? (wonAmount.trim() === "" || Number.isNaN(amount) ? undefined : amount) : undefined,
      notes: notes.trim() || undefined,
      suitabilityNote: outcome === "WON" && suitabilityNote.trim() ? suitabilityNote.trim() : undefined,
      durationSeconds: Math.round((Date.now() - openedAt) / 1000),
    }).catch(() => null);
    setSaving(false);
    if (!result) {
      setMessage({ tone: "error", text: "Could not reach the server. Nothing was lost: press Enter to try again." });
      return;
    }
    if (!result.ok) {
      const fieldErrors = result.fieldErrors ?? {};
      setErrors(fieldErrors);
      // Errors on fields this form shows are highlighted there; any other (the channel's consent) is said in full.
      const shown = ["outcome", "declineReason", "followUpAt", "wonAmount", "suitabilityNote"];
      const onForm = Object.keys(fieldErrors).some((f) => shown.includes(f));
      setMessage({ tone: result.code === "CONFLICT" ? "conflict" : "error", text: onForm ? "Check the highlighted fields." : result.message });
      return;
    }
    onSaved({ status: result.data.status, nextId: result.data.nextId, replayed: result.data.replayed });
  }

  const errorId = (field: string) => (errors[field] ? `${ids}-${field}-error` : undefined);
  const fieldError = (field: string) =>
    errors[field] ? (
      <p id={`${ids}-${field}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
        {errors[field]}
      </p>
    ) : null;

  return (
    <form ref={formRef} onSubmit={submit} aria-label="Log outcome" className="space-y-4" noValidate>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold">Outcome</legend>
        <div className="grid grid-cols-2 gap-2" role="radiogroup" aria-describedby={errorId("outcome")}>
          {OUTCOMES.map((o, i) => (
            <label
              key={o}
              className={cn(
                "flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500",
                outcome === o
                  ? "border-brand-600 bg-brand-50 font-medium text-brand-700 dark:bg-slate-800 dark:text-white"
                  : "border-slate-300 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800",
              )}
            >
              <input
                ref={(el) => {
                  radios.current[i] = el;
                }}
                type="radio"
                name="outcome"
                value={o}
                checked={outcome === o}
                onChange={() => setOutcome(o)}
                className="sr-only"
                disabled={disabled}
              />
              <kbd className="rounded border border-slate-300 bg-white px-1.5 text-xs text-slate-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-300">{i + 1}</kbd>
              {OUTCOME_LABELS[o]}
            </label>
          ))}
        </div>
        {fieldError("outcome")}
      </fieldset>

      {outcome === "NOT_INTERESTED" ? (
        <div>
          <Label htmlFor={`${ids}-reason`}>Reason</Label>
          <Select id={`${ids}-reason`} value={declineReason} onChange={(e) => setDeclineReason(e.target.value as (typeof DECLINE_REASONS)[number] | "")} aria-invalid={!!errors.declineReason} aria-describedby={errorId("declineReason")}>
            <option value="">Choose a reason…</option>
            {DECLINE_REASONS.map((r) => (
              <option key={r} value={r}>
                {DECLINE_LABELS[r]}
              </option>
            ))}
          </Select>
          {fieldError("declineReason")}
        </div>
      ) : null}
      {outcome === "INTERESTED" ? (
        <div>
          <Label htmlFor={`${ids}-followup`}>Follow-up date</Label>
          <Input id={`${ids}-followup`} type="date" value={followUpAt} onChange={(e) => setFollowUpAt(e.target.value)} aria-invalid={!!errors.followUpAt} aria-describedby={errorId("followUpAt")} />
          {fieldError("followUpAt")}
        </div>
      ) : null}
      {outcome === "WON" ? (
        <>
          <div>
            <Label htmlFor={`${ids}-amount`}>Amount won (USD)</Label>
            <Input id={`${ids}-amount`} type="number" inputMode="decimal" min="0" step="0.01" value={wonAmount} onChange={(e) => setWonAmount(e.target.value)} aria-invalid={!!errors.wonAmount} aria-describedby={errorId("wonAmount")} />
            {fieldError("wonAmount")}
          </div>
          {regulated ? (
            <div>
              <Label htmlFor={`${ids}-suitability`}>Suitability note (regulated product)</Label>
              <textarea
                id={`${ids}-suitability`}
                value={suitabilityNote}
                onChange={(e) => setSuitabilityNote(e.target.value)}
                rows={2}
                className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
                aria-invalid={!!errors.suitabilityNote}
                aria-describedby={errorId("suitabilityNote")}
              />
              {fieldError("suitabilityNote")}
            </div>
          ) : null}
        </>
      ) : null}
      <div>
        <Label htmlFor={`${ids}-notes`}>Notes</Label>
        <textarea
          id={`${ids}-notes`}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          rows={3}
          maxLength={4000}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm placeholder:text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:placeholder:text-slate-400"
          placeholder="What did the customer say?"
        />
        {fieldError("notes")}
      </div>
      {message ? (
        <p role="alert" data-testid="outcome-error" className={cn("rounded-md px-3 py-2 text-sm", message.tone === "conflict" ? "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100" : "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200")}>
          {message.text}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={saving || disabled}>
        {saving ? "Saving…" : "Save outcome"} <kbd className="text-xs opacity-80">Enter</kbd>
      </Button>
    </form>
  );
}

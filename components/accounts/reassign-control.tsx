"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { reassignAction } from "@/lib/actions/opportunities";

/** Managers move an opportunity or a whole account to another rep of the team. */
export function ReassignControl({
  scope,
  id,
  currentUserId,
  reps,
  label,
}: {
  scope: "opportunity" | "account";
  id: string;
  currentUserId: string;
  reps: { id: string; name: string }[];
  label: string;
}) {
  const router = useRouter();
  const selectId = useId();
  const [to, setTo] = useState("");
  const [status, setStatus] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!to) return setStatus({ tone: "error", text: "Choose a rep first." });
    setPending(true);
    const input = scope === "account" ? { scope, accountId: id, toUserId: to } : { scope, opportunityId: id, toUserId: to };
    const result = await reassignAction(input).catch(() => null);
    setPending(false);
    if (!result) return setStatus({ tone: "error", text: "Could not reach the server; nothing was changed." });
    if (!result.ok) return setStatus({ tone: "error", text: result.fieldErrors?.toUserId ?? result.message });
    setStatus({ tone: "ok", text: scope === "account" ? `Account reassigned with ${result.data.moved} open opportunities.` : "Opportunity reassigned." });
    setTo("");
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="flex items-center gap-2" aria-label={label}>
      <label htmlFor={selectId} className="sr-only">
        {label}
      </label>
      <select
        id={selectId}
        value={to}
        onChange={(e) => setTo(e.target.value)}
        className="rounded-md border border-slate-300 bg-white py-1 pl-2 pr-7 text-xs text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <option value="">Reassign to…</option>
        {reps
          .filter((r) => r.id !== currentUserId)
          .map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
      </select>
      <Button type="submit" variant="secondary" className="px-2 py-1 text-xs" disabled={pending}>
        {pending ? "Moving…" : "Move"}
      </Button>
      {status ? (
        <span role="status" className={status.tone === "ok" ? "text-xs text-emerald-700 dark:text-emerald-300" : "text-xs text-red-700 dark:text-red-300"}>
          {status.text}
        </span>
      ) : null}
    </form>
  );
}

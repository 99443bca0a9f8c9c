"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, Label } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { FieldError } from "@/components/admin/pairs/field-error";
import { approveRuleAction, rejectRuleAction } from "@/lib/actions/rules";
import { PAIR_TYPE_LABELS, PAIR_TYPES } from "@/lib/validations/pairs";
import { placeholderProblem } from "@/lib/domain/catalog-checks";

type PairType = (typeof PAIR_TYPES)[number];

const messageOf = (r: { message: string; fieldErrors?: Record<string, string> }) => (r.fieldErrors ? Object.values(r.fieldErrors)[0] : r.message);

/** Approve one rule: choose the pair's type (and discount) and, optionally, its templates. */
export function ApproveRuleDialog({ ruleId, label }: { ruleId: string; label: string }) {
  const router = useRouter();
  const ids = useId();
  const [type, setType] = useState<PairType>("CROSS_SELL");
  const [discount, setDiscount] = useState("");
  const [talkingPoints, setTalkingPoints] = useState("");
  const [objectionHandling, setObjectionHandling] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function approve(): Promise<boolean> {
    const local: Record<string, string> = {};
    const tp = talkingPoints && placeholderProblem(talkingPoints);
    const oh = objectionHandling && placeholderProblem(objectionHandling);
    if (tp) local.talkingPoints = tp;
    if (oh) local.objectionHandling = oh;
    setErrors(local);
    if (Object.keys(local).length) return false;
    const result = await approveRuleAction({
      ruleId, type, bundleDiscountPct: type === "BUNDLE" && discount ? Number(discount) : null,
      talkingPoints: talkingPoints || undefined, objectionHandling: objectionHandling || undefined,
    });
    if (!result.ok) {
      if (result.fieldErrors && Object.keys(result.fieldErrors).some((k) => k !== "ruleId")) {
        setErrors(result.fieldErrors);
        return false;
      }
      throw new Error(messageOf(result));
    }
    toast.success(`${label} is in the catalog.`);
    router.refresh();
    return true;
  }

  return (
    <ConfirmDialog
      title={`Approve ${label}`}
      description="Creates an active catalog pair (origin mined) with a snapshot of this rule's statistics. Empty templates get the standard wording."
      confirmLabel="Approve"
      pendingLabel="Approving…"
      onConfirm={approve}
      trigger={<Button variant="secondary" className="px-2 py-1 text-xs" aria-label={`Approve ${label}`}>Approve</Button>}
    >
      <div className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <Label htmlFor={`${ids}-type`}>Type</Label>
            <Select id={`${ids}-type`} value={type} onChange={(e) => setType(e.target.value as PairType)}>
              {PAIR_TYPES.map((t) => <option key={t} value={t}>{PAIR_TYPE_LABELS[t]}</option>)}
            </Select>
            <FieldError id={`${ids}-type-error`} message={errors.type} />
          </div>
          <div>
            <Label htmlFor={`${ids}-discount`}>Bundle discount %</Label>
            <Input id={`${ids}-discount`} type="number" min={0} max={90} disabled={type !== "BUNDLE"} value={discount} onChange={(e) => setDiscount(e.target.value)} aria-invalid={!!errors.bundleDiscountPct} aria-describedby={errors.bundleDiscountPct ? `${ids}-discount-error` : undefined} />
            <FieldError id={`${ids}-discount-error`} message={errors.bundleDiscountPct} />
          </div>
        </div>
        <div>
          <Label htmlFor={`${ids}-tp`}>Talking points (optional)</Label>
          <Textarea id={`${ids}-tp`} value={talkingPoints} onChange={(e) => setTalkingPoints(e.target.value)} aria-invalid={!!errors.talkingPoints} aria-describedby={errors.talkingPoints ? `${ids}-tp-error` : undefined} />
          <FieldError id={`${ids}-tp-error`} message={errors.talkingPoints} />
        </div>
        <div>
          <Label htmlFor={`${ids}-oh`}>Objection handling (optional)</Label>
          <Textarea id={`${ids}-oh`} value={objectionHandling} onChange={(e) => setObjectionHandling(e.target.value)} aria-invalid={!!errors.objectionHandling} aria-describedby={errors.objectionHandling ? `${ids}-oh-error` : undefined} />
          <FieldError id={`${ids}-oh-error`} message={errors.objectionHandling} />
        </div>
        {errors.targetProductId || errors.sourceProductId ? <p role="alert" className="text-sm text-red-700 dark:text-red-300">{errors.targetProductId ?? errors.sourceProductId}</p> : null}
      </div>
    </ConfirmDialog>
  );
}

/** Reject one rule with a reason; it stays out of later runs' review list and out of recommendations. */
export function RejectRuleDialog({ ruleId, label }: { ruleId: string; label: string }) {
  const router = useRouter();
  const ids = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  return (
    <ConfirmDialog
      title={`Reject ${label}`}
      description="Rejected rules leave the review list, also in later runs, and their target is no longer recommended from their source."
      confirmLabel="Reject"
      pendingLabel="Rejecting…"
      tone="danger"
      onConfirm={async () => {
        const result = await rejectRuleAction({ ruleId, reason });
        if (!result.ok) {
          if (result.fieldErrors?.reason) {
            setError(result.fieldErrors.reason);
            return false;
          }
          throw new Error(messageOf(result));
        }
        toast.success(`${label} rejected.`);
        router.refresh();
        return true;
      }}
      trigger={<Button variant="ghost" className="px-2 py-1 text-xs" aria-label={`Reject ${label}`}>Reject</Button>}
    >
      <Label htmlFor={`${ids}-reason`}>Reason</Label>
      <Textarea id={`${ids}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={!!error} aria-describedby={error ? `${ids}-reason-error` : undefined} />
      <FieldError id={`${ids}-reason-error`} message={error} />
    </ConfirmDialog>
  );
}

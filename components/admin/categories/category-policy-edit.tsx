"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, Label } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { toast } from "@/components/ui/toast";
import { FieldError } from "@/components/admin/pairs/field-error";
import { updateCategoryPolicyAction } from "@/lib/actions/products";
import { updateCategoryPolicySchema } from "@/lib/validations/category-policies";
import type { CategoryPolicyRow } from "@/lib/data/category-policies";

/** Edit one category's durability and replacement cycle in a dialog (creates the policy when it has none). */
export function CategoryPolicyEdit({ row }: { row: CategoryPolicyRow }) {
  const router = useRouter();
  const ids = useId();
  const [durability, setDurability] = useState(row.durability);
  const [cycle, setCycle] = useState(row.replacementCycleDays === null ? "" : String(row.replacementCycleDays));
  const [errors, setErrors] = useState<Record<string, string>>({});

  function reset() {
    setDurability(row.durability);
    setCycle(row.replacementCycleDays === null ? "" : String(row.replacementCycleDays));
    setErrors({});
  }

  async function save(): Promise<boolean> {
    const input = { category: row.category, version: row.version, durability, replacementCycleDays: cycle.trim() === "" ? null : Number(cycle) };
    const parsed = updateCategoryPolicySchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return false;
    }
    const result = await updateCategoryPolicyAction(parsed.data);
    if (!result.ok) {
      if (result.fieldErrors) {
        setErrors(result.fieldErrors);
        return false;
      }
      throw new Error(result.message);
    }
    toast.success(`${row.category} saved: ${result.data.durability === "DURABLE" ? "durable" : "replenished"}. Applies from the next scoring run.`);
    router.refresh();
    return true;
  }

  const field = (name: string) => ({ "aria-invalid": !!errors[name], "aria-describedby": errors[name] ? `${ids}-${name}-error` : `${ids}-${name}-help` });
  return (
    <ConfirmDialog
      title={`Edit ${row.category}`}
      description={row.hasPolicy ? `${row.products} products · version ${row.version}` : `${row.products} products · no policy yet: the default (replenished, no cycle) applies until you save one`}
      confirmLabel="Save"
      pendingLabel="Saving…"
      onConfirm={save}
      onOpenChange={(open) => open && reset()}
      trigger={<Button variant="secondary" className="px-2 py-1 text-xs" aria-label={`Edit ${row.category}`}>Edit</Button>}
    >
      <div className="grid gap-3">
        <div>
          <Label htmlFor={`${ids}-durability`}>Durability</Label>
          <Select id={`${ids}-durability`} value={durability} onChange={(e) => setDurability(e.target.value === "DURABLE" ? "DURABLE" : "REPLENISHED")} {...field("durability")}>
            <option value="DURABLE">Durable: bought once in years</option>
            <option value="REPLENISHED">Replenished: bought again</option>
          </Select>
          <p id={`${ids}-durability-help`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            The engine offers no product of a durable category to an account that bought one within the cycle, unless a curated upsell pair&apos;s window has come.
          </p>
          <FieldError id={`${ids}-durability-error`} message={errors.durability} />
        </div>
        <div>
          <Label htmlFor={`${ids}-cycle`}>Replacement cycle (days)</Label>
          <Input id={`${ids}-cycle`} type="number" inputMode="numeric" step={1} min={1} max={3650} value={cycle} onChange={(e) => setCycle(e.target.value)} placeholder="none" {...field("replacementCycleDays")} />
          <p id={`${ids}-replacementCycleDays-help`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            Durable: the usual replacement interval (required). Replenished: the usual repurchase interval, or empty.
          </p>
          <FieldError id={`${ids}-replacementCycleDays-error`} message={errors.replacementCycleDays} />
        </div>
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-200">Applies from the next scoring run; offers already queued stay until then.</p>
      </div>
      {errors.category ? <p role="alert" className="mt-2 text-sm text-red-700">{errors.category}</p> : null}
    </ConfirmDialog>
  );
}

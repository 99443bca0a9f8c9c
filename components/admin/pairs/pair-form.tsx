"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { FieldError } from "@/components/admin/pairs/field-error";
import { ImpactPreview } from "@/components/admin/pairs/impact-preview";
import { TemplatePreview } from "@/components/admin/pairs/template-preview";
import { createPairAction, updatePairAction } from "@/lib/actions/pairs";
import { TEMPLATE_PLACEHOLDERS } from "@/lib/templates";
import { PAIR_TYPE_LABELS, PAIR_TYPES, pairFieldsSchema, SEGMENTS, type PairFieldsInput } from "@/lib/validations/pairs";
import type { ProductOption } from "@/lib/data/pairs";

type Props = {
  products: ProductOption[];
  initial: PairFieldsInput;
  /** Absent for a new pair. */
  pair?: { id: string; version: number };
};

function ProductSelect({ id, label, products, error, ...rest }: { id: string; label: string; products: ProductOption[]; error?: string } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const byCategory = new Map<string, ProductOption[]>();
  for (const p of products) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} aria-invalid={!!error} aria-describedby={error ? `${id}-error` : undefined} {...rest}>
        <option value="">Choose a product…</option>
        {[...byCategory.entries()].map(([category, items]) => (
          <optgroup key={category} label={category}>
            {items.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.active ? "" : " (inactive)"}
              </option>
            ))}
          </optgroup>
        ))}
      </Select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/**
 * Create or edit a pair. The form validates with the action's own zod schema (field checks included:
 * self pair, window order, bundle discount, unknown placeholders); the server adds the checks that need
 * the database and its field errors land on the same fields.
 */
export function PairForm({ products, initial, pair }: Props) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<PairFieldsInput>({ resolver: zodResolver(pairFieldsSchema), defaultValues: initial, mode: "onChange" });
  const { register, handleSubmit, setError, control, formState } = form;
  const errors = formState.errors;
  const values = useWatch({ control }) as PairFieldsInput;
  const err = (name: keyof PairFieldsInput) => errors[name]?.message as string | undefined;
  const described = (name: keyof PairFieldsInput) => ({ "aria-invalid": !!err(name), "aria-describedby": err(name) ? `pair-${name}-error` : undefined });

  async function onSubmit(data: PairFieldsInput) {
    setFormError(null);
    const result = pair ? await updatePairAction({ ...data, id: pair.id, version: pair.version }) : await createPairAction({ ...data, active: true });
    if (!result.ok) {
      if (result.fieldErrors) {
        for (const [field, message] of Object.entries(result.fieldErrors)) {
          if (field in initial) setError(field as keyof PairFieldsInput, { message }, { shouldFocus: true });
        }
      }
      if (!result.fieldErrors || Object.keys(result.fieldErrors).every((f) => !(f in initial))) setFormError(result.message);
      return;
    }
    toast.success(pair ? `Saved as version ${result.data.version}.` : "Pair created.");
    if (pair) router.refresh();
    else router.push(`/admin/pairs/${result.data.id}`);
  }

  const numberOrNull = (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v));
  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-6" aria-label={pair ? "Edit pair" : "New pair"}>
      <div className="grid gap-4 sm:grid-cols-2">
        <ProductSelect id="pair-sourceProductId" label="Source product (bought first)" products={products} error={err("sourceProductId")} {...register("sourceProductId")} />
        <ProductSelect id="pair-targetProductId" label="Target product (offered)" products={products} error={err("targetProductId")} {...register("targetProductId")} />
        <div>
          <Label htmlFor="pair-type">Type</Label>
          <Select id="pair-type" {...described("type")} {...register("type")}>
            {PAIR_TYPES.map((t) => (
              <option key={t} value={t}>
                {PAIR_TYPE_LABELS[t]}
              </option>
            ))}
          </Select>
          <FieldError id="pair-type-error" message={err("type")} />
        </div>
        {/* Rendered for bundles only (a disabled input would read as no value at all). */}
        {values.type === "BUNDLE" ? (
          <div>
            <Label htmlFor="pair-bundleDiscountPct">Bundle discount %</Label>
            <Input id="pair-bundleDiscountPct" type="number" step="0.5" min={0} max={90} {...described("bundleDiscountPct")} {...register("bundleDiscountPct", { setValueAs: numberOrNull })} />
            <FieldError id="pair-bundleDiscountPct-error" message={err("bundleDiscountPct")} />
          </div>
        ) : (
          <p className="self-end text-sm text-slate-600 dark:text-slate-400">A discount applies to bundles only.</p>
        )}
        <div>
          <Label htmlFor="pair-windowMinDays">Offer from (days after the source purchase)</Label>
          <Input id="pair-windowMinDays" type="number" min={0} {...described("windowMinDays")} {...register("windowMinDays", { valueAsNumber: true })} />
          <FieldError id="pair-windowMinDays-error" message={err("windowMinDays")} />
        </div>
        <div>
          <Label htmlFor="pair-windowMaxDays">Offer until (days after the source purchase)</Label>
          <Input id="pair-windowMaxDays" type="number" min={0} {...described("windowMaxDays")} {...register("windowMaxDays", { valueAsNumber: true })} />
          <FieldError id="pair-windowMaxDays-error" message={err("windowMaxDays")} />
        </div>
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">Eligible segments (none ticked: all segments)</legend>
        <div className="flex flex-wrap gap-4">
          {SEGMENTS.map((s) => (
            <label key={s} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" value={s} {...register("eligibleSegments")} className="h-4 w-4 rounded border-slate-400" />
              {s}
            </label>
          ))}
        </div>
        <FieldError id="pair-eligibleSegments-error" message={err("eligibleSegments")} />
      </fieldset>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-4">
          <div>
            <Label htmlFor="pair-talkingPoints">Talking points</Label>
            <Textarea id="pair-talkingPoints" rows={4} {...described("talkingPoints")} {...register("talkingPoints")} />
            <FieldError id="pair-talkingPoints-error" message={err("talkingPoints")} />
          </div>
          <div>
            <Label htmlFor="pair-objectionHandling">Objection handling</Label>
            <Textarea id="pair-objectionHandling" rows={4} {...described("objectionHandling")} {...register("objectionHandling")} />
            <FieldError id="pair-objectionHandling-error" message={err("objectionHandling")} />
          </div>
          <p className="text-xs text-slate-600 dark:text-slate-400" id="placeholder-help">
            Placeholders: {TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}
          </p>
        </div>
        <TemplatePreview
          sourceProductId={values.sourceProductId}
          targetProductId={values.targetProductId}
          bundleDiscountPct={values.type === "BUNDLE" ? (values.bundleDiscountPct ?? null) : null}
          talkingPoints={values.talkingPoints ?? ""}
          objectionHandling={values.objectionHandling ?? ""}
        />
      </div>
      <ImpactPreview
        pairId={pair?.id}
        sourceProductId={values.sourceProductId}
        targetProductId={values.targetProductId}
        windowMinDays={values.windowMinDays}
        windowMaxDays={values.windowMaxDays}
        eligibleSegments={values.eligibleSegments ?? []}
      />
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          {formError}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : pair ? "Save as a new version" : "Create pair"}
        </Button>
      </div>
    </form>
  );
}

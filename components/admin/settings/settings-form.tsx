"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { fieldAria, FormError, FormField } from "@/components/admin/form-field";
import { APPLIES_LABELS, settingFields } from "@/components/admin/settings/setting-fields";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { toast } from "@/components/ui/toast";
import { saveSettingsAction } from "@/lib/actions/settings";
import { settingsValuesSchema, type SettingsValues } from "@/lib/validations/settings-save";

type Values = Record<string, unknown>;

export function SettingsForm({ values, updated }: { values: Values; updated: Record<string, string | undefined> }) {
  const router = useRouter();
  const fields = settingFields();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<Values>({
    resolver: zodResolver(settingsValuesSchema, undefined, { raw: true }) as never,
    defaultValues: values,
  });
  const errors = formState.errors as Record<string, { message?: string } | undefined>;

  const onSubmit = handleSubmit(async (next) => {
    setFormError(null);
    const result = await saveSettingsAction({ values: next as SettingsValues, seen: values });
    if (!result.ok) {
      let placed = false;
      for (const [path, message] of Object.entries(result.fieldErrors ?? {})) {
        const key = path.replace(/^values\./, "");
        if (fields.some((f) => f.key === key)) {
          setError(key, { type: "server", message });
          placed = true;
        }
      }
      if (!placed) setFormError(result.message);
      return;
    }
    const changed = result.data.changed;
    toast.success(changed.length ? `Saved: ${changed.map((k) => fields.find((f) => f.key === k)?.label ?? k).join(", ")}.` : "Nothing changed.");
    reset(next);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <div className="grid gap-5 md:grid-cols-2">
        {fields.map((f) => {
          const id = `setting-${f.key}`;
          const error = errors[f.key]?.message;
          const hint = (
            <>
              <Badge tone={f.applies === "now" ? "green" : "blue"} className="mr-1">
                {APPLIES_LABELS[f.applies]}
              </Badge>
              {f.help}
              {updated[f.key] ? <span className="block">{updated[f.key]}</span> : null}
            </>
          );
          if (f.kind === "boolean") {
            return (
              <div key={f.key} data-testid={`setting-${f.key}`}>
                <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-slate-700 dark:text-slate-300">
                  <input id={id} type="checkbox" {...register(f.key)} aria-describedby={`${id}-hint`} /> {f.label}
                </label>
                <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                  {hint}
                </p>
              </div>
            );
          }
          return (
            <FormField key={f.key} id={id} label={f.label} error={error} hint={hint}>
              {f.kind === "choice" ? (
                <Select id={id} {...register(f.key)} {...fieldAria(id, error, true)}>
                  {f.options.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </Select>
              ) : f.kind === "number" ? (
                <Input id={id} type="number" inputMode="decimal" min={f.min} max={f.max} step={f.step} {...register(f.key, { valueAsNumber: true })} {...fieldAria(id, error, true)} />
              ) : (
                <Input id={id} type="text" {...register(f.key)} {...fieldAria(id, error, true)} />
              )}
            </FormField>
          );
        })}
      </div>
      <FormError message={formError} />
      <div className="flex justify-end">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}

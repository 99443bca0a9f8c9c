"use client";

import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { fieldAria, FormField } from "@/components/admin/form-field";
import { Input } from "@/components/ui/field";
import { PASSWORD_MIN } from "@/lib/validations/users";

type PasswordForm = { passwordMode: "set" | "generate"; password?: string };

/** Typed or generated first password; shared by "create user" and "reset password". */
export function PasswordFields<T extends PasswordForm>({
  id,
  mode,
  register,
  errors,
}: {
  id: string;
  mode: "set" | "generate";
  register: UseFormRegister<T>;
  errors: FieldErrors<T>;
}) {
  const reg = register as unknown as UseFormRegister<PasswordForm>;
  const errs = errors as FieldErrors<PasswordForm>;
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-sm font-medium text-slate-700 dark:text-slate-300">Password</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" value="generate" {...reg("passwordMode")} /> Generate one and show it once
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" value="set" {...reg("passwordMode")} /> Type one to tell the user
      </label>
      {mode === "set" ? (
        <FormField id={`${id}-password`} label="Password" error={errs.password?.message} hint={`At least ${PASSWORD_MIN} characters.`}>
          <Input id={`${id}-password`} type="text" autoComplete="off" spellCheck={false} {...reg("password")} {...fieldAria(`${id}-password`, errs.password?.message, true)} />
        </FormField>
      ) : null}
      <p className="text-xs text-slate-600 dark:text-slate-400">Either way the user must choose their own password when they next sign in.</p>
    </fieldset>
  );
}

/** A generated password, shown this once. */
export function ShownOncePassword({ name, password }: { name: string; password: string }) {
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p>
        First password of {name}, shown only now: copy it and give it to them. They must change it when they sign in.
      </p>
      <p className="mt-2 select-all rounded bg-white px-2 py-1 font-mono text-base tracking-wide text-slate-900 dark:bg-slate-900 dark:text-slate-100" data-testid="generated-password">
        {password}
      </p>
    </div>
  );
}

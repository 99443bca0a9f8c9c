"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { applyActionErrors } from "@/components/admin/apply-errors";
import { fieldAria, FormError, FormField } from "@/components/admin/form-field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { changeOwnPasswordAction } from "@/lib/actions/users";
import { changeOwnPasswordSchema, PASSWORD_MIN, type ChangeOwnPasswordInput } from "@/lib/validations/users";

const FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;

export function ChangePasswordForm({ email, callbackUrl }: { email: string; callbackUrl: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<ChangeOwnPasswordInput>({
    resolver: zodResolver(changeOwnPasswordSchema, undefined, { raw: true }),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await changeOwnPasswordAction(values);
    if (!result.ok) return setFormError(applyActionErrors(result, setError, FIELDS));
    // Every session ended with the change, this one too: sign in again with the new password.
    const again = await signIn("credentials", { email, password: values.newPassword, redirect: false });
    if (!again || again.error) {
      router.replace(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormField id="currentPassword" label="Current password" error={errors.currentPassword?.message}>
        <Input id="currentPassword" type="password" autoComplete="current-password" autoFocus {...register("currentPassword")} {...fieldAria("currentPassword", errors.currentPassword?.message)} />
      </FormField>
      <FormField id="newPassword" label="New password" error={errors.newPassword?.message} hint={`At least ${PASSWORD_MIN} characters.`}>
        <Input id="newPassword" type="password" autoComplete="new-password" {...register("newPassword")} {...fieldAria("newPassword", errors.newPassword?.message, true)} />
      </FormField>
      <FormField id="confirmPassword" label="Repeat the new password" error={errors.confirmPassword?.message}>
        <Input id="confirmPassword" type="password" autoComplete="new-password" {...register("confirmPassword")} {...fieldAria("confirmPassword", errors.confirmPassword?.message)} />
      </FormField>
      <FormError message={formError} />
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Save and continue"}
      </Button>
    </form>
  );
}

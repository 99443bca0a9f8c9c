"use client";

import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { applyActionErrors } from "@/components/admin/apply-errors";
import { fieldAria, FormError, FormField } from "@/components/admin/form-field";
import { PasswordFields, ShownOncePassword } from "@/components/admin/users/password-fields";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Select } from "@/components/ui/select";
import { toast } from "@/components/ui/toast";
import { reassignAccountsAction, resetPasswordAction, unlockUserAction } from "@/lib/actions/users";
import { reassignAccountsSchema, resetPasswordSchema, type ReassignAccountsInput, type ResetPasswordInput } from "@/lib/validations/users";

type Target = { id: string; name: string; version: number };
const small = "px-2 py-1 text-xs";

export function UnlockButton({ user }: { user: Target }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      title={`Unlock ${user.name}?`}
      description="Clears their failed sign-ins on every device, so they can try again at once."
      confirmLabel="Unlock"
      pendingLabel="Unlocking…"
      onConfirm={async () => {
        const result = await unlockUserAction({ userId: user.id });
        if (!result.ok) throw new Error(result.message);
        toast.success(`${user.name} is unlocked.`);
        router.refresh();
      }}
      trigger={
        <Button variant="secondary" className={small} aria-label={`Unlock ${user.name}`}>
          Unlock
        </Button>
      }
    />
  );
}

export function ResetPasswordDialog({ user }: { user: Target }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const empty: ResetPasswordInput = { userId: user.id, version: user.version, passwordMode: "generate", password: "" };
  const { register, handleSubmit, formState, setError, control, reset } = useForm<ResetPasswordInput>({
    resolver: zodResolver(resetPasswordSchema, undefined, { raw: true }),
    defaultValues: empty,
  });
  const passwordMode = useWatch({ control, name: "passwordMode" });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await resetPasswordAction({ ...values, userId: user.id, version: user.version });
    if (!result.ok) return setFormError(applyActionErrors(result, setError, ["passwordMode", "password"]));
    toast.success(`${user.name} has a new password and was signed out everywhere.`);
    router.refresh();
    if (result.data.generatedPassword) setShown(result.data.generatedPassword);
    else setOpen(false);
  });
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) {
          reset(empty);
          setShown(null);
          setFormError(null);
        }
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary" className={small} aria-label={`Reset the password of ${user.name}`}>
          Password
        </Button>
      </DialogTrigger>
      <DialogContent title={`New password for ${user.name}`} description={shown ? undefined : "Their sessions end at once and their lockouts are cleared."}>
        {shown ? (
          <>
            <ShownOncePassword name={user.name} password={shown} />
            <DialogFooter>
              <Button type="button" onClick={() => setOpen(false)}>
                Done
              </Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate className="space-y-4">
            <PasswordFields id={id} mode={passwordMode} register={register} errors={formState.errors} />
            <FormError message={formError} />
            <DialogFooter>
              <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={formState.isSubmitting}>
                {formState.isSubmitting ? "Saving…" : "Set password"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** A leaving rep's accounts and open offers to another rep of the team, and optionally deactivation, in one step. */
export function ReassignDialog({ user, accounts, reps }: { user: Target; accounts: number; reps: { id: string; name: string }[] }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const empty: ReassignAccountsInput = { fromUserId: user.id, toUserId: "", deactivate: true, version: user.version };
  const { register, handleSubmit, formState, setError, reset } = useForm<ReassignAccountsInput>({
    resolver: zodResolver(reassignAccountsSchema, undefined, { raw: true }),
    defaultValues: empty,
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await reassignAccountsAction({ ...values, fromUserId: user.id, version: user.version });
    if (!result.ok) return setFormError(applyActionErrors(result, setError, ["toUserId", "deactivate"]));
    const to = reps.find((r) => r.id === values.toUserId)?.name ?? "the new owner";
    toast.success(`${result.data.accounts} accounts and ${result.data.opportunities} open offers moved to ${to}${result.data.deactivated ? `; ${user.name} is deactivated` : ""}.`);
    setOpen(false);
    router.refresh();
  });
  const err = formState.errors.toUserId?.message;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) {
          reset(empty);
          setFormError(null);
        }
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="secondary" className={small} aria-label={`Reassign the accounts of ${user.name}`}>
          Reassign
        </Button>
      </DialogTrigger>
      <DialogContent title={`Reassign the work of ${user.name}`} description={`${accounts} accounts and their open offers go to another rep of the same team, in one step.`}>
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <FormField id={`${id}-to`} label="New owner" error={err}>
            <Select id={`${id}-to`} {...register("toUserId")} {...fieldAria(`${id}-to`, err)}>
              <option value="">Choose a rep…</option>
              {reps.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </Select>
          </FormField>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" {...register("deactivate")} /> Also deactivate {user.name} (signed out everywhere)
          </label>
          <FormError message={formError} />
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={formState.isSubmitting}>
              {formState.isSubmitting ? "Moving…" : "Reassign"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

"use client";

import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { UserPlus } from "lucide-react";
import { applyActionErrors } from "@/components/admin/apply-errors";
import { fieldAria, FormError, FormField } from "@/components/admin/form-field";
import { PasswordFields, ShownOncePassword } from "@/components/admin/users/password-fields";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { toast } from "@/components/ui/toast";
import { createUserAction } from "@/lib/actions/users";
import { createUserSchema, ROLE_LABELS, USER_ROLES, type CreateUserInput } from "@/lib/validations/users";

const FIELDS = ["name", "email", "role", "teamId", "passwordMode", "password"] as const;
const EMPTY: CreateUserInput = { name: "", email: "", role: "REP", teamId: "", passwordMode: "generate", password: "" };

export function CreateUserDialog({ teams }: { teams: { id: string; name: string }[] }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [shown, setShown] = useState<{ name: string; password: string } | null>(null);
  const form = useForm<CreateUserInput>({ resolver: zodResolver(createUserSchema, undefined, { raw: true }), defaultValues: EMPTY });
  const { register, handleSubmit, formState, setError, control, reset } = form;
  const passwordMode = useWatch({ control, name: "passwordMode" });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await createUserAction(values);
    if (!result.ok) {
      setFormError(applyActionErrors(result, setError, FIELDS));
      return;
    }
    router.refresh();
    toast.success(`${result.data.user.name} can sign in now; they choose their own password at first sign-in.`);
    if (result.data.generatedPassword) setShown({ name: result.data.user.name, password: result.data.generatedPassword });
    else setOpen(false);
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) {
          reset(EMPTY);
          setShown(null);
          setFormError(null);
        }
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden className="h-4 w-4" /> New user
        </Button>
      </DialogTrigger>
      <DialogContent title={shown ? `${shown.name} was created` : "New user"} description={shown ? undefined : "They sign in with the email and the first password below."}>
        {shown ? (
          <>
            <ShownOncePassword name={shown.name} password={shown.password} />
            <DialogFooter>
              <Button type="button" onClick={() => setOpen(false)}>
                Done
              </Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={onSubmit} noValidate className="space-y-4">
            <FormField id={`${id}-name`} label="Name" error={errors.name?.message}>
              <Input id={`${id}-name`} autoComplete="off" {...register("name")} {...fieldAria(`${id}-name`, errors.name?.message)} />
            </FormField>
            <FormField id={`${id}-email`} label="Email" error={errors.email?.message}>
              <Input id={`${id}-email`} type="email" autoComplete="off" {...register("email")} {...fieldAria(`${id}-email`, errors.email?.message)} />
            </FormField>
            <div className="grid gap-3 sm:grid-cols-2">
              <FormField id={`${id}-role`} label="Role" error={errors.role?.message}>
                <Select id={`${id}-role`} {...register("role")} {...fieldAria(`${id}-role`, errors.role?.message)}>
                  {USER_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABELS[r]}
                    </option>
                  ))}
                </Select>
              </FormField>
              <FormField id={`${id}-team`} label="Team" error={errors.teamId?.message}>
                <Select id={`${id}-team`} {...register("teamId")} {...fieldAria(`${id}-team`, errors.teamId?.message)}>
                  <option value="">No team</option>
                  {teams.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </Select>
              </FormField>
            </div>
            <PasswordFields id={id} mode={passwordMode} register={register} errors={errors} />
            <FormError message={formError} />
            <DialogFooter>
              <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={formState.isSubmitting}>
                {formState.isSubmitting ? "Creating…" : "Create user"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

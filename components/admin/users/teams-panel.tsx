"use client";

import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { applyActionErrors } from "@/components/admin/apply-errors";
import { fieldAria, FormError, FormField } from "@/components/admin/form-field";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import { createTeamAction, deleteTeamAction, renameTeamAction } from "@/lib/actions/teams";
import { createTeamSchema, type CreateTeamInput } from "@/lib/validations/users";

export type TeamItem = { id: string; name: string; version: number; members: number; activeMembers: number; accounts: number };

/** One form for "new team" and "rename": the name is the only field either way. */
function TeamNameDialog({ team, trigger }: { team?: TeamItem; trigger: React.ReactElement }) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<CreateTeamInput>({
    resolver: zodResolver(createTeamSchema, undefined, { raw: true }),
    defaultValues: { name: team?.name ?? "" },
  });
  const onSubmit = handleSubmit(async ({ name }) => {
    setFormError(null);
    const result = team ? await renameTeamAction({ teamId: team.id, version: team.version, name }) : await createTeamAction({ name });
    if (!result.ok) return setFormError(applyActionErrors(result, setError, ["name"]));
    toast.success(team ? `Team ${team.name} is now ${result.data.name}.` : `Team ${result.data.name} created.`);
    setOpen(false);
    router.refresh();
  });
  const err = formState.errors.name?.message;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) {
          reset({ name: team?.name ?? "" });
          setFormError(null);
        }
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent title={team ? `Rename ${team.name}` : "New team"} size="sm">
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <FormField id={`${id}-name`} label="Team name" error={err}>
            <Input id={`${id}-name`} autoComplete="off" {...register("name")} {...fieldAria(`${id}-name`, err)} />
          </FormField>
          <FormError message={formError} />
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={formState.isSubmitting}>
              {team ? "Rename" : "Create team"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function NewTeamButton() {
  return <TeamNameDialog trigger={<Button variant="secondary">New team</Button>} />;
}

export function TeamActions({ team }: { team: TeamItem }) {
  const router = useRouter();
  const empty = team.members === 0 && team.accounts === 0;
  return (
    <div className="flex justify-end gap-2">
      <TeamNameDialog
        team={team}
        trigger={
          <Button variant="secondary" className="px-2 py-1 text-xs" aria-label={`Rename team ${team.name}`}>
            Rename
          </Button>
        }
      />
      {empty ? (
        <ConfirmDialog
          title={`Delete team ${team.name}?`}
          description="It has no members and no accounts."
          confirmLabel="Delete"
          pendingLabel="Deleting…"
          tone="danger"
          onConfirm={async () => {
            const result = await deleteTeamAction({ teamId: team.id });
            if (!result.ok) throw new Error(result.message);
            toast.success(`Team ${team.name} deleted.`);
            router.refresh();
          }}
          trigger={
            <Button variant="ghost" className="px-2 py-1 text-xs" aria-label={`Delete team ${team.name}`}>
              Delete
            </Button>
          }
        />
      ) : (
        <span className="px-2 py-1 text-xs text-slate-600 dark:text-slate-400">Not empty</span>
      )}
    </div>
  );
}

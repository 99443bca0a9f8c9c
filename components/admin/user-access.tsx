"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Label } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { toast } from "@/components/ui/toast";
import { changeUserAccessAction, setUserActiveAction } from "@/lib/actions/users";
import { ROLE_LABELS, USER_ROLES } from "@/lib/validations/users";

type Role = (typeof USER_ROLES)[number];

export type ManagedUserRow = { id: string; name: string; role: Role; teamId: string | null; active: boolean; version: number };

/** Admin controls of one user: change role or team, deactivate or reactivate. Each ends the user's sessions. */
export function UserAccess({ user, teams, isSelf }: { user: ManagedUserRow; teams: { id: string; name: string }[]; isSelf: boolean }) {
  const router = useRouter();
  const ids = useId();
  const [role, setRole] = useState<Role>(user.role);
  const [teamId, setTeamId] = useState<string>(user.teamId ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function saveAccess(): Promise<boolean> {
    setErrors({});
    const result = await changeUserAccessAction({
      userId: user.id,
      version: user.version,
      ...(role !== user.role ? { role } : {}),
      ...(teamId !== (user.teamId ?? "") ? { teamId: teamId || null } : {}),
    });
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      if (!result.fieldErrors) throw new Error(result.message);
      return false;
    }
    toast.success(`${user.name}: ${ROLE_LABELS[result.data.role]}${result.data.teamId ? `, ${teams.find((t) => t.id === result.data.teamId)?.name ?? ""}` : ", no team"}. Their sessions have ended.`);
    router.refresh();
    return true;
  }

  async function toggleActive(): Promise<void> {
    const result = await setUserActiveAction({ userId: user.id, active: !user.active, version: user.version });
    if (!result.ok) throw new Error(result.message);
    toast.success(result.data.active ? `${user.name} can sign in again.` : `${user.name} is deactivated and signed out everywhere.`);
    router.refresh();
  }

  const changed = role !== user.role || teamId !== (user.teamId ?? "");
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <ConfirmDialog
        title={`Access of ${user.name}`}
        description="Saving a new role or team ends this user's sessions: the new access applies when they sign in again."
        confirmLabel="Save and sign out"
        pendingLabel="Saving…"
        onConfirm={saveAccess}
        onOpenChange={(open) => {
          if (open) {
            setRole(user.role);
            setTeamId(user.teamId ?? "");
            setErrors({});
          }
        }}
        trigger={
          <Button variant="secondary" className="px-2 py-1 text-xs" aria-label={`Change access of ${user.name}`}>
            Access
          </Button>
        }
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <Label htmlFor={`${ids}-role`}>Role</Label>
            <Select id={`${ids}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)} aria-invalid={!!errors.role} aria-describedby={errors.role ? `${ids}-role-error` : undefined}>
              {USER_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </Select>
            {errors.role ? (
              <p id={`${ids}-role-error`} className="mt-1 text-xs text-red-700 dark:text-red-300">
                {errors.role}
              </p>
            ) : null}
          </div>
          <div>
            <Label htmlFor={`${ids}-team`}>Team</Label>
            <Select id={`${ids}-team`} value={teamId} onChange={(e) => setTeamId(e.target.value)} aria-invalid={!!errors.teamId} aria-describedby={errors.teamId ? `${ids}-team-error` : undefined}>
              <option value="">No team</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Select>
            {errors.teamId ? (
              <p id={`${ids}-team-error`} className="mt-1 text-xs text-red-700 dark:text-red-300">
                {errors.teamId}
              </p>
            ) : null}
          </div>
        </div>
        {!changed ? <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">Pick a different role or team to save.</p> : null}
      </ConfirmDialog>
      {isSelf ? null : (
        <ConfirmDialog
          title={user.active ? `Deactivate ${user.name}?` : `Reactivate ${user.name}?`}
          description={user.active ? "They are signed out everywhere at once and cannot sign in until reactivated. Their accounts and history stay." : "They can sign in again with their password."}
          confirmLabel={user.active ? "Deactivate" : "Reactivate"}
          pendingLabel={user.active ? "Deactivating…" : "Reactivating…"}
          tone={user.active ? "danger" : "primary"}
          onConfirm={toggleActive}
          trigger={
            <Button variant={user.active ? "ghost" : "secondary"} className="px-2 py-1 text-xs" aria-label={`${user.active ? "Deactivate" : "Reactivate"} ${user.name}`}>
              {user.active ? "Deactivate" : "Reactivate"}
            </Button>
          }
        />
      )}
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { UserAccess } from "@/components/admin/user-access";
import { CreateUserDialog } from "@/components/admin/users/create-user-dialog";
import { NewTeamButton, TeamActions } from "@/components/admin/users/teams-panel";
import { ReassignDialog, ResetPasswordDialog, UnlockButton } from "@/components/admin/users/user-actions";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/session";
import { listTeams } from "@/lib/data/teams";
import { listUsers } from "@/lib/data/users-admin";
import { formatDate, formatNumber } from "@/lib/format";
import { ROLE_LABELS } from "@/lib/validations/users";

export const metadata: Metadata = { title: "Users and teams" };

export default async function AdminUsersPage() {
  const actor = await requireActor("users:manage", "/admin/users");
  const [{ users, teams: teamOptions }, teams] = await Promise.all([listUsers(actor), listTeams(actor)]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin" className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
          Admin
        </Link>
      </p>
      <PageHeader
        title="Users and teams"
        description="Role, team and deactivation changes end the user's sessions at once. The last active admin cannot be demoted or deactivated."
        actions={<CreateUserDialog teams={teamOptions} />}
      />
      <Card>
        <h2 className="px-4 py-3 text-sm font-semibold">Users</h2>
        <Table>
          <TableCaption>Users, their access and sign-in state</TableCaption>
          <TableHeader>
            <tr>
              <TableHead>Name</TableHead>
              <TableHead>Email</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Team</TableHead>
              <TableHead>Status</TableHead>
              <TableHead align="right">Accounts</TableHead>
              <TableHead>Last sign-in</TableHead>
              <TableHead className="text-right">Manage</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {users.map((u) => {
              const reps = users.filter((r) => r.assignable && r.active && r.id !== u.id && r.teamId !== null && r.teamId === u.teamId).map((r) => ({ id: r.id, name: r.name }));
              return (
                <TableRow key={u.id} data-testid="user-row">
                  <TableCell className="font-medium">{u.name}</TableCell>
                  <TableCell>{u.email}</TableCell>
                  <TableCell>{ROLE_LABELS[u.role]}</TableCell>
                  <TableCell>{u.team ?? "—"}</TableCell>
                  <TableCell>
                    <span className="flex flex-wrap gap-1">
                      {!u.active ? <Badge>inactive</Badge> : u.locked ? <Badge tone="red">locked</Badge> : <Badge tone="green">active</Badge>}
                      {u.mustChangePassword ? <Badge tone="amber">must change password</Badge> : null}
                    </span>
                  </TableCell>
                  <TableCell align="right">{formatNumber(u.accounts)}</TableCell>
                  <TableCell>{formatDate(u.lastLoginAt)}</TableCell>
                  <TableCell>
                    <div className="flex flex-wrap justify-end gap-2">
                      {u.locked ? <UnlockButton user={u} /> : null}
                      <ResetPasswordDialog user={u} />
                      {u.accounts > 0 && reps.length > 0 ? <ReassignDialog user={u} accounts={u.accounts} reps={reps} /> : null}
                      <UserAccess user={u} teams={teamOptions} isSelf={u.id === actor.id} />
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Card>
      <Card className="mt-6">
        <div className="flex items-center justify-between px-4 py-3">
          <h2 className="text-sm font-semibold">Teams</h2>
          <NewTeamButton />
        </div>
        {teams.length === 0 ? (
          <p className="px-4 pb-4 text-sm text-slate-600 dark:text-slate-400">No teams yet. Managers need a team; create one first.</p>
        ) : (
          <Table>
            <TableCaption>Teams with their members and accounts</TableCaption>
            <TableHeader>
              <tr>
                <TableHead>Team</TableHead>
                <TableHead align="right">Members (active)</TableHead>
                <TableHead align="right">Accounts</TableHead>
                <TableHead className="text-right">Manage</TableHead>
              </tr>
            </TableHeader>
            <TableBody>
              {teams.map((t) => (
                <TableRow key={t.id} data-testid="team-row">
                  <TableCell className="font-medium">{t.name}</TableCell>
                  <TableCell align="right">
                    {formatNumber(t.members)} ({formatNumber(t.activeMembers)})
                  </TableCell>
                  <TableCell align="right">{formatNumber(t.accounts)}</TableCell>
                  <TableCell>
                    <TeamActions team={t} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </>
  );
}

import type { Metadata } from "next";
import { UserAccess } from "@/components/admin/user-access";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader, Stat } from "@/components/ui/card";
import { requireAdminActor } from "@/lib/auth/authorize";
import { adminOverview } from "@/lib/data/overview";
import { formatAgo, formatDate, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Admin" };

const PAIR_LABELS: Record<string, string> = { CROSS_SELL: "Cross-sell", ACCESSORY: "Accessory", UPSELL: "Upsell", BUNDLE: "Bundle" };

export default async function AdminPage() {
  const actor = await requireAdminActor();
  const o = await adminOverview(actor);
  return (
    <>
      <PageHeader title="Admin" description="Catalog, product pairs, users and scoring settings" />
      <div className="grid gap-4 lg:grid-cols-3">
        {o.products ? (
        <Card className="p-5">
          <h2 className="text-sm font-semibold">Catalog</h2>
          <dl className="mt-3 grid grid-cols-3 gap-4">
            <Stat label="Products" value={formatNumber(o.products.total)} />
            <Stat label="Active" value={formatNumber(o.products.active)} />
            <Stat label="Categories" value={formatNumber(o.products.categories)} />
          </dl>
        </Card>
        ) : null}
        {o.pairs ? (
        <Card className="p-5">
          <h2 className="text-sm font-semibold">Product pairs</h2>
          <table className="mt-3 w-full text-sm">
            <caption className="sr-only">Product pairs by type</caption>
            <thead className="text-left text-xs uppercase text-slate-500 dark:text-slate-400">
              <tr><th scope="col">Type</th><th scope="col" className="text-right">Active</th><th scope="col" className="text-right">Inactive</th></tr>
            </thead>
            <tbody>
              {o.pairs.map((p) => (
                <tr key={p.type}><td>{PAIR_LABELS[p.type] ?? p.type}</td><td className="text-right tabular-nums">{p.active}</td><td className="text-right tabular-nums">{p.inactive}</td></tr>
              ))}
            </tbody>
          </table>
        </Card>
        ) : null}
        {o.canSeeScoring || o.settings ? (
        <Card className="p-5">
          <h2 className="text-sm font-semibold">Scoring</h2>
          {o.canSeeScoring ? (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
            {o.lastRun ? `Last run ${o.lastRun.status.toLowerCase()}, started ${formatAgo(o.lastRun.startedAt)}` : "No scoring run yet."}
          </p>
          ) : null}
          <dl className="mt-3 space-y-1 text-sm">
            {(o.settings ?? []).map((s) => (
              <div key={s.key} className="flex justify-between gap-2"><dt className="text-slate-600 dark:text-slate-400">{s.key}</dt><dd className="font-mono">{s.value}</dd></div>
            ))}
          </dl>
        </Card>
        ) : null}
      </div>
      {o.users ? (
      <Card className="mt-6">
        <h2 className="px-4 py-3 text-sm font-semibold">Users</h2>
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">Users</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:bg-slate-800/60 dark:text-slate-300">
              <tr><th scope="col" className="px-4 py-2">Name</th><th scope="col" className="px-4 py-2">Email</th><th scope="col" className="px-4 py-2">Role</th><th scope="col" className="px-4 py-2">Team</th><th scope="col" className="px-4 py-2">Status</th><th scope="col" className="px-4 py-2">Last sign-in</th><th scope="col" className="px-4 py-2 text-right">Manage</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {o.users.map((u) => (
                <tr key={u.id}>
                  <td className="px-4 py-2 font-medium">{u.name}</td>
                  <td className="px-4 py-2">{u.email}</td>
                  <td className="px-4 py-2">{u.role.toLowerCase()}</td>
                  <td className="px-4 py-2">{u.team ?? "—"}</td>
                  <td className="px-4 py-2">{!u.active ? <Badge>inactive</Badge> : u.locked ? <Badge tone="red">locked</Badge> : <Badge tone="green">active</Badge>}</td>
                  <td className="px-4 py-2">{formatDate(u.lastLoginAt)}</td>
                  <td className="px-4 py-2">
                    <UserAccess user={u} teams={o.teams ?? []} isSelf={u.id === actor.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      ) : null}
    </>
  );
}

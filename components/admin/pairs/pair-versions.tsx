import { RestoreVersionButton } from "@/components/admin/pairs/pair-actions";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/lib/format";
import type { PairDetail } from "@/lib/data/pairs";

const ACTIONS: Record<string, string> = { create: "Created", update: "Edited", deactivate: "Deactivated", reactivate: "Reactivated", restore: "Restored", approve: "Approved from a mined rule" };

/** The pair's history, newest first: who changed what, each field before and after. */
export function PairVersions({ pair, canWrite }: { pair: PairDetail; canWrite: boolean }) {
  return (
    <Card className="p-5">
      <h2 className="text-sm font-semibold">Version history</h2>
      {pair.versions.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Version {pair.version} came with the catalog data; changes from now on are kept here.</p>
      ) : (
        <ol className="mt-3 space-y-4" data-testid="pair-versions">
          {pair.versions.map((v) => (
            <li key={v.version} className="border-l-2 border-slate-200 pl-3 dark:border-slate-700">
              <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <p>
                  <span className="font-semibold">Version {v.version}</span> · {ACTIONS[v.action] ?? v.action} by {v.by ?? "unknown"} · {formatDate(v.at)}
                </p>
                {canWrite && v.version !== pair.version ? <RestoreVersionButton id={pair.id} version={pair.version} restoreVersion={v.version} /> : null}
              </div>
              {v.changes.length ? (
                <table className="mt-2 w-full text-xs">
                  <caption className="sr-only">Changes in version {v.version}</caption>
                  <thead className="text-left text-slate-600 dark:text-slate-400">
                    <tr><th scope="col" className="py-1 pr-2">Field</th>{v.action === "create" || v.action === "approve" ? null : <th scope="col" className="py-1 pr-2">Before</th>}<th scope="col" className="py-1">After</th></tr>
                  </thead>
                  <tbody>
                    {v.changes.map((c) => (
                      <tr key={c.field} className="align-top">
                        <th scope="row" className="py-1 pr-2 font-medium">{c.label}</th>
                        {v.action === "create" || v.action === "approve" ? null : <td className="whitespace-pre-wrap py-1 pr-2 text-red-800 line-through decoration-red-400 dark:text-red-300">{c.before}</td>}
                        <td className="whitespace-pre-wrap py-1 text-emerald-800 dark:text-emerald-300">{c.after}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">No field changed.</p>
              )}
            </li>
          ))}
          {pair.versions[pair.versions.length - 1].version > 1 ? (
            <li className="border-l-2 border-slate-200 pl-3 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-400">
              Earlier versions came with the catalog data, before the history was kept.
            </li>
          ) : null}
        </ol>
      )}
    </Card>
  );
}

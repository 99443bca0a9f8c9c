import type { Metadata } from "next";
import Link from "next/link";
import { AuditDiff } from "@/components/admin/audit/audit-diff";
import { AuditFilters } from "@/components/admin/audit/audit-filters";
import { VerifyChainButton } from "@/components/admin/audit/verify-button";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { auditFilterOptions, listAudit } from "@/lib/data/audit";
import { latestAuditCheck } from "@/lib/data/audit-verify";
import { formatNumber } from "@/lib/format";
import { auditFilterSchema, type AuditFilter } from "@/lib/validations/audit";

export const metadata: Metadata = { title: "Audit log" };

function query(filter: AuditFilter, extra: Record<string, string | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, after: undefined, before: undefined, ...extra })) if (v) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("audit:read", "/admin/audit");
  const raw = await searchParams;
  const filter = auditFilterSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const [page, options, check] = await Promise.all([listAudit(actor, filter), auditFilterOptions(actor), latestAuditCheck(actor)]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin" className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
          Admin
        </Link>
      </p>
      <PageHeader
        title="Audit log"
        description="Every change with its before and after, sign-ins, views and refused attempts, newest first. Rows form a hash chain, so an edited, deleted or inserted row is detected."
        actions={
          <a href={`/api/admin/audit${query(filter)}`} className={buttonClass("secondary")} download>
            Export CSV
          </a>
        }
      />
      <Card className="mb-6 flex flex-wrap items-center justify-between gap-4 p-5" data-testid="chain-check">
        <div>
          <h2 className="text-sm font-semibold">Tamper-evidence check</h2>
          {check ? (
            <p className={`mt-1 text-sm ${check.ok ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}>
              {check.ok
                ? `Intact: ${formatNumber(check.checked)} rows checked`
                : `Broken at row ${check.firstBroken?.seq ?? "?"} (${check.firstBroken?.id ?? "row missing"}): ${check.firstBroken?.reason ?? ""}`}
              {` · ${check.at.slice(0, 19).replace("T", " ")} UTC${check.by ? ` by ${check.by}` : ""}, ${(check.ms / 1000).toFixed(1)} s`}
              {check.legacyRows ? ` · ${formatNumber(check.legacyRows)} rows older than the chain` : ""}
            </p>
          ) : (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Not checked yet. The check reads the whole log (about 50,000 rows a second).</p>
          )}
        </div>
        <VerifyChainButton />
      </Card>
      <Card className="mb-6 p-5">
        <AuditFilters filter={filter} users={options.users} />
      </Card>
      <Card>
        <h2 className="sr-only">Rows</h2>
        {page.rows.length === 0 ? (
          <p className="p-6 text-sm text-slate-600 dark:text-slate-400">No audit rows match these filters.</p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {page.rows.map((r) => (
              <li key={r.id} data-testid="audit-row">
                <details className="group px-4 py-2">
                  <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
                    <span className="font-mono text-xs tabular-nums text-slate-600 dark:text-slate-400">{r.createdAt.slice(0, 19).replace("T", " ")}</span>
                    <span className="font-medium">{r.action}</span>
                    <span>
                      {r.entityType}
                      {r.entityId ? <span className="font-mono text-xs"> {r.entityId}</span> : null}
                    </span>
                    <span className="text-slate-600 dark:text-slate-400">{r.userName ?? "—"}</span>
                    {r.ip ? <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{r.ip}</span> : null}
                  </summary>
                  <div className="mt-2 pl-2">
                    <AuditDiff details={r.details} />
                    <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                      seq {r.seq ?? "—"} · id {r.id}
                      {r.userAgent ? ` · ${r.userAgent}` : ""}
                    </p>
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
        <nav aria-label="Audit log pages" className="flex justify-between border-t border-slate-100 px-4 py-3 text-sm dark:border-slate-800">
          {page.newer ? (
            <Link href={`/admin/audit${query(filter, { before: page.newer })}`} className={buttonClass("secondary")}>
              Newer
            </Link>
          ) : (
            <span />
          )}
          {page.older ? (
            <Link href={`/admin/audit${query(filter, { after: page.older })}`} className={buttonClass("secondary")}>
              Older
            </Link>
          ) : null}
        </nav>
      </Card>
    </>
  );
}

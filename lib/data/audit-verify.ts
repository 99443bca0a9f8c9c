import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { verifyAuditChain } from "@/lib/audit/chain";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/actor";

/** The result of one tamper-evidence check, as recorded in its own audit row. */
export type AuditCheck = {
  at: string;
  by: string | null;
  ok: boolean;
  checked: number;
  legacyRows: number;
  ms: number;
  firstBroken: { seq: number | null; id: string | null; createdAt: string | null; reason: string } | null;
};

const ACTION = "audit.verify";

/**
 * Walks the whole hash chain (lib/audit/chain.ts, as `npm run audit:verify` does) and records the result as
 * an audit row of its own, so the page shows the latest check and who ran it. About 50,000 rows a second.
 */
export async function runAuditCheck(actor: Actor): Promise<AuditCheck> {
  await authorize(actor, "audit:read", "AuditLog");
  const started = performance.now();
  const report = await verifyAuditChain(db);
  const ms = Math.round(performance.now() - started);
  const firstBroken = report.firstBroken
    ? { seq: report.firstBroken.seq, id: report.firstBroken.id, createdAt: report.firstBroken.createdAt?.toISOString() ?? null, reason: report.firstBroken.reason }
    : null;
  await audit({ userId: actor.id, action: ACTION, entityType: "AuditLog", details: { ok: report.ok, checked: report.checked, legacyRows: report.legacyRows, ms, firstBroken } });
  return { at: new Date().toISOString(), by: actor.name, ok: report.ok, checked: report.checked, legacyRows: report.legacyRows, ms, firstBroken };
}

export async function latestAuditCheck(actor: Actor): Promise<AuditCheck | null> {
  await authorize(actor, "audit:read", "AuditLog");
  const row = await db.auditLog.findFirst({
    where: { action: ACTION },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { createdAt: true, details: true, user: { select: { name: true } } },
  });
  if (!row) return null;
  const d = (row.details ?? {}) as Partial<AuditCheck>;
  return {
    at: row.createdAt.toISOString(),
    by: row.user?.name ?? null,
    ok: d.ok === true,
    checked: Number(d.checked ?? 0),
    legacyRows: Number(d.legacyRows ?? 0),
    ms: Number(d.ms ?? 0),
    firstBroken: d.firstBroken ?? null,
  };
}

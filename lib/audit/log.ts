import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { db } from "@/lib/db";
import { appendAudit, type AppendEntry } from "@/lib/audit/chain";
import { DenialLimiter } from "@/lib/audit/denial-limiter";
import { withWriteRetry } from "@/lib/data/write-retry";
import { clientIp, userAgentOf } from "@/lib/http/client-ip";
import type { Prisma } from "@/lib/generated/prisma/client";

// The app's only writer of audit rows: each one is appended to the hash chain (lib/audit/chain.ts).

/** One audit row as the app writes it: the chain's entry (ip and user agent default to the request's). */
export type AuditEntry = AppendEntry;

export type AuditRequestContext = {
  ip: string | null;
  userAgent: string | null;
  /** A server action's request: the page it re-renders afterwards is not a new page load. */
  serverAction: boolean;
  /** A router prefetch: rendered ahead of a navigation that may never happen. */
  prefetch: boolean;
};

/** The current request's client, or null outside a request (scripts, tests, jobs). */
export async function auditRequestContext(): Promise<AuditRequestContext | null> {
  try {
    const h = await headers();
    return {
      ip: clientIp(h),
      userAgent: userAgentOf(h),
      serverAction: h.has("next-action"),
      prefetch: h.has("next-router-prefetch"),
    };
  } catch (e) {
    // Next's own signals (dynamic rendering, postpone) must pass; "outside a request scope" is ours.
    unstable_rethrow(e);
    return null;
  }
}

function withClient(entry: AuditEntry, ctx: AuditRequestContext | null): AuditEntry {
  return { ...entry, ip: entry.ip === undefined ? (ctx?.ip ?? null) : entry.ip, userAgent: entry.userAgent === undefined ? (ctx?.userAgent ?? null) : entry.userAgent };
}

/**
 * Writes one audit row. Pass the caller's transaction client to commit the row with the change it
 * records; without one the row gets its own transaction. Client IP and user agent come from the
 * current request unless given.
 */
export async function audit(entry: AuditEntry, tx?: Prisma.TransactionClient): Promise<void> {
  const full = entry.ip !== undefined && entry.userAgent !== undefined ? entry : withClient(entry, await auditRequestContext());
  if (tx) {
    await appendAudit(tx, full);
    return;
  }
  await withWriteRetry(() => db.$transaction((t) => appendAudit(t, full), { maxWait: 15_000, timeout: 15_000 }));
}

/**
 * Records that someone looked at a record, once per page load: the re-render that follows a server
 * action (revalidatePath) and router prefetches are not views and write nothing.
 */
export async function auditView(entry: AuditEntry): Promise<void> {
  const ctx = await auditRequestContext();
  if (ctx?.serverAction || ctx?.prefetch) return;
  await audit(withClient(entry, ctx));
}

/** Per user (else per client address): 10 denial rows a minute, the rest counted into the next row. */
export const denialLimiter = new DenialLimiter();

/**
 * Records an "access.denied", rate-limited (see denialLimiter). Never throws: failing to audit a
 * denial must not turn the caller's not-found answer into a server error.
 */
export async function auditDenied(entry: { userId?: string | null; permission?: string; entityType: string; entityId?: string | null; reason: string }): Promise<void> {
  try {
    const ctx = await auditRequestContext();
    const decision = denialLimiter.take(entry.userId ? `user:${entry.userId}` : ctx?.ip ? `ip:${ctx.ip}` : "anonymous");
    if (!decision.write) return;
    const details: Record<string, string | number> = { reason: entry.reason };
    if (entry.permission) details.permission = entry.permission;
    if (decision.suppressed > 0) details.suppressed = decision.suppressed;
    try {
      await audit({
        userId: entry.userId ?? null,
        action: "access.denied",
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        details,
        ip: ctx?.ip ?? null,
        userAgent: ctx?.userAgent ?? null,
      });
    } catch (e) {
      denialLimiter.restore(decision.key, decision.suppressed);
      throw e;
    }
  } catch (e) {
    unstable_rethrow(e);
    console.error("audit: could not record an access denial", e);
  }
}

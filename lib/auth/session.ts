import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { auditDenied } from "@/lib/audit/log";
import { can, dataScope, type Permission } from "@/lib/auth/permissions";
import { claimsOfSession, sessionRefusal } from "@/lib/auth/session-policy";
import type { Actor } from "@/lib/auth/actor";

/**
 * The acting user, re-read from the database so that a deactivated user or a changed role
 * takes effect at once rather than when the session token expires. A token from before the user's
 * last sign-out, deactivation or access change (session version), or older than the absolute
 * session lifetime, gives no actor. Cached per request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  if (!session) return null;
  const claims = claimsOfSession(session);
  if (!claims) return null;
  const user = await db.user.findUnique({
    where: { id: claims.userId },
    select: { id: true, email: true, name: true, role: true, teamId: true, active: true, sessionVersion: true, mustChangePassword: true },
  });
  if (!user || sessionRefusal(claims, user) !== null) return null;
  const teamMemberIds =
    dataScope(user.role) === "team" && user.teamId
      ? (await db.user.findMany({ where: { teamId: user.teamId }, select: { id: true } })).map((u) => u.id)
      : undefined;
  return { id: user.id, email: user.email, name: user.name, role: user.role, teamId: user.teamId, teamMemberIds, ...(user.mustChangePassword && { mustChangePassword: true }) };
});

/** For pages: anonymous users go to the login page, users lacking the permission get a 404 (audited). */
export async function requireActor(permission?: Permission, callbackUrl?: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login");
  if (actor.mustChangePassword) redirect(callbackUrl ? `/change-password?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/change-password");
  if (permission && !can(actor.role, permission)) {
    await auditDenied({ userId: actor.id, permission, entityType: "Page", entityId: callbackUrl ?? null, reason: "permission" });
    notFound();
  }
  return actor;
}

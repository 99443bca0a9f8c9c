import "server-only";
import { auditDenied } from "@/lib/audit/log";
import { notFound as notFoundPage } from "next/navigation";
import { can, canOpenAdmin, type Permission } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";

/**
 * The permission check of data functions and actions: a missing permission reads as NOT_FOUND, so
 * nothing reveals what exists, and the attempt is audited (rate-limited).
 */
export async function authorize(actor: Actor, permission: Permission, what = "Page"): Promise<void> {
  // A password an admin set (or reset) opens nothing but choosing one's own.
  if (actor.mustChangePassword && permission !== "self:password") throw new AppError("FORBIDDEN", "Choose your own password before you continue.");
  if (can(actor.role, permission)) return;
  await auditDenied({ userId: actor.id, permission, entityType: what, reason: "permission" });
  throw new AppError("NOT_FOUND", `${what} not found`);
}

/**
 * A record the actor asked for by id that is missing or out of scope: audited as a denial, and
 * answered exactly like a missing record.
 */
export async function outOfScope(actor: Actor, entityType: string, entityId: string): Promise<AppError> {
  await auditDenied({ userId: actor.id, entityType, entityId, reason: "out of scope or missing" });
  return new AppError("NOT_FOUND", `${entityType} not found`);
}

/** For the admin overview page: open to anyone holding one admin section's permission, else not found. */
export async function requireAdminActor(): Promise<Actor> {
  const actor = await requireActor(undefined, "/admin");
  if (!canOpenAdmin(actor.role)) {
    await auditDenied({ userId: actor.id, permission: "admin", entityType: "Admin", reason: "permission" });
    notFoundPage();
  }
  return actor;
}

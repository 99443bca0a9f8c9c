import "server-only";
import { can, rolesWith } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

export function invalid(field: string, message: string): AppError {
  return new AppError("INVALID_INPUT", `${field}: ${message}`, { [field]: message });
}

export function conflict(what: string): AppError {
  return new AppError("CONFLICT", `${what} was changed by someone else since you opened this page. Reload to see the change, then try again.`);
}

/**
 * Refuses a change that would leave nobody able to manage users: the last active holder of users:manage
 * cannot be demoted or deactivated. The rows of every active admin are written (a no-op) first, so on
 * PostgreSQL two admins demoting each other at once serialise on those row locks instead of both passing
 * the count (SQLite's single writer serialises them already).
 */
export async function assertAnotherAdminRemains(tx: Prisma.TransactionClient, userId: string, field: string): Promise<void> {
  const managers = rolesWith("users:manage");
  await tx.user.updateMany({ where: { role: { in: managers }, active: true }, data: { version: { increment: 0 } } });
  const others = await tx.user.count({ where: { role: { in: managers }, active: true, id: { not: userId } } });
  if (others === 0) throw invalid(field, "This is the last active admin: make another user an admin first.");
}

/** True when going from `before` to `after` takes away user management. */
export function losesUserManagement(before: Role, after: Role): boolean {
  return can(before, "users:manage") && !can(after, "users:manage");
}

/**
 * A role that cannot own accounts may not keep any: the accounts and open offers would belong to nobody's
 * queue. Reassign them first (one step from the users page).
 */
export async function assertOwnsNothing(tx: Prisma.TransactionClient, userId: string, role: Role): Promise<void> {
  if (can(role, "opportunities:assignable")) return;
  const [accounts, offers] = await Promise.all([
    tx.account.count({ where: { ownerId: userId } }),
    tx.opportunity.count({ where: { assigneeId: userId, status: { in: ["OPEN", "SNOOZED"] } } }),
  ]);
  if (accounts > 0 || offers > 0) {
    throw invalid("role", `This user still owns ${accounts} account${accounts === 1 ? "" : "s"} and ${offers} open offer${offers === 1 ? "" : "s"}: reassign them to another rep first.`);
  }
}

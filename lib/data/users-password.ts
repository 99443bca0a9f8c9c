import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { authorize } from "@/lib/auth/authorize";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { invalid } from "@/lib/data/users-guards";
import { withWriteRetry } from "@/lib/data/write-retry";
import { notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";

/**
 * The signed-in user replaces their password (required after an admin set one). Every session of theirs
 * ends, this one included, so a password the admin knew opens nothing any more; the page signs them in
 * again with the new one.
 */
export async function changeOwnPassword(actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<{ email: string }> {
  await authorize(actor, "self:password", "User");
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { id: true, email: true, passwordHash: true, version: true } });
  if (!user) throw notFound("User");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw invalid("currentPassword", "is not your current password");
  if (input.newPassword.toLowerCase() === user.email) throw invalid("newPassword", "must not be your email address");
  const passwordHash = await hashPassword(input.newPassword);
  await withWriteRetry(() =>
    db.$transaction(async (tx) => {
      // Guarded by the hash that was verified: two changes at once cannot both pass the current-password check.
      const changed = await tx.user.updateMany({
        where: { id: user.id, passwordHash: user.passwordHash },
        data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 }, version: { increment: 1 } },
      });
      if (changed.count === 0) throw invalid("currentPassword", "was changed meanwhile: sign in again");
      await audit({ userId: user.id, action: "user.password_change", entityType: "User", entityId: user.id, details: { after: { mustChangePassword: false } } }, tx);
    }),
  );
  return { email: user.email };
}

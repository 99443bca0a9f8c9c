import "server-only";
import { db } from "@/lib/db";
import { randomUUID } from "node:crypto";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { loginSchema } from "@/lib/validations/auth";
import type { Actor } from "@/lib/auth/actor";

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export class LoginError extends Error {}

const WRONG = "Wrong email or password.";

function lockedMessage(until: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return `Too many failed sign-ins: this account is locked for ${minutes} more minute${minutes === 1 ? "" : "s"}. Try again later or ask an admin to unlock it.`;
}

// A real argon2id hash of a random string, so unknown emails cost the same verify time as known ones.
let decoyHash: Promise<string> | null = null;

/**
 * Unknown and deactivated emails fail exactly like a wrong password, lockout included (counted in the
 * audit log, as there is no user row), so neither the message nor the timing tells whether an
 * account exists.
 */
async function refuseUnknown(email: string, password: string): Promise<never> {
  decoyHash ??= hashPassword(randomUUID());
  await verifyPassword(await decoyHash, password);
  const since = new Date(Date.now() - LOCKOUT_MINUTES * 60_000);
  const recent = await db.auditLog.findMany({
    where: { action: "auth.login_failed", entityType: "Email", entityId: email, createdAt: { gt: since } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
  if (recent.length >= MAX_FAILED_LOGINS) {
    const lockStartedAt = recent[MAX_FAILED_LOGINS - 1].createdAt;
    throw new LoginError(lockedMessage(new Date(lockStartedAt.getTime() + LOCKOUT_MINUTES * 60_000)));
  }
  await db.auditLog.create({ data: { action: "auth.login_failed", entityType: "Email", entityId: email } });
  if (recent.length + 1 >= MAX_FAILED_LOGINS) throw new LoginError(lockedMessage(new Date(Date.now() + LOCKOUT_MINUTES * 60_000)));
  throw new LoginError(WRONG);
}

/**
 * Checks credentials with lockout: five failures in a row lock the user for 15 minutes,
 * during which even the right password is refused. Throws LoginError with a user-facing message.
 */
export async function authenticate(raw: unknown): Promise<Actor> {
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) throw new LoginError(parsed.error.issues[0]?.message ?? WRONG);
  const { email, password } = parsed.data;

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, teamId: true, active: true, passwordHash: true, lockedUntil: true },
  });
  if (!user || !user.active) return refuseUnknown(email, password);

  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) throw new LoginError(lockedMessage(user.lockedUntil));

  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok) {
    // A lock that has expired starts a fresh count.
    const expired = user.lockedUntil !== null && user.lockedUntil <= now;
    const updated = await db.user.update({
      where: { id: user.id },
      data: expired ? { failedLoginCount: 1, lockedUntil: null } : { failedLoginCount: { increment: 1 } },
      select: { failedLoginCount: true },
    });
    let lockedUntil: Date | null = null;
    if (updated.failedLoginCount >= MAX_FAILED_LOGINS) {
      lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
      await db.user.update({ where: { id: user.id }, data: { lockedUntil } });
    }
    await db.auditLog.create({
      data: {
        userId: user.id,
        action: lockedUntil ? "auth.locked" : "auth.login_failed",
        entityType: "User",
        entityId: user.id,
        details: { failedLoginCount: updated.failedLoginCount },
      },
    });
    throw new LoginError(lockedUntil ? lockedMessage(lockedUntil) : WRONG);
  }

  await db.user.update({
    where: { id: user.id },
    data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now },
  });
  await db.auditLog.create({ data: { userId: user.id, action: "auth.login", entityType: "User", entityId: user.id } });
  return { id: user.id, email: user.email, name: user.name, role: user.role, teamId: user.teamId };
}

import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit/log";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { clientIp, userAgentOf } from "@/lib/http/client-ip";
import { loginSchema } from "@/lib/validations/auth";
import type { Actor } from "@/lib/auth/actor";

/** Failures of one email from one client within the window that lock that email for that client. */
export const MAX_FAILED_LOGINS = 5;
/** Failures of one email from all clients within the window that lock it everywhere (distributed guessing). */
export const MAX_FAILED_LOGINS_PER_EMAIL = 20;
export const LOCKOUT_MINUTES = 15;
/** Failures from one client (any email) within the window before each further attempt is delayed. */
export const THROTTLE_FREE_FAILURES = 3;
export const THROTTLE_BASE_MS = 250;
export const THROTTLE_MAX_MS = 8_000;
/** LoginFailure rows older than this are deleted; they no longer count for anything. */
export const FAILURE_RETENTION_MS = 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 10 * 60_000;
const WINDOW_MS = LOCKOUT_MINUTES * 60_000;

export class LoginError extends Error {}

/** Who signed in, and the session version their token will carry. */
export type SignedIn = Actor & { sessionVersion: number };

/** Injectable for tests: the clock and the throttle's sleep. */
export type LoginDeps = { now?: () => number; sleep?: (ms: number) => Promise<void> };

const WRONG = "Wrong email or password.";

function lockedMessage(until: number, now: number): string {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return `Too many failed sign-ins: this account is locked for ${minutes} more minute${minutes === 1 ? "" : "s"}. Try again later or ask an admin to unlock it.`;
}

/** Delay before answering a client that already has `failures` failures in the window. */
export function throttleDelayMs(failures: number): number {
  if (failures < THROTTLE_FREE_FAILURES) return 0;
  return Math.min(THROTTLE_MAX_MS, THROTTLE_BASE_MS * 2 ** (failures - THROTTLE_FREE_FAILURES));
}

// A real argon2id hash of a random string: unknown, deactivated and locked sign-ins verify against it,
// so every attempt costs exactly one verify.
let decoyHash: Promise<string> | null = null;

let lastPruneAt = -Infinity;
async function pruneOldFailures(now: number): Promise<void> {
  if (now - lastPruneAt < PRUNE_EVERY_MS) return;
  lastPruneAt = now;
  await db.loginFailure.deleteMany({ where: { createdAt: { lt: new Date(now - FAILURE_RETENTION_MS) } } });
}

/** End of the lock that `failures` (newest first, the current attempt included) impose, or null. */
function lockEnd(failures: number[], threshold: number): number | null {
  return failures.length >= threshold ? failures[threshold - 1] + WINDOW_MS : null;
}

/**
 * Checks credentials. Throws LoginError with a user-facing message.
 *
 * Every attempt is first recorded as a failure (so concurrent attempts count against each other),
 * then delayed by the client's recent failures, then verified with exactly one argon2 verify: against
 * the user's hash, or a decoy when the email is unknown, deactivated or locked. Unknown and known
 * emails therefore take the same queries, the same time and the same message.
 *
 * Lockout is a sliding window of LOCKOUT_MINUTES: MAX_FAILED_LOGINS failures of one email from one
 * client lock it for that client only (an attacker elsewhere cannot lock a rep out of their desk);
 * MAX_FAILED_LOGINS_PER_EMAIL from all clients lock it everywhere and show on the admin page
 * (User.lockedUntil). Refused attempts during a lock count as failures too.
 */
export async function authenticate(raw: unknown, headers: Headers = new Headers(), deps: LoginDeps = {}): Promise<SignedIn> {
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) throw new LoginError(parsed.error.issues[0]?.message ?? WRONG);
  const { email, password } = parsed.data;
  const now = deps.now?.() ?? Date.now();
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const ip = clientIp(headers);
  const client = ip ?? "unknown";
  const userAgent = userAgentOf(headers);
  const since = new Date(now - WINDOW_MS);

  const attempt = await db.loginFailure.create({ data: { email, client, createdAt: new Date(now) }, select: { id: true } });
  const others = { id: { not: attempt.id }, createdAt: { gt: since } };
  const [user, clientFailures, pairFailures, emailFailures] = await Promise.all([
    db.user.findUnique({
      where: { email },
      select: { id: true, email: true, name: true, role: true, teamId: true, active: true, passwordHash: true, sessionVersion: true },
    }),
    db.loginFailure.count({ where: { client, ...others } }),
    db.loginFailure.findMany({ where: { email, client, ...others }, orderBy: { createdAt: "desc" }, take: MAX_FAILED_LOGINS, select: { createdAt: true } }),
    db.loginFailure.findMany({ where: { email, ...others }, orderBy: { createdAt: "desc" }, take: MAX_FAILED_LOGINS_PER_EMAIL, select: { createdAt: true } }),
  ]);
  const lockedBefore = pairFailures.length >= MAX_FAILED_LOGINS || emailFailures.length >= MAX_FAILED_LOGINS_PER_EMAIL;

  await sleep(throttleDelayMs(clientFailures));
  decoyHash ??= hashPassword(randomUUID());
  const usable = user !== null && user.active && !lockedBefore;
  const ok = await verifyPassword(usable ? user.passwordHash : await decoyHash, password);

  if (ok && usable) {
    await db.loginFailure.deleteMany({ where: { email, client } });
    await db.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date(now) } });
    await audit({ userId: user.id, action: "auth.login", entityType: "User", entityId: user.id, ip, userAgent });
    await pruneOldFailures(now).catch(() => undefined);
    return { id: user.id, email: user.email, name: user.name, role: user.role, teamId: user.teamId, sessionVersion: user.sessionVersion };
  }

  // The failure is already recorded (the attempt's row): work out the locks it leaves in place.
  const pairEnd = lockEnd([now, ...pairFailures.map((f) => f.createdAt.getTime())], MAX_FAILED_LOGINS);
  const emailEnd = lockEnd([now, ...emailFailures.map((f) => f.createdAt.getTime())], MAX_FAILED_LOGINS_PER_EMAIL);
  // Written by email, not by id, so an unknown email costs the same queries as a known one.
  await db.user.updateMany({
    where: { email },
    data: { failedLoginCount: emailFailures.length + 1, ...(emailEnd !== null && { lockedUntil: new Date(emailEnd) }) },
  });
  const newlyLocked = !lockedBefore && (pairEnd !== null || emailEnd !== null);
  await audit({
    userId: user?.id,
    action: newlyLocked ? "auth.locked" : "auth.login_failed",
    entityType: user ? "User" : "Email",
    entityId: user?.id ?? email,
    details: {
      email,
      reason: lockedBefore ? "locked" : !user ? "unknown" : !user.active ? "inactive" : "password",
      ...(newlyLocked && { scope: emailEnd !== null ? "email" : "client" }),
    },
    ip,
    userAgent,
  });
  await pruneOldFailures(now).catch(() => undefined);
  const end = Math.max(pairEnd ?? 0, emailEnd ?? 0);
  throw new LoginError(end > 0 ? lockedMessage(end, now) : WRONG);
}

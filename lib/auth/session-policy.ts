import "server-only";
import { audit } from "@/lib/audit/log";
import { db } from "@/lib/db";
import { withWriteRetry } from "@/lib/data/write-retry";

/**
 * How long a session lives. The sliding (idle) limit is next-auth's session.maxAge: the token expires
 * that long after it was last issued, and each GET /api/auth/session re-issues it (server components
 * cannot set cookies, so only a client calling that endpoint renews a session). The absolute limit
 * counts from sign-in (`authTime`) and no renewal extends it.
 */
export const SESSION_IDLE_SECONDS = 2 * 60 * 60;
/**
 * next-auth's session.updateAge. It ignores it for JWT sessions (every session request re-issues the
 * token); it applies if sessions ever move to the database.
 */
export const SESSION_UPDATE_AGE_SECONDS = 5 * 60;
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;

/** What a session token has to carry to be honoured; tokens from before these claims existed are refused. */
export type SessionClaims = {
  userId: string;
  /** The user's sessionVersion at sign-in. */
  sv: number;
  /** Sign-in time, seconds since the epoch (like the JWT `iat`). */
  authTime: number;
};

export type SessionUserState = { active: boolean; sessionVersion: number };

export type SessionRefusal = "malformed" | "unknown-user" | "inactive" | "revoked" | "expired";

/** The claims of a decoded next-auth token, or null when any is missing or of the wrong type. */
export function readClaims(token: { sub?: unknown; sv?: unknown; authTime?: unknown } | null | undefined): SessionClaims | null {
  if (!token) return null;
  const { sub, sv, authTime } = token;
  if (typeof sub !== "string" || !sub) return null;
  if (typeof sv !== "number" || !Number.isInteger(sv)) return null;
  if (typeof authTime !== "number" || !Number.isFinite(authTime)) return null;
  return { userId: sub, sv, authTime };
}

/**
 * Why a session must be refused, or null when it may continue. `sv` must equal the user's current
 * sessionVersion: sign-out, deactivation and role or team changes bump it, ending every earlier session.
 */
export function sessionRefusal(claims: SessionClaims | null, user: SessionUserState | null, nowMs: number = Date.now()): SessionRefusal | null {
  if (!claims) return "malformed";
  if (!user) return "unknown-user";
  if (!user.active) return "inactive";
  if (claims.sv !== user.sessionVersion) return "revoked";
  // A sign-in time in the future is as suspect as one too far in the past (small clock skew allowed).
  const ageSeconds = nowMs / 1000 - claims.authTime;
  if (ageSeconds > SESSION_ABSOLUTE_SECONDS || ageSeconds < -60) return "expired";
  return null;
}

export class SessionRevokedError extends Error {
  constructor(readonly reason: SessionRefusal) {
    super(`Session refused: ${reason}`);
    this.name = "SessionRevokedError";
  }
}

/**
 * Checks a decoded token against the database. Throws SessionRevokedError when the session must
 * end: thrown inside next-auth's jwt callback, that makes `/api/auth/session` clear the cookie
 * instead of renewing it (next-auth/core/routes/session.js).
 */
export async function assertSessionCurrent(token: { sub?: unknown; sv?: unknown; authTime?: unknown }, nowMs: number = Date.now()): Promise<SessionClaims> {
  const claims = readClaims(token);
  const user = claims ? await db.user.findUnique({ where: { id: claims.userId }, select: { active: true, sessionVersion: true } }) : null;
  const refusal = sessionRefusal(claims, user, nowMs);
  if (refusal || !claims) throw new SessionRevokedError(refusal ?? "malformed");
  return claims;
}

type ClaimsCarrier = { [claim: string]: unknown; sv?: unknown; authTime?: unknown };

/**
 * The session object with the token's version and sign-in time, so getActor can check them against the
 * user row it reads anyway. Neither is secret: the client learns when it signed in.
 */
export function sessionWithClaims<S extends object>(session: S, token: ClaimsCarrier): S & { sv?: number; authTime?: number } {
  return Object.assign(session, {
    sv: typeof token.sv === "number" ? token.sv : undefined,
    authTime: typeof token.authTime === "number" ? token.authTime : undefined,
  });
}

/** The claims carried by a session from getServerSession (see sessionWithClaims). */
export function claimsOfSession(session: { user?: { id?: unknown } | null }): SessionClaims | null {
  const { sv, authTime } = session as ClaimsCarrier;
  return readClaims({ sub: session.user?.id, sv, authTime });
}

/**
 * Sign-out: bumps the user's sessionVersion so this token, and every other token issued before, is
 * refused from now on (a copied cookie included). A token that is already stale changes nothing.
 */
export async function endSession(token: { sub?: unknown; sv?: unknown; authTime?: unknown } | null | undefined): Promise<boolean> {
  const claims = readClaims(token);
  if (!claims) return false;
  // Retried on a busy database: next-auth logs and swallows a failure here, and copied cookies would live on.
  return withWriteRetry(() =>
    db.$transaction(async (tx) => {
      const bumped = await tx.user.updateMany({
        where: { id: claims.userId, sessionVersion: claims.sv },
        data: { sessionVersion: { increment: 1 } },
      });
      if (bumped.count === 0) return false;
      await audit({ userId: claims.userId, action: "auth.logout", entityType: "User", entityId: claims.userId }, tx);
      return true;
    }),
  );
}

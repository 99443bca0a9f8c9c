import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate, LoginError, type SignedIn } from "@/lib/auth/login";
import {
  assertSessionCurrent,
  endSession,
  SESSION_IDLE_SECONDS,
  SESSION_UPDATE_AGE_SECONDS,
  SessionRevokedError,
  sessionWithClaims,
} from "@/lib/auth/session-policy";

function secret(): string | undefined {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value && process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build") {
    throw new Error("NEXTAUTH_SECRET must be set in production (npm run demo creates one in data/.nextauth-secret).");
  }
  return value;
}

/** next-auth v4 hands authorize the request headers as a plain object; the sign-in code wants Headers. */
function toHeaders(raw: Record<string, unknown> | undefined): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw ?? {})) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.filter((v) => typeof v === "string").join(", "));
  }
  return headers;
}

export const authOptions: NextAuthOptions = {
  secret: secret(),
  // Sliding idle limit; the absolute limit from sign-in is checked in the jwt callback (session-policy.ts).
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        try {
          const user = await authenticate(credentials ?? {}, toHeaders(req?.headers));
          return { id: user.id, email: user.email, name: user.name, role: user.role, teamId: user.teamId, sessionVersion: user.sessionVersion };
        } catch (e) {
          // next-auth passes the message of a thrown Error to the client as `error`.
          if (e instanceof LoginError) throw new Error(e.message);
          throw e;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as Pick<SignedIn, "id" | "role" | "teamId" | "sessionVersion">;
        token.sub = u.id;
        token.role = u.role;
        token.teamId = u.teamId;
        token.sv = u.sessionVersion;
        token.authTime = Math.floor(Date.now() / 1000);
        return token;
      }
      // Every later use of the token (a page's getServerSession, /api/auth/session) lands here. Throwing
      // makes next-auth answer "no session" and, on /api/auth/session, clear the cookie instead of renewing it.
      await assertSessionCurrent(token);
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        session.user.id = token.sub ?? "";
        session.user.role = token.role;
        session.user.teamId = token.teamId ?? null;
      }
      return sessionWithClaims(session, token);
    },
  },
  logger: {
    error(code, metadata) {
      // A signed-out, deactivated or expired session is refused by design: not a server error to log.
      const error = metadata instanceof Error ? metadata : metadata?.error;
      if (error instanceof SessionRevokedError) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
  },
  events: {
    // Server-side revocation: every token of the user carrying the old version is refused from now on.
    async signOut({ token }) {
      await endSession(token);
    },
  },
};

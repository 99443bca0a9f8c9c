import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate, LoginError } from "@/lib/auth/login";
import type { Role } from "@/lib/generated/prisma/enums";

function secret(): string | undefined {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value && process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build") {
    throw new Error("NEXTAUTH_SECRET must be set in production (npm run demo creates one in data/.nextauth-secret).");
  }
  return value;
}

export const authOptions: NextAuthOptions = {
  secret: secret(),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        try {
          const actor = await authenticate(credentials ?? {});
          return { id: actor.id, email: actor.email, name: actor.name, role: actor.role, teamId: actor.teamId };
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
        const u = user as { id: string; role: Role; teamId: string | null };
        token.sub = u.id;
        token.role = u.role;
        token.teamId = u.teamId;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) {
        session.user.id = token.sub ?? "";
        session.user.role = token.role;
        session.user.teamId = token.teamId ?? null;
      }
      return session;
    },
  },
};

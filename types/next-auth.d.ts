import type { DefaultSession } from "next-auth";
import type { Role } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string; role: Role; teamId: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role: Role;
    teamId: string | null;
  }
}

/**
 * The demo teams and users (README's sign-ins) for a database that has no users yet, so an import into
 * an empty database has reps to assign accounts to and an admin to sign in with. No accounts or orders.
 */
import { DEMO_PASSWORD, hashPassword } from "@/lib/auth/password";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_USERS, TEAMS, teamId } from "@/prisma/seed/people";

export async function addDemoPeople(db: PrismaClient): Promise<{ added: boolean; users: number }> {
  if ((await db.user.count()) > 0) return { added: false, users: 0 };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction([
    db.team.createMany({ data: TEAMS.map((name) => ({ id: teamId(name), name })) }),
    db.user.createMany({
      data: DEMO_USERS.map((u) => ({
        id: `usr_${u.email.split("@")[0].split(".")[0]}`, email: u.email, name: u.name, role: u.role, teamId: u.team ? teamId(u.team) : null, passwordHash,
      })),
    }),
  ]);
  return { added: true, users: DEMO_USERS.length };
}

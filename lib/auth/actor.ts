import type { Role } from "@/lib/generated/prisma/enums";

/** The signed-in user on whose behalf data is read or written. */
export type Actor = {
  id: string;
  role: Role;
  teamId: string | null;
  name: string;
  email: string;
  /** An admin set this user's password: until they choose their own, only the change-password page opens. */
  mustChangePassword?: boolean;
  /** Managers: ids of every user in the team, loaded with the session so scoping needs no join. */
  teamMemberIds?: string[];
};

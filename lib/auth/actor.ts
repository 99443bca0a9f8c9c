import type { Role } from "@/lib/generated/prisma/enums";

/** The signed-in user on whose behalf data is read or written. */
export type Actor = {
  id: string;
  role: Role;
  teamId: string | null;
  name: string;
  email: string;
};

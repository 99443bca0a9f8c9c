import { z } from "zod";
import { idSchema } from "@/lib/validations/text";

export const USER_ROLES = ["REP", "MANAGER", "ADMIN"] as const;

export const setUserActiveSchema = z.object({ userId: idSchema, active: z.boolean() });

export const changeUserAccessSchema = z
  .object({
    userId: idSchema,
    role: z.enum(USER_ROLES, { error: "Choose a role" }).optional(),
    // null: no team.
    teamId: idSchema.nullable().optional(),
  })
  .refine((v) => v.role !== undefined || v.teamId !== undefined, { path: ["role"], message: "Change the role or the team" });

export type SetUserActiveInput = z.infer<typeof setUserActiveSchema>;
export type ChangeUserAccessInput = z.infer<typeof changeUserAccessSchema>;

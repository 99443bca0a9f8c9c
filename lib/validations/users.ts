import { z } from "zod";
import { idSchema, text } from "@/lib/validations/text";

export const USER_ROLES = ["REP", "MANAGER", "ADMIN"] as const;
export const ROLE_LABELS: Record<(typeof USER_ROLES)[number], string> = { REP: "Sales rep", MANAGER: "Manager", ADMIN: "Admin" };

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** The optimistic version the form saw; a save against a newer row is a conflict. */
const versionSchema = z.number({ error: "is missing: reload the page" }).int().min(1);

const nameSchema = text().trim().min(1, "Enter a name").max(100, "must be at most 100 characters");
const emailSchema = text()
  .trim()
  .toLowerCase()
  .max(254, "must be at most 254 characters")
  .pipe(z.email({ error: "Enter a valid email address" }));

export const passwordSchema = text()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

/**
 * How an admin gives a user a password: typed (and told to the user) or generated and shown once. Either
 * way the user must choose their own at the next sign-in.
 */
const passwordChoice = {
  passwordMode: z.enum(["set", "generate"], { error: "Choose how the password is set" }),
  // Only read when passwordMode is "set"; an empty field is fine when generating.
  password: z.string().max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`).optional(),
};

function requireTypedPassword(v: { passwordMode: "set" | "generate"; password?: string }, ctx: z.RefinementCtx) {
  if (v.passwordMode !== "set") return;
  const parsed = passwordSchema.safeParse(v.password ?? "");
  if (!parsed.success) ctx.addIssue({ code: "custom", path: ["password"], message: parsed.error.issues[0]?.message ?? "Enter a password" });
}

export const createUserSchema = z
  .object({
    name: nameSchema,
    email: emailSchema,
    role: z.enum(USER_ROLES, { error: "Choose a role" }),
    // "" from the form's "No team" option.
    teamId: z.union([idSchema, z.literal("")]).transform((v) => v || null),
    ...passwordChoice,
  })
  .superRefine(requireTypedPassword);

export const setUserActiveSchema = z.object({ userId: idSchema, active: z.boolean(), version: versionSchema.optional() });

export const changeUserAccessSchema = z
  .object({
    userId: idSchema,
    role: z.enum(USER_ROLES, { error: "Choose a role" }).optional(),
    // null: no team.
    teamId: idSchema.nullable().optional(),
    version: versionSchema.optional(),
  })
  .refine((v) => v.role !== undefined || v.teamId !== undefined, { path: ["role"], message: "Change the role or the team" });

export const resetPasswordSchema = z.object({ userId: idSchema, version: versionSchema, ...passwordChoice }).superRefine(requireTypedPassword);

export const unlockUserSchema = z.object({ userId: idSchema });

export const reassignAccountsSchema = z
  .object({
    fromUserId: idSchema,
    toUserId: z.string().min(1, "Choose the rep who takes over").pipe(idSchema),
    // The leaving rep is deactivated in the same step.
    deactivate: z.boolean(),
    version: versionSchema,
  })
  .refine((v) => v.fromUserId !== v.toUserId, { path: ["toUserId"], message: "Choose another rep" });

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(PASSWORD_MAX),
    newPassword: passwordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "does not match the new password" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "must differ from the current password" });

export type CreateUserInput = z.input<typeof createUserSchema>;
export type SetUserActiveInput = z.infer<typeof setUserActiveSchema>;
export type ChangeUserAccessInput = z.infer<typeof changeUserAccessSchema>;
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;
export type ReassignAccountsInput = z.infer<typeof reassignAccountsSchema>;
export type ChangeOwnPasswordInput = z.infer<typeof changeOwnPasswordSchema>;

// Teams
const teamNameSchema = text().trim().min(1, "Enter a team name").max(60, "must be at most 60 characters");
export const createTeamSchema = z.object({ name: teamNameSchema });
export const renameTeamSchema = z.object({ teamId: idSchema, version: versionSchema, name: teamNameSchema });
export const deleteTeamSchema = z.object({ teamId: idSchema });
export type CreateTeamInput = z.infer<typeof createTeamSchema>;
export type RenameTeamInput = z.infer<typeof renameTeamSchema>;

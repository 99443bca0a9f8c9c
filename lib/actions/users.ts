"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { changeUserAccess, setUserActive } from "@/lib/data/users";
import { createUser, reassignAccounts, resetPassword, unlockUser } from "@/lib/data/users-admin";
import { changeOwnPassword } from "@/lib/data/users-password";
import {
  changeOwnPasswordSchema,
  changeUserAccessSchema,
  createUserSchema,
  reassignAccountsSchema,
  resetPasswordSchema,
  setUserActiveSchema,
  unlockUserSchema,
} from "@/lib/validations/users";

const USERS_PAGE = "/admin/users";

/** Deactivate or reactivate a user; deactivation ends their sessions at once. */
export const setUserActiveAction = defineAction({ input: setUserActiveSchema, permission: "users:manage" }, async (input, actor) => {
  const user = await setUserActive(actor, input);
  revalidatePath(USERS_PAGE);
  return user;
});

/** Change a user's role or team; their sessions end at once, so the new access applies on next sign-in. */
export const changeUserAccessAction = defineAction({ input: changeUserAccessSchema, permission: "users:manage" }, async (input, actor) => {
  const user = await changeUserAccess(actor, input);
  revalidatePath(USERS_PAGE);
  return user;
});

/** Create a user with a typed or generated first password (shown once), to be changed at first sign-in. */
export const createUserAction = defineAction({ input: createUserSchema, permission: "users:manage" }, async (input, actor) => {
  const result = await createUser(actor, input);
  revalidatePath(USERS_PAGE);
  return result;
});

export const resetPasswordAction = defineAction({ input: resetPasswordSchema, permission: "users:manage" }, async (input, actor) => {
  const result = await resetPassword(actor, input);
  revalidatePath(USERS_PAGE);
  return result;
});

export const unlockUserAction = defineAction({ input: unlockUserSchema, permission: "users:manage" }, async (input, actor) => {
  const result = await unlockUser(actor, input);
  revalidatePath(USERS_PAGE);
  return result;
});

/** A leaving rep's accounts and open offers to another rep of the team, optionally deactivating them, in one step. */
export const reassignAccountsAction = defineAction({ input: reassignAccountsSchema, permission: "users:manage" }, async (input, actor) => {
  const result = await reassignAccounts(actor, input);
  revalidatePath(USERS_PAGE);
  return result;
});

/** The signed-in user's own password; all their sessions end (the page signs them in again). */
export const changeOwnPasswordAction = defineAction({ input: changeOwnPasswordSchema, permission: "self:password" }, async (input, actor) => {
  return changeOwnPassword(actor, input);
});

"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { changeUserAccess, setUserActive } from "@/lib/data/users";
import { changeUserAccessSchema, setUserActiveSchema } from "@/lib/validations/users";

/** Deactivate or reactivate a user; deactivation ends their sessions at once. */
export const setUserActiveAction = defineAction({ input: setUserActiveSchema, permission: "users:manage" }, async (input, actor) => {
  const user = await setUserActive(actor, input);
  revalidatePath("/admin");
  return user;
});

/** Change a user's role or team; their sessions end at once, so the new access applies on next sign-in. */
export const changeUserAccessAction = defineAction({ input: changeUserAccessSchema, permission: "users:manage" }, async (input, actor) => {
  const user = await changeUserAccess(actor, input);
  revalidatePath("/admin");
  return user;
});

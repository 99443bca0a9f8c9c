"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/action";
import { createTeam, deleteTeam, renameTeam } from "@/lib/data/teams";
import { createTeamSchema, deleteTeamSchema, renameTeamSchema } from "@/lib/validations/users";

export const createTeamAction = defineAction({ input: createTeamSchema, permission: "users:manage" }, async (input, actor) => {
  const team = await createTeam(actor, input);
  revalidatePath("/admin/users");
  return team;
});

export const renameTeamAction = defineAction({ input: renameTeamSchema, permission: "users:manage" }, async (input, actor) => {
  const team = await renameTeam(actor, input);
  revalidatePath("/admin/users");
  return team;
});

export const deleteTeamAction = defineAction({ input: deleteTeamSchema, permission: "users:manage" }, async (input, actor) => {
  const team = await deleteTeam(actor, input);
  revalidatePath("/admin/users");
  return team;
});

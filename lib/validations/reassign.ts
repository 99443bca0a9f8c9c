import { z } from "zod";
import { idSchema } from "@/lib/validations/text";

export const reassignSchema = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("opportunity"), opportunityId: idSchema, toUserId: z.string().min(1, "Choose a rep").pipe(idSchema) }),
  z.object({ scope: z.literal("account"), accountId: idSchema, toUserId: z.string().min(1, "Choose a rep").pipe(idSchema) }),
]);

export type ReassignInput = z.infer<typeof reassignSchema>;

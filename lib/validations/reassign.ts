import { z } from "zod";

export const reassignSchema = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("opportunity"), opportunityId: z.string().min(1).max(64), toUserId: z.string().min(1, "Choose a rep").max(64) }),
  z.object({ scope: z.literal("account"), accountId: z.string().min(1).max(64), toUserId: z.string().min(1, "Choose a rep").max(64) }),
]);

export type ReassignInput = z.infer<typeof reassignSchema>;

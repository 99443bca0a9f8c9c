import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import { getActor } from "@/lib/auth/session";
import { AppError, invalidInput, toErrorBody, type ErrorBody } from "@/lib/errors";
import type { Permission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";

export type ActionResult<T> = { ok: true; data: T } | ({ ok: false } & ErrorBody);

/**
 * The one way server actions are built: session -> permission -> zod input -> run, and one error exit
 * (toErrorBody, shared with the route handlers). The returned function takes the schema's input type,
 * so callers are type-checked; field errors are keyed by the schema's own field names.
 * A missing permission reads as NOT_FOUND (and is audited) so that actions reveal nothing; the
 * permission is checked before the input, so validation messages do not leak to the unauthorised.
 */
export function defineAction<S extends z.ZodType, T>(
  options: { input: S; permission: Permission },
  run: (input: z.output<S>, actor: Actor) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw: z.input<S>): Promise<ActionResult<T>> => {
    try {
      const actor = await getActor();
      if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
      await authorize(actor, options.permission, "Record");
      const parsed = options.input.safeParse(raw);
      if (!parsed.success) throw invalidInput(parsed.error.issues);
      return { ok: true, data: await run(parsed.data, actor) };
    } catch (e) {
      // redirect() and notFound() inside an action are Next.js control flow, not failures.
      unstable_rethrow(e);
      return { ok: false, ...toErrorBody(e, "action") };
    }
  };
}

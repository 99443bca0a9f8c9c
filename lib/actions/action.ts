import "server-only";
import type { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import { AppError, isAppError, type AppErrorCode } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode | "INTERNAL"; message: string; fieldErrors?: Record<string, string> };

/**
 * The one way server actions are built: session -> zod input -> permission -> run -> mapped errors.
 * A missing permission reads as NOT_FOUND so that actions do not reveal what exists.
 */
export function defineAction<S extends z.ZodType, T>(
  options: { input: S; permission: Permission },
  run: (input: z.infer<S>, actor: Actor) => Promise<T>,
): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw: unknown) => {
    try {
      const actor = await getActor();
      if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
      const parsed = options.input.safeParse(raw);
      if (!parsed.success) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const key = issue.path.join(".") || "input";
          fieldErrors[key] ??= issue.message;
        }
        const [firstField, firstMessage] = Object.entries(fieldErrors)[0] ?? ["input", "Invalid input"];
        throw new AppError("INVALID_INPUT", `${firstField}: ${firstMessage}`, fieldErrors);
      }
      if (!can(actor.role, options.permission)) throw new AppError("NOT_FOUND", "Not found");
      return { ok: true, data: await run(parsed.data, actor) };
    } catch (e) {
      if (isAppError(e)) return { ok: false, code: e.code, message: e.message, fieldErrors: e.fieldErrors };
      console.error("action failed", e);
      return { ok: false, code: "INTERNAL", message: "Something went wrong; nothing was saved. Try again." };
    }
  };
}

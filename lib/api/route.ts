import "server-only";
import { NextResponse } from "next/server";
import { authorize } from "@/lib/auth/authorize";
import { getActor } from "@/lib/auth/session";
import { appOrigin, checkSameOrigin } from "@/lib/http/app-origin";
import { AppError, HTTP_STATUS, toErrorBody } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";

type Handler<P> = (request: Request, context: { actor: Actor; params: P }) => Promise<Response>;

/** The error exit of route handlers: the same body as server actions, with the code's HTTP status. */
export function errorResponse(e: unknown): NextResponse {
  const body = toErrorBody(e, "route");
  return NextResponse.json({ error: body.message, code: body.code, ...(body.fieldErrors ? { fields: body.fieldErrors } : {}) }, { status: HTTP_STATUS[body.code] });
}

/**
 * The one way JSON route handlers are built: same-origin check (403 before any work; the proxy
 * checks too) -> session (401) -> permission (404, audited) -> handler, with one error exit.
 */
export function apiRoute<P>(options: { permission: Permission }, handler: Handler<P>) {
  return async (request: Request, { params }: { params: Promise<P> }): Promise<Response> => {
    try {
      const verdict = checkSameOrigin(request.headers, appOrigin(request.url));
      if (!verdict.ok) throw new AppError("FORBIDDEN", "Cross-site request refused.");
      const actor = await getActor();
      if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in first.");
      await authorize(actor, options.permission, "Record");
      return await handler(request, { actor, params: await params });
    } catch (e) {
      return errorResponse(e);
    }
  };
}

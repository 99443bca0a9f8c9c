import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { logOutcome } from "@/lib/data/outcomes";
import { isAppError } from "@/lib/errors";
import { outcomeSchema } from "@/lib/validations/outcomes";

const STATUS = { NOT_FOUND: 404, FORBIDDEN: 404, INVALID_INPUT: 400, CONFLICT: 409, UNAUTHENTICATED: 401, RATE_LIMITED: 429 } as const;

/**
 * POST /api/opportunities/:id/outcomes — log an outcome (JSON body as in call mode, plus an
 * `Idempotency-Key` header or `idempotencyKey` field). Replays return 200 with `replayed: true`.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  if (!can(actor.role, "opportunities:work")) return NextResponse.json({ error: "Not found" }, { status: 404 });
  // JSON only: a cross-site HTML form cannot send it without a CORS preflight.
  if (!request.headers.get("content-type")?.includes("application/json")) return NextResponse.json({ error: "Send the outcome as application/json." }, { status: 415 });
  const { id } = await params;
  const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
  if (!body || typeof body !== "object") return NextResponse.json({ error: "The body must be a JSON object." }, { status: 400 });
  const parsed = outcomeSchema.safeParse({ ...body, opportunityId: id, idempotencyKey: request.headers.get("idempotency-key") ?? body.idempotencyKey });
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join(".") || "body", i.message]));
    return NextResponse.json({ error: `Invalid ${Object.keys(fields)[0]}: ${Object.values(fields)[0]}`, fields }, { status: 400 });
  }
  try {
    const result = await logOutcome(actor, parsed.data);
    return NextResponse.json(result, { status: result.replayed ? 200 : 201 });
  } catch (e) {
    if (isAppError(e)) return NextResponse.json({ error: e.message, fields: e.fieldErrors }, { status: STATUS[e.code] });
    console.error("outcome failed", e);
    return NextResponse.json({ error: "Something went wrong; nothing was saved." }, { status: 500 });
  }
}

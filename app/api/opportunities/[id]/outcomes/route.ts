import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { readJsonObject } from "@/lib/api/json-body";
import { logOutcome } from "@/lib/data/outcomes";
import { invalidInput, notFound } from "@/lib/errors";
import { isValidId } from "@/lib/validations/text";
import { outcomeSchema } from "@/lib/validations/outcomes";

/**
 * POST /api/opportunities/:id/outcomes — log an outcome (JSON body as in call mode, plus an
 * `Idempotency-Key` header or `idempotencyKey` field). Replays return 200 with `replayed: true`.
 */
export const POST = apiRoute<{ id: string }>({ permission: "opportunities:work" }, async (request, { actor, params }) => {
  // A path id that cannot name a record is not found, like one out of scope.
  if (!isValidId(params.id)) throw notFound("Opportunity");
  const body = await readJsonObject(request);
  const parsed = outcomeSchema.safeParse({ ...body, opportunityId: params.id, idempotencyKey: request.headers.get("idempotency-key") ?? body.idempotencyKey });
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const result = await logOutcome(actor, parsed.data);
  return NextResponse.json(result, { status: result.replayed ? 200 : 201 });
});

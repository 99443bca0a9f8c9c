import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { cancelImport } from "@/lib/data/imports";
import { notFound } from "@/lib/errors";
import { isValidId } from "@/lib/validations/text";

/** POST /api/admin/import/jobs/:id/cancel — a queued import is cancelled at once, a running one before it writes. */
export const POST = apiRoute<{ id: string }>({ permission: "data:import" }, async (_request, { actor, params }) => {
  if (!isValidId(params.id)) throw notFound("Job");
  return NextResponse.json(await cancelImport(actor, params.id));
});

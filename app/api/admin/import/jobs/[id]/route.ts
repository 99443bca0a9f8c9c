import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { getImportJob } from "@/lib/data/imports";
import { notFound } from "@/lib/errors";
import { isValidId } from "@/lib/validations/text";

/** GET /api/admin/import/jobs/:id — the job's status, progress (lines read, rate, ETA) and, once done, its summary. */
export const GET = apiRoute<{ id: string }>({ permission: "data:import" }, async (_request, { actor, params }) => {
  if (!isValidId(params.id)) throw notFound("Job");
  return NextResponse.json(await getImportJob(actor, params.id), { headers: { "Cache-Control": "no-store" } });
});

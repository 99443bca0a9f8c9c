import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { readJsonObject } from "@/lib/api/json-body";
import { startImport } from "@/lib/data/imports";

/** POST /api/admin/import/jobs {uploadId, kind, mapping, dryRun, skipInvalid, team} — queues a dry run or an import. */
export const POST = apiRoute<Record<string, never>>({ permission: "data:import" }, async (request, { actor }) => {
  return NextResponse.json(await startImport(actor, await readJsonObject(request)), { status: 201 });
});

import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { readJsonObject } from "@/lib/api/json-body";
import { createUpload } from "@/lib/data/imports";

/** POST /api/admin/import/uploads {fileName, size} — starts an upload; the size limit is checked here, before any byte is sent. */
export const POST = apiRoute<Record<string, never>>({ permission: "data:import" }, async (request, { actor }) => {
  return NextResponse.json(await createUpload(actor, await readJsonObject(request)), { status: 201 });
});

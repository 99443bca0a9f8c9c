import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { previewUpload } from "@/lib/data/imports";

/** GET /api/admin/import/uploads/:id/preview?kind=orders — header, first rows and the automatic column mapping. */
export const GET = apiRoute<{ id: string }>({ permission: "data:import" }, async (request, { actor, params }) => {
  const kind = new URL(request.url).searchParams.get("kind");
  return NextResponse.json(await previewUpload(actor, params.id, { kind }));
});

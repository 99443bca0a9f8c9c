import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { receiveChunk } from "@/lib/data/imports";

/**
 * PUT /api/admin/import/uploads/:id?offset=N — one chunk of the file (raw bytes, at most 512 KB), appended
 * to the file on disk as it streams in. A retried chunk is dropped; a gap is 409.
 */
export const PUT = apiRoute<{ id: string }>({ permission: "data:import" }, async (request, { actor, params }) => {
  const offset = new URL(request.url).searchParams.get("offset");
  return NextResponse.json(await receiveChunk(actor, params.id, offset, request.body));
});

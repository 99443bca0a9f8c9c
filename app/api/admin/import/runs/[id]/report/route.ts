import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { apiRoute } from "@/lib/api/route";
import { importReportFile } from "@/lib/data/imports";

/** GET /api/admin/import/runs/:id/report — the run's error report CSV (line, column, value, treatment, message), streamed. */
export const GET = apiRoute<{ id: string }>({ permission: "data:import" }, async (_request, { actor, params }) => {
  const file = await importReportFile(actor, params.id);
  return new Response(Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${file.fileName}"`, "Cache-Control": "no-store" },
  });
});

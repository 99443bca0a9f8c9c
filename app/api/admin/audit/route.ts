import Papa from "papaparse";
import { apiRoute } from "@/lib/api/route";
import { audit } from "@/lib/audit/log";
import { auditRowsForExport } from "@/lib/data/audit";
import { auditFilterSchema } from "@/lib/validations/audit";

const COLUMNS = ["createdAt", "seq", "userName", "userId", "action", "entityType", "entityId", "ip", "userAgent", "details"] as const;

/**
 * GET /api/admin/audit?actor=&action=&entity=&entityId=&from=&to= — the filtered audit rows as CSV, newest
 * first, streamed in keyset batches (constant memory at a million rows). Cells that a spreadsheet would
 * run as a formula are prefixed with a quote. The export itself is audited.
 */
export const GET = apiRoute<Record<string, never>>({ permission: "audit:read" }, async (request, { actor }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const filter = auditFilterSchema.parse(query);
  await audit({ userId: actor.id, action: "audit.export", entityType: "AuditLog", details: { filter: { ...filter, after: undefined, before: undefined } } });
  const rows = auditRowsForExport(actor, filter);
  const encoder = new TextEncoder();
  let header = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) {
          if (header) controller.enqueue(encoder.encode(`${COLUMNS.join(",")}\r\n`));
          controller.close();
          return;
        }
        const data = next.value.map((r) => COLUMNS.map((c) => (c === "details" ? (r.details == null ? "" : JSON.stringify(r.details)) : (r[c] ?? ""))));
        const csv = Papa.unparse({ fields: [...COLUMNS], data }, { header, escapeFormulae: true, newline: "\r\n" });
        header = false;
        controller.enqueue(encoder.encode(`${csv}\r\n`));
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});

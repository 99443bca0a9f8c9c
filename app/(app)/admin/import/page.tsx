import type { Metadata } from "next";
import Link from "next/link";
import { ImportHistory } from "@/components/admin/import/import-history";
import { ImportWizard } from "@/components/admin/import/import-wizard";
import { PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { listImportRuns } from "@/lib/data/imports";
import { UPLOAD_LIMIT_BYTES } from "@/lib/import/upload-limits";

export const metadata: Metadata = { title: "Import" };

export default async function AdminImportPage() {
  const actor = await requireActor("data:import", "/admin/import");
  const { runs } = await listImportRuns(actor);
  const limitMb = Math.round(UPLOAD_LIMIT_BYTES / 1048576);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin" className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
          Admin
        </Link>
      </p>
      <PageHeader
        title="Import"
        description={`Customers, products and order history from a CSV export (at most ${limitMb} MB, optionally gzip-compressed; uploaded straight to the server's disk). Records are matched by their keys, so importing a file again creates nothing twice; nothing is written until the whole file has been read, and then in one step.`}
      />
      <ImportWizard limitBytes={UPLOAD_LIMIT_BYTES} />
      <section className="mt-8" aria-labelledby="import-history">
        <h2 id="import-history" className="mb-3 text-sm font-semibold">
          History
        </h2>
        <ImportHistory runs={runs} />
      </section>
    </>
  );
}

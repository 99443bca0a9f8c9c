import type { Metadata } from "next";
import Link from "next/link";
import { SettingsForm } from "@/components/admin/settings/settings-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { getSettingsForAdmin } from "@/lib/data/settings-admin";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Settings" };

export default async function AdminSettingsPage() {
  const actor = await requireActor("settings:manage", "/admin/settings");
  const { values, updated } = await getSettingsForAdmin(actor);
  const notes: Record<string, string | undefined> = {};
  for (const [key, u] of Object.entries(updated)) if (u) notes[key] = `Last changed ${formatDate(u.at)}${u.by ? ` by ${u.by}` : ""}.`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin" className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
          Admin
        </Link>
      </p>
      <PageHeader
        title="Settings"
        description="Each field says when a change takes effect: at once (outreach logged from now on, ROI figures), or when the next scoring run computes offers. Every save is audited with the values before and after."
      />
      <Card className="p-5">
        <SettingsForm values={values} updated={notes} />
      </Card>
    </>
  );
}

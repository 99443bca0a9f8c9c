import type { Metadata } from "next";
import { QueueTable } from "@/components/queue/queue-table";
import { PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { can, scopeLabel } from "@/lib/auth/permissions";
import { listQueue, queueFilterOptions } from "@/lib/data/queue";
import { formatNumber } from "@/lib/format";
import { queueListSchema } from "@/lib/validations/queue";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("opportunities:work", "/queue");
  const raw = await searchParams;
  const params = queueListSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const [page, options] = await Promise.all([listQueue(actor, params), queueFilterOptions(actor)]);
  const pickRep = can(actor.role, "queue:view-others");
  const chosen = pickRep && params.rep ? options.reps.find((r) => r.id === params.rep) : undefined;
  const whose = chosen ? `${chosen.name}'s cross-sell opportunities` : scopeLabel(actor.role, "cross-sell opportunities");
  return (
    <>
      <PageHeader
        title="Queue"
        description={`${whose}, follow-ups due first, then by expected value · ${formatNumber(page.total)} in this view`}
      />
      <QueueTable page={page} params={params} options={options} showRep={pickRep} />
    </>
  );
}

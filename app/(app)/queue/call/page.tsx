import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PartyPopper } from "lucide-react";
import { CallWorkspace } from "@/components/queue/call-workspace";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getCallContext } from "@/lib/data/call";
import { nextInQueue } from "@/lib/data/queue";
import { isAppError } from "@/lib/errors";
import { isValidId } from "@/lib/validations/text";

export const metadata: Metadata = { title: "Call mode" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.slice(0, 64) || undefined;

export default async function CallPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const requested = one(raw.id);
  // A link to one opportunity survives the sign-in page.
  const actor = await requireActor("opportunities:work", requested && isValidId(requested) ? `/queue/call?id=${requested}` : "/queue/call");
  const rep = can(actor.role, "queue:view-others") ? one(raw.rep) : undefined;
  const channel = one(raw.channel) === "email" ? "email" : "call";
  // An id that cannot name a record is not found, without a query.
  if (requested !== undefined && !isValidId(requested)) notFound();
  const id = requested ?? (await nextInQueue(actor, { rep, channel }));
  if (!id) {
    return (
      <Card>
        <EmptyState title="The queue is clear" icon={<PartyPopper className="h-8 w-8" aria-hidden />}>
          <p>Every workable opportunity has an outcome. New offers arrive with the next scoring run; follow-ups come back on their date.</p>
          <Link href="/queue" className={buttonClass("secondary", "mt-4")}>
            Back to the queue
          </Link>
        </EmptyState>
      </Card>
    );
  }
  let loaded;
  try {
    loaded = await Promise.all([getCallContext(actor, id), nextInQueue(actor, { rep, channel, exclude: [id] })]);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
  const [ctx, nextId] = loaded;
  return <CallWorkspace key={`${ctx.opportunity.id}:${ctx.opportunity.version}`} ctx={ctx} nextId={nextId} rep={rep} />;
}

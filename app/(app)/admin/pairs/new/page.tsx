import type { Metadata } from "next";
import Link from "next/link";
import { PairForm } from "@/components/admin/pairs/pair-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { catalogOptions } from "@/lib/data/pairs";

export const metadata: Metadata = { title: "New product pair" };

export default async function NewPairPage() {
  const actor = await requireActor("pairs:write", "/admin/pairs/new");
  const { products } = await catalogOptions(actor);
  return (
    <>
      <PageHeader title="New product pair" description={<Link href="/admin/pairs" className="text-brand-700 hover:underline dark:text-brand-100">Back to the catalog</Link>} />
      <Card className="p-5">
        <PairForm
          products={products}
          initial={{
            sourceProductId: "", targetProductId: "", type: "CROSS_SELL", bundleDiscountPct: null, windowMinDays: 0, windowMaxDays: 60, eligibleSegments: [],
            talkingPoints: "{{account.name}} bought {{source.product}} {{days_since_purchase}} days ago: {{target.product}} ({{price}}) goes with it.",
            objectionHandling: "If {{contact.name}} hesitates: most {{source.product}} owners add {{target.product}}; offer to send the details.",
          }}
        />
      </Card>
    </>
  );
}

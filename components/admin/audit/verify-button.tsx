"use client";

import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { verifyAuditChainAction } from "@/lib/actions/audit";

export function VerifyChainButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      type="button"
      variant="secondary"
      aria-disabled={pending || undefined}
      onClick={() =>
        startTransition(async () => {
          const result = await verifyAuditChainAction({});
          if (!result.ok) toast.error(result.message);
          else if (result.data.ok) toast.success(`Audit chain intact: ${result.data.checked.toLocaleString("en-US")} rows checked.`);
          else toast.error(`Audit chain broken: ${result.data.firstBroken?.reason ?? "see the result"}`);
          router.refresh();
        })
      }
    >
      <ShieldCheck aria-hidden className="h-4 w-4" /> {pending ? "Checking the chain…" : "Check the chain now"}
    </Button>
  );
}

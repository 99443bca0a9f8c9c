"use client";

import { useEffect, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Play } from "lucide-react";
import { FormError } from "@/components/admin/form-field";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { cancelScoringRunAction, startScoringRunAction } from "@/lib/actions/scoring";

export function StartScoringButton({ busy }: { busy: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-col items-end gap-2">
      <Button
        type="button"
        aria-disabled={pending || undefined}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await startScoringRunAction({});
            if (!result.ok) return setError(result.message);
            toast.success("Scoring run queued.");
            router.refresh();
          })
        }
      >
        <Play aria-hidden className="h-4 w-4" /> {pending ? "Starting…" : busy ? "Start another run" : "Start a scoring run"}
      </Button>
      <FormError message={error} className="max-w-md" />
    </div>
  );
}

export function CancelScoringButton({ jobId }: { jobId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      type="button"
      variant="secondary"
      aria-disabled={pending || undefined}
      onClick={() =>
        startTransition(async () => {
          const result = await cancelScoringRunAction({ jobId });
          if (!result.ok) toast.error(result.message);
          else toast.success(result.data.status === "CANCELLED" ? "Run cancelled." : "Cancel requested: the run stops at its next stage.");
          router.refresh();
        })
      }
    >
      {pending ? "Cancelling…" : "Cancel run"}
    </Button>
  );
}

/** Re-renders the page from the server every `ms` while a run is under way (the server stops rendering this when it ends). */
export function LiveRefresh({ ms = 1500 }: { ms?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), ms);
    return () => clearInterval(timer);
  }, [router, ms]);
  return null;
}

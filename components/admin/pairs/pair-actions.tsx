"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import { restorePairVersionAction, setPairActiveAction } from "@/lib/actions/pairs";

/** Deactivate or reactivate a pair (reactivating runs the catalog checks again). */
export function PairActiveToggle({ id, version, active, label }: { id: string; version: number; active: boolean; label: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      title={active ? `Deactivate ${label}?` : `Reactivate ${label}?`}
      description={active ? "The next scoring run stops offering the target through this pair. Offers already open stay until then." : "The pair's products and its upsell direction are checked again before it becomes active."}
      confirmLabel={active ? "Deactivate" : "Reactivate"}
      pendingLabel={active ? "Deactivating…" : "Reactivating…"}
      tone={active ? "danger" : "primary"}
      onConfirm={async () => {
        const result = await setPairActiveAction({ id, version, active: !active });
        if (!result.ok) throw new Error(result.fieldErrors ? Object.values(result.fieldErrors).join(" ") : result.message);
        toast.success(result.data.active ? "Pair reactivated." : "Pair deactivated.");
        router.refresh();
      }}
      trigger={<Button variant={active ? "secondary" : "primary"}>{active ? "Deactivate" : "Reactivate"}</Button>}
    />
  );
}

/** Writes an old version's fields again as the newest version. */
export function RestoreVersionButton({ id, version, restoreVersion }: { id: string; version: number; restoreVersion: number }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      title={`Restore version ${restoreVersion}?`}
      description={`Its fields are saved as version ${version + 1}; the history keeps every version in between.`}
      confirmLabel="Restore"
      pendingLabel="Restoring…"
      onConfirm={async () => {
        const result = await restorePairVersionAction({ id, version, restoreVersion });
        if (!result.ok) throw new Error(result.fieldErrors ? Object.values(result.fieldErrors).join(" ") : result.message);
        toast.success(`Version ${restoreVersion} restored as version ${result.data.version}.`);
        router.refresh();
      }}
      trigger={
        <Button variant="ghost" className="px-2 py-1 text-xs" aria-label={`Restore version ${restoreVersion}`}>
          Restore
        </Button>
      }
    />
  );
}

"use client";

import { useRef, useState } from "react";
import { Loader2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";

const PENDING_CLASS = "aria-disabled:cursor-not-allowed aria-disabled:opacity-60";

type Props = {
  title: string;
  description?: React.ReactNode;
  confirmLabel: string;
  /** Shown on the confirm button while onConfirm runs, e.g. "Deleting…". */
  pendingLabel?: string;
  cancelLabel?: string;
  tone?: "danger" | "primary";
  /**
   * May be async: both buttons are disabled and the dialog cannot be dismissed until it settles.
   * The dialog closes afterwards unless it returns false; a thrown error is shown in the dialog.
   */
  onConfirm: () => void | boolean | Promise<void | boolean>;
  /** The element that opens the dialog (rendered as the Radix trigger via asChild). */
  trigger?: React.ReactElement;
  /** Controlled mode, for opening the dialog from code instead of a trigger. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Extra content between the description and the buttons. */
  children?: React.ReactNode;
};

export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  pendingLabel = "Working…",
  cancelLabel = "Cancel",
  tone = "primary",
  onConfirm,
  trigger,
  open: openProp,
  onOpenChange,
  children,
}: Props) {
  const [innerOpen, setInnerOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A ref as well as state, so a fast double click cannot start onConfirm twice before the re-render.
  const running = useRef(false);
  const open = openProp ?? innerOpen;

  function setOpen(next: boolean) {
    if (!next && running.current) return; // no Escape, outside click or cancel while the work runs
    if (next) setError(null);
    if (openProp === undefined) setInnerOpen(next);
    onOpenChange?.(next);
  }

  async function confirm() {
    if (running.current) return;
    running.current = true;
    setPending(true);
    setError(null);
    let close = true;
    try {
      close = (await onConfirm()) !== false;
    } catch (e) {
      close = false;
      setError(e instanceof Error && e.message ? e.message : "Something went wrong. Please try again.");
    } finally {
      running.current = false;
      setPending(false);
    }
    if (close) setOpen(false);
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      {trigger ? <DialogTrigger asChild>{trigger}</DialogTrigger> : null}
      <DialogContent
        title={title}
        description={description}
        size="sm"
        hideClose
        // A confirmation interrupts the user and expects an answer.
        role="alertdialog"
        aria-busy={pending || undefined}
      >
        {children}
        {error ? (
          <p role="alert" className="mt-4 rounded-md first:mt-0 bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
            {error}
          </p>
        ) : null}
        {/* Cancel comes first in the DOM, so it has the initial focus: Enter never confirms by accident.
            aria-disabled rather than disabled while pending, so the focused button keeps the focus. */}
        <DialogFooter className={children || error ? "mt-6" : "mt-2"}>
          <Button type="button" variant="secondary" aria-disabled={pending || undefined} onClick={() => setOpen(false)} className={PENDING_CLASS}>
            {cancelLabel}
          </Button>
          <Button type="button" variant={tone === "danger" ? "danger" : "primary"} aria-disabled={pending || undefined} onClick={confirm} className={PENDING_CLASS}>
            {pending ? <Loader2 aria-hidden className="h-4 w-4 animate-spin" /> : null}
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

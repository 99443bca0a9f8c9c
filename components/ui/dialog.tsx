"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { cn } from "@/components/ui/cn";

// Radix provides the overlay, the focus trap, Escape and outside-click to close, scroll lock,
// aria-modal semantics and returning focus to the trigger; this file only adds the app's look.
export const Dialog = RadixDialog.Root;
export const DialogTrigger = RadixDialog.Trigger;
export const DialogClose = RadixDialog.Close;

const SIZES = { sm: "max-w-sm", md: "max-w-md", lg: "max-w-lg", xl: "max-w-2xl" } as const;

type DialogContentProps = Omit<React.ComponentPropsWithoutRef<typeof RadixDialog.Content>, "title"> & {
  /** The dialog's accessible name, shown as its heading. */
  title: React.ReactNode;
  /** Shown under the title and announced as the dialog's description. */
  description?: React.ReactNode;
  size?: keyof typeof SIZES;
  /** Label of the corner close button; set `hideClose` to leave it out. */
  closeLabel?: string;
  hideClose?: boolean;
};

export function DialogContent({
  title,
  description,
  size = "md",
  closeLabel = "Close",
  hideClose,
  className,
  children,
  ...props
}: DialogContentProps) {
  return (
    <RadixDialog.Portal>
      <RadixDialog.Overlay className="fixed inset-0 z-50 bg-slate-900/40 dark:bg-slate-950/70" />
      <RadixDialog.Content
        {...props}
        className={cn(
          "fixed left-1/2 top-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg border border-slate-200 bg-white p-6 text-slate-900 shadow-xl dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100",
          SIZES[size],
          className,
        )}
      >
        <RadixDialog.Title className={cn("text-lg font-semibold tracking-tight", !hideClose && "pr-8")}>{title}</RadixDialog.Title>
        {description ? (
          <RadixDialog.Description className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</RadixDialog.Description>
        ) : null}
        {children ? <div className="mt-4">{children}</div> : null}
        {/* Last in the DOM so the first focus goes to the content, not to the close button. */}
        {hideClose ? null : (
          <RadixDialog.Close
            aria-label={closeLabel}
            className="absolute right-3 top-3 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-100"
          >
            <X aria-hidden className="h-4 w-4" />
          </RadixDialog.Close>
        )}
      </RadixDialog.Content>
    </RadixDialog.Portal>
  );
}

/** Buttons row at the bottom of a dialog: stacked on phones (primary on top), right-aligned from sm up. */
export function DialogFooter({ className, ...props }: React.HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end", className)} {...props} />;
}

import { cn } from "@/components/ui/cn";

type Align = "left" | "right";

/** The table scrolls sideways inside its own box on narrow screens instead of widening the page. */
export function Table({ className, containerClassName, ...props }: React.TableHTMLAttributes<HTMLTableElement> & { containerClassName?: string }) {
  return (
    <div className={cn("relative overflow-x-auto", containerClassName)}>
      <table className={cn("min-w-full text-sm", className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: React.HTMLAttributes<HTMLTableSectionElement>) {
  return (
    <thead
      className={cn("bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:bg-slate-800/60 dark:text-slate-300", className)}
      {...props}
    />
  );
}

export function TableBody({ className, ...props }: React.HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn("divide-y divide-slate-100 dark:divide-slate-800", className)} {...props} />;
}

/** `interactive` adds the hover highlight the data table uses for rows that link somewhere. */
export function TableRow({ className, interactive, ...props }: React.HTMLAttributes<HTMLTableRowElement> & { interactive?: boolean }) {
  return <tr className={cn(interactive && "hover:bg-slate-50 dark:hover:bg-slate-800/40", className)} {...props} />;
}

/** A column header: scope="col" unless told otherwise; align="right" for numeric columns. */
export function TableHead({ className, align, scope = "col", ...props }: Omit<React.ThHTMLAttributes<HTMLTableCellElement>, "align"> & { align?: Align }) {
  return <th scope={scope} className={cn("whitespace-nowrap px-4 py-3", align === "right" && "text-right", className)} {...props} />;
}

/** A cell; numbers go right-aligned with tabular figures (align="right"); `wrap` lets long text break. */
export function TableCell({
  className,
  align,
  wrap,
  ...props
}: Omit<React.TdHTMLAttributes<HTMLTableCellElement>, "align"> & { align?: Align; wrap?: boolean }) {
  return <td className={cn("px-4 py-2.5", !wrap && "whitespace-nowrap", align === "right" && "text-right tabular-nums", className)} {...props} />;
}

/** Tables here are titled by a visible heading, so the caption is for screen readers unless `visible`. */
export function TableCaption({ className, visible, ...props }: React.HTMLAttributes<HTMLTableCaptionElement> & { visible?: boolean }) {
  return <caption className={cn(visible ? "px-4 py-2 text-left text-sm text-slate-600 dark:text-slate-400" : "sr-only", className)} {...props} />;
}

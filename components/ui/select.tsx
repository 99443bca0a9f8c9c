import { ChevronDown } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { fieldStateClass } from "@/components/ui/textarea";

type Props = React.SelectHTMLAttributes<HTMLSelectElement> & {
  /** Classes for the wrapper that positions the chevron, e.g. a width; `className` styles the select itself. */
  wrapperClassName?: string;
};

/**
 * A native <select> with the Input look: keyboard, screen readers, mobile pickers and forms without
 * JavaScript all work as the browser made them. Only the arrow is drawn by us, so it matches both themes.
 */
export function Select({ className, wrapperClassName, multiple, size, ...props }: Props) {
  // A list box (multiple or size > 1) has no drop-down arrow to replace.
  if (multiple || (size ?? 1) > 1) {
    return <select multiple={multiple} size={size} className={cn(inputClass, fieldStateClass, className)} {...props} />;
  }
  return (
    <div className={cn("relative", wrapperClassName)}>
      <select
        size={size}
        className={cn(inputClass, "appearance-none pr-9", fieldStateClass, className)}
        {...props}
      />
      <ChevronDown aria-hidden className="pointer-events-none absolute right-2.5 top-1/2 h-4 w-4 -translate-y-1/2 text-slate-500 dark:text-slate-400" />
    </div>
  );
}

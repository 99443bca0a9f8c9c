import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";

/**
 * States shared by the form controls: a red border when marked aria-invalid="true" (pair it with
 * aria-describedby pointing at the message) and a dimmed look when disabled.
 */
export const fieldStateClass =
  "aria-invalid:border-red-500 aria-invalid:focus:border-red-500 dark:aria-invalid:border-red-400 dark:aria-invalid:focus:border-red-400 disabled:cursor-not-allowed disabled:opacity-60";

export function Textarea({ className, rows = 3, ...props }: React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea rows={rows} className={cn(inputClass, "resize-y", fieldStateClass, className)} {...props} />;
}

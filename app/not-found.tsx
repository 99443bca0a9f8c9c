import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Not found</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">
        This page does not exist, or it belongs to records you do not have access to.
      </p>
      <Link href="/" className={buttonClass("secondary", "mt-6")}>
        Back to start
      </Link>
    </main>
  );
}

"use client";

import { Button } from "@/components/ui/button";

export default function AppError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto mt-16 max-w-md rounded-lg border border-red-200 bg-red-50 p-6 text-center dark:border-red-900 dark:bg-red-950">
      <h1 className="text-lg font-semibold text-red-900 dark:text-red-100">Something went wrong</h1>
      <p className="mt-2 text-sm text-red-800 dark:text-red-200">The page could not be loaded. Nothing was changed. Try again in a moment.</p>
      <Button className="mt-4" onClick={reset}>Try again</Button>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Sign out" };

export default function LogoutPage() {
  return (
    <>
      <h1 className="text-lg font-semibold">Sign out</h1>
      <p className="mb-5 mt-1 text-sm text-slate-600 dark:text-slate-400">End your session on this device.</p>
      <div className="space-y-2">
        <SignOutButton />
        <Link href="/" className={buttonClass("ghost", "w-full")}>
          Cancel
        </Link>
      </div>
    </>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/admin/users/change-password-form";
import { getActor } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/http/safe-redirect";

export const metadata: Metadata = { title: "Choose your password" };

// Open to everyone signed in; the only page that opens while an admin-set password must be replaced.
export default async function ChangePasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  const actor = await getActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent("/change-password")}`);
  return (
    <>
      <h1 className="text-lg font-semibold">Choose your password</h1>
      <p className="mb-5 mt-1 text-sm text-slate-600 dark:text-slate-400">
        {actor.mustChangePassword
          ? "An admin set your current password. Choose your own to continue; your other sessions end."
          : "Your other sessions end when you change it."}
      </p>
      <ChangePasswordForm email={actor.email} callbackUrl={callbackUrl} />
    </>
  );
}

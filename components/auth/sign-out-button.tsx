"use client";

import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  return (
    <Button type="button" className="w-full" onClick={() => signOut({ callbackUrl: "/login?signedOut=1" })}>
      Sign out
    </Button>
  );
}

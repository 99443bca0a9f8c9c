"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { signOut } from "next-auth/react";
import { ChevronDown, LogOut } from "lucide-react";

const ROLE_LABELS = { REP: "Sales rep", MANAGER: "Manager", ADMIN: "Admin" } as const;

export function UserMenu({ name, email, role, team }: { name: string; email: string; role: keyof typeof ROLE_LABELS; team: string | null }) {
  const initials = name
    .split(/\s+/)
    .map((p) => p[0])
    .slice(0, 2)
    .join("")
    .toUpperCase();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
        aria-label={`User menu for ${name}`}
      >
        <span aria-hidden className="grid h-8 w-8 place-items-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700 dark:bg-brand-700 dark:text-white">
          {initials}
        </span>
        <span className="hidden text-left sm:block">
          <span className="block font-medium leading-tight">{name}</span>
          <span className="block text-xs text-slate-500 dark:text-slate-400" data-testid="user-role">
            {ROLE_LABELS[role]}
            {team ? ` · ${team}` : ""}
          </span>
        </span>
        <ChevronDown aria-hidden className="h-4 w-4 text-slate-500" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <DropdownMenu.Label className="px-2 py-1.5">
            <span className="block font-medium">{name}</span>
            <span className="block text-xs text-slate-500 dark:text-slate-400">{email}</span>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
          <DropdownMenu.Item
            className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800"
            onSelect={() => signOut({ callbackUrl: "/login?signedOut=1" })}
          >
            <LogOut aria-hidden className="h-4 w-4" /> Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

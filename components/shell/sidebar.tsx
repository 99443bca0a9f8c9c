"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import * as Dialog from "@radix-ui/react-dialog";
import { Building2, LayoutDashboard, ListTodo, Menu, Settings, X } from "lucide-react";
import { cn } from "@/components/ui/cn";

const ICONS = { "/queue": ListTodo, "/accounts": Building2, "/dashboard": LayoutDashboard, "/admin": Settings } as const;

export type NavItem = { href: keyof typeof ICONS; label: string };

function NavLinks({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {items.map((item) => {
        const Icon = ICONS[item.href];
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium",
                active
                  ? "bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white"
                  : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
              )}
            >
              <Icon aria-hidden className="h-4 w-4" />
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function Brand({ onNavigate }: { onNavigate?: () => void }) {
  return (
    <Link href="/" onClick={onNavigate} className="flex items-center gap-2 px-3">
      <span aria-hidden className="grid h-8 w-8 place-items-center rounded-lg bg-brand-600 font-bold text-white">P</span>
      <span className="font-semibold tracking-tight">Pairwise CRM</span>
    </Link>
  );
}

// Tailwind's lg breakpoint: from here on the fixed sidebar shows and the drawer must not stay open.
const DESKTOP = "(min-width: 64rem)";

/**
 * Fixed sidebar on wide screens; below lg a slide-over drawer behind a menu button. The drawer is a
 * Radix Dialog: focus is trapped in it, Escape and a click outside close it, focus returns to the button.
 */
export function Sidebar({ items }: { items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const query = window.matchMedia(DESKTOP);
    const close = () => {
      if (query.matches) setOpen(false);
    };
    query.addEventListener("change", close);
    return () => query.removeEventListener("change", close);
  }, [open]);
  const closeDrawer = () => setOpen(false);
  return (
    <>
      <aside className="hidden w-60 shrink-0 border-r border-slate-200 bg-white py-5 lg:block dark:border-slate-800 dark:bg-slate-900">
        <Brand />
        <nav aria-label="Main" className="mt-6 px-3">
          <NavLinks items={items} />
        </nav>
      </aside>
      <Dialog.Root open={open} onOpenChange={setOpen}>
        <Dialog.Trigger
          className="fixed left-3 top-3 z-30 rounded-md border border-slate-200 bg-white p-2 lg:hidden dark:border-slate-700 dark:bg-slate-900"
          aria-label="Open navigation"
        >
          <Menu aria-hidden className="h-5 w-5" />
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40 lg:hidden" />
          <Dialog.Content className="fixed inset-y-0 left-0 z-40 w-64 bg-white py-5 shadow-xl lg:hidden dark:bg-slate-900">
            <Dialog.Title className="sr-only">Navigation</Dialog.Title>
            <div className="flex items-center justify-between pr-3">
              <Brand onNavigate={closeDrawer} />
              <Dialog.Close aria-label="Close navigation" className="rounded-md p-2">
                <X aria-hidden className="h-5 w-5" />
              </Dialog.Close>
            </div>
            <nav aria-label="Main" className="mt-6 px-3">
              <NavLinks items={items} onNavigate={closeDrawer} />
            </nav>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </>
  );
}

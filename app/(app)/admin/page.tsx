import type { Metadata } from "next";
import Link from "next/link";
import { ChevronRight } from "lucide-react";
import { Card, PageHeader } from "@/components/ui/card";
import { can, type Permission } from "@/lib/auth/permissions";
import { requireAdminActor } from "@/lib/auth/authorize";

export const metadata: Metadata = { title: "Admin" };

/**
 * The admin workspace's sections, each its own page with its own permission; an admin sees the ones they
 * hold. Add a section with one entry here.
 */
const SECTIONS: { href: string; title: string; description: string; permission: Permission }[] = [
  { href: "/admin/pairs", title: "Product pairs", description: "The curated catalog of cross-sell, accessory, upsell and bundle pairs, with versions.", permission: "catalog:manage" },
  { href: "/admin/rules", title: "Mined rules", description: "Rules found by the last scoring run, to approve into the catalog or reject.", permission: "catalog:manage" },
  { href: "/admin/products", title: "Products", description: "Prices, unit costs, categories, regulated and active flags.", permission: "catalog:manage" },
  { href: "/admin/categories", title: "Categories", description: "Durable or replenished and the replacement cycle per category, checked against how often each is bought again.", permission: "catalog:manage" },
  { href: "/admin/import", title: "Import", description: "Customers, products and order lines from a CSV export.", permission: "data:import" },
  { href: "/admin/users", title: "Users and teams", description: "Create users, change roles and teams, deactivate, unlock, reset passwords; teams.", permission: "users:manage" },
  { href: "/admin/settings", title: "Settings", description: "Contact cap, cool-down, holdout share, offers per account and the other scoring settings.", permission: "settings:manage" },
  { href: "/admin/scoring", title: "Scoring runs", description: "Start a run, watch its progress, and the history of runs with timings and errors.", permission: "scoring:run" },
  { href: "/admin/audit", title: "Audit log", description: "Who changed and saw what, with before and after; CSV export and the tamper-evidence check.", permission: "audit:read" },
];

export default async function AdminPage() {
  const actor = await requireAdminActor();
  const sections = SECTIONS.filter((s) => can(actor.role, s.permission));
  return (
    <>
      <PageHeader title="Admin" description="Catalog, users, settings, scoring runs and the audit log" />
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Admin sections">
        {sections.map((s) => (
          <li key={s.href}>
            <Card className="h-full transition-colors hover:border-brand-500">
              <Link href={s.href} className="flex h-full items-start justify-between gap-3 p-5">
                <span>
                  <h2 className="text-sm font-semibold">{s.title}</h2>
                  <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">{s.description}</span>
                </span>
                <ChevronRight aria-hidden className="mt-0.5 h-4 w-4 shrink-0 text-slate-500" />
              </Link>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}

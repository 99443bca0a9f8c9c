import type { Metadata } from "next";
import { ProductsTable } from "@/components/admin/products/products-table";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listProducts } from "@/lib/data/products";
import { formatNumber } from "@/lib/format";
import { productListSchema } from "@/lib/validations/products";

export const metadata: Metadata = { title: "Products" };

export default async function ProductsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor("catalog:manage", "/admin/products");
  const raw = await searchParams;
  const params = productListSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const page = await listProducts(actor, params);
  return (
    <>
      <PageHeader title="Products" description={`Prices, unit costs (so margins), categories and flags · ${formatNumber(page.total)} shown by the current filters`} />
      <ProductsTable page={page} params={params} canWrite={can(actor.role, "products:write")} />
    </>
  );
}

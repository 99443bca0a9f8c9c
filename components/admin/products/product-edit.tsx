"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input, Label } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import { FieldError } from "@/components/admin/pairs/field-error";
import { updateProductAction } from "@/lib/actions/products";
import { formatMoneyExact, formatPercent } from "@/lib/format";
import { updateProductSchema } from "@/lib/validations/products";
import type { ProductRow } from "@/lib/data/products";

/** Edit one product in a dialog; the margin follows the price and cost as they are typed. */
export function ProductEdit({ product, categories }: { product: ProductRow; categories: string[] }) {
  const router = useRouter();
  const ids = useId();
  const [price, setPrice] = useState(String(product.price));
  const [unitCost, setUnitCost] = useState(String(product.unitCost));
  const [category, setCategory] = useState(product.category);
  const [regulated, setRegulated] = useState(product.regulated);
  const [active, setActive] = useState(product.active);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const margin = Number(price) - Number(unitCost);
  const deactivating = product.active && !active;

  function reset() {
    setPrice(String(product.price));
    setUnitCost(String(product.unitCost));
    setCategory(product.category);
    setRegulated(product.regulated);
    setActive(product.active);
    setErrors({});
  }

  async function save(): Promise<boolean> {
    const input = { id: product.id, version: product.version, price: price === "" ? Number.NaN : Number(price), unitCost: unitCost === "" ? Number.NaN : Number(unitCost), category, regulated, active };
    const parsed = updateProductSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return false;
    }
    const result = await updateProductAction(parsed.data);
    if (!result.ok) {
      if (result.fieldErrors) {
        setErrors(result.fieldErrors);
        return false;
      }
      throw new Error(result.message);
    }
    toast.success(result.data.suppressed ? `${product.name} deactivated; ${result.data.suppressed} open offers suppressed.` : `${product.name} saved.`);
    router.refresh();
    return true;
  }

  const field = (name: string) => ({ "aria-invalid": !!errors[name], "aria-describedby": errors[name] ? `${ids}-${name}-error` : undefined });
  return (
    <ConfirmDialog
      title={`Edit ${product.name}`}
      description={`SKU ${product.sku}`}
      confirmLabel={deactivating ? `Deactivate and suppress ${product.openOffers} offers` : "Save"}
      pendingLabel="Saving…"
      tone={deactivating ? "danger" : "primary"}
      onConfirm={save}
      onOpenChange={(open) => open && reset()}
      trigger={<Button variant="secondary" className="px-2 py-1 text-xs" aria-label={`Edit ${product.name}`}>Edit</Button>}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <Label htmlFor={`${ids}-price`}>Price ($)</Label>
          <Input id={`${ids}-price`} type="number" step="0.01" min={0} value={price} onChange={(e) => setPrice(e.target.value)} {...field("price")} />
          <FieldError id={`${ids}-price-error`} message={errors.price} />
        </div>
        <div>
          <Label htmlFor={`${ids}-cost`}>Unit cost ($)</Label>
          <Input id={`${ids}-cost`} type="number" step="0.01" min={0} value={unitCost} onChange={(e) => setUnitCost(e.target.value)} {...field("unitCost")} />
          <FieldError id={`${ids}-unitCost-error`} message={errors.unitCost} />
        </div>
        <p className="text-sm sm:col-span-2" aria-live="polite">
          Margin {Number.isFinite(margin) ? formatMoneyExact(margin) : "—"}
          {Number(price) > 0 && Number.isFinite(margin) ? ` (${formatPercent(margin / Number(price))})` : ""}
        </p>
        <div className="sm:col-span-2">
          <Label htmlFor={`${ids}-category`}>Category</Label>
          <Input id={`${ids}-category`} list={`${ids}-categories`} value={category} onChange={(e) => setCategory(e.target.value)} {...field("category")} />
          <datalist id={`${ids}-categories`}>{categories.map((c) => <option key={c} value={c} />)}</datalist>
          <FieldError id={`${ids}-category-error`} message={errors.category} />
        </div>
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" className="h-4 w-4" checked={regulated} onChange={(e) => setRegulated(e.target.checked)} /> Regulated (suitability note before won)
        </label>
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" className="h-4 w-4" checked={active} onChange={(e) => setActive(e.target.checked)} /> Active
        </label>
      </div>
      {deactivating ? (
        <p role="status" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          Deactivating suppresses its {product.openOffers} open offer{product.openOffers === 1 ? "" : "s"} at once; they leave every queue.
        </p>
      ) : null}
      {errors.input ? <p role="alert" className="mt-2 text-sm text-red-700">{errors.input}</p> : null}
    </ConfirmDialog>
  );
}

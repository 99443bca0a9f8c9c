// Builds product rows from the catalog data. The catalog is fixed (seed-independent) so curated
// pairs and documentation can name products; only purchase behaviour varies with the seed.
import { CATEGORIES } from "./catalog-data";
import { deriveSeed, mulberry32 } from "./random";
import type { ProductRow } from "./types";

export interface CatalogProduct {
  index: number;
  row: ProductRow;
  categoryKey: string;
  /** Position within its category, 0 = entry level, 1 = premium. */
  tier: number;
  /** Relative popularity inside the category. */
  weight: number;
}

export interface Catalog {
  products: CatalogProduct[];
  byCategory: Map<string, CatalogProduct[]>;
  byName: Map<string, CatalogProduct>;
}

const DESCRIPTIONS: Record<string, string> = {
  cameras: "Interchangeable-lens camera with 4K video and in-body stabilisation.",
  lenses: "Lens for mirrorless bodies, weather-sealed with fast autofocus.",
  tripods: "Stable support for stills and video, quick-release plate included.",
  "memory-cards": "Fast flash storage rated for burst shooting and 4K video.",
  laptops: "Portable computer for work and study with all-day battery.",
  "laptop-bags": "Padded protection for laptops and accessories on the move.",
  docks: "One-cable connection for displays, network, power and peripherals.",
  mice: "Comfortable pointing device with long battery life.",
  monitors: "External display for productivity and creative work.",
  keyboards: "Quiet, responsive keyboard for desk and travel.",
  phones: "Smartphone with a multi-lens camera and 5G.",
  "phone-cases": "Drop protection and screen protection for your phone.",
  chargers: "Fast, safe charging at home, at work and on the road.",
  headphones: "Wireless audio with clear calls and long battery life.",
  "smart-home": "Connected device that works with the major smart-home platforms.",
  printers: "Printer for home and office documents and photos.",
  ink: "Genuine consumables for sharp prints and reliable yields.",
  software: "Annual subscription, renews yearly, cancel any time.",
  warranties: "Extended protection plan covering breakdown and accidental damage (regulated product).",
  tvs: "Smart TV with HDR and built-in streaming apps.",
  soundbars: "Home-cinema sound that pairs with your TV in minutes.",
};

export function buildCatalog(createdAt: Date): Catalog {
  const rng = mulberry32(deriveSeed(7, "catalog"));
  const products: CatalogProduct[] = [];
  const byCategory = new Map<string, CatalogProduct[]>();
  const byName = new Map<string, CatalogProduct>();
  for (const category of CATEGORIES) {
    const list: CatalogProduct[] = [];
    category.products.forEach(([name, dollars, inactive], position) => {
      const priceCents = Math.round(dollars * 100) - 1;
      const [lo, hi] = category.margin;
      const margin = lo + rng() * (hi - lo);
      const index = products.length;
      const product: CatalogProduct = {
        index,
        categoryKey: category.key,
        tier: category.products.length > 1 ? position / (category.products.length - 1) : 0,
        // Entry and mid-range models sell more; a little noise so ranks are not perfectly ordered.
        weight: (1 / (1 + 0.35 * position)) * (0.7 + 0.6 * rng()) * (inactive ? 0.4 : 1),
        row: {
          id: `prd_${String(index + 1).padStart(4, "0")}`,
          sku: `${category.skuPrefix}-${String(101 + position)}`,
          name,
          category: category.name,
          priceCents,
          unitCostCents: Math.round(priceCents * (1 - margin)),
          active: !inactive,
          regulated: category.regulated ?? false,
          description: DESCRIPTIONS[category.key] ?? null,
          createdAt,
          updatedAt: createdAt,
        },
      };
      products.push(product);
      list.push(product);
      byName.set(name, product);
    });
    byCategory.set(category.key, list);
  }
  return { products, byCategory, byName };
}

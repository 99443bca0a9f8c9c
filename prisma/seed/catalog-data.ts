// The demo catalog: fictional brands with real-sounding model names, listed entry -> premium within
// each category (the position is the product's tier, used to match complements of a similar class).

export interface CategoryDef {
  key: string;
  name: string;
  skuPrefix: string;
  /** Gross margin range as a fraction of the price. */
  margin: [number, number];
  regulated?: boolean;
  /** [name, price in dollars, inactive?] */
  products: [string, number, boolean?][];
}

export const CATEGORIES: CategoryDef[] = [
  { key: "cameras", name: "Cameras", skuPrefix: "CAM", margin: [0.12, 0.2], products: [
    ["Kestrel K10 Compact", 449], ["Kestrel ZV-20 Vlog Kit", 699], ["Lumora X-S3 Mirrorless", 899],
    ["Kestrel K30 Mirrorless Body", 1099], ["Lumora X-T6 Mirrorless Body", 1599], ["Vantix R6 Full-Frame Body", 1999],
    ["Kestrel K50 Full-Frame Body", 2299], ["Lumora GFX Lite Medium Format", 3999, true], ["Vantix R8 Pro Body", 3299],
    ["Kestrel K90 Cinema Body", 4499] ] },
  { key: "lenses", name: "Lenses", skuPrefix: "LEN", margin: [0.18, 0.28], products: [
    ["Orbis 50mm f/1.8 Prime", 199], ["Orbis 18-55mm Kit Zoom", 249], ["Lumora 35mm f/2 Prime", 349],
    ["Orbis 10-18mm Ultra-Wide", 399], ["Kestrel 24-105mm f/4 Zoom", 999], ["Orbis 70-300mm Telephoto", 599],
    ["Lumora 16-55mm f/2.8 Zoom", 1099], ["Vantix 85mm f/1.4 Portrait", 1299], ["Kestrel 24-70mm f/2.8 Pro", 1899],
    ["Vantix 100-400mm Super-Tele", 2299], ["Kestrel 70-200mm f/2.8 Pro", 2499], ["Vantix 50mm f/1.2 Signature", 2099] ] },
  { key: "tripods", name: "Tripods", skuPrefix: "TRI", margin: [0.3, 0.42], products: [
    ["Steadio Traveler Mini Tripod", 39], ["Steadio Flex Tabletop Grip", 49], ["Steadio Aluminium 150", 89],
    ["Steadio Pro Aluminium 190", 169], ["Carbonex Travel Carbon", 249], ["Carbonex Video Fluid Head Kit", 399],
    ["Carbonex Series 3 Carbon", 549], ["Carbonex Systematic Pro", 849] ] },
  { key: "memory-cards", name: "Memory cards", skuPrefix: "MEM", margin: [0.35, 0.5], products: [
    ["Voltstore microSD 64GB", 14], ["Voltstore SD 64GB UHS-I", 19], ["Voltstore SD 128GB UHS-I", 29],
    ["Voltstore Extreme SD 128GB V30", 39], ["Voltstore Extreme SD 256GB V30", 59], ["Voltstore Pro SD 128GB V60", 79],
    ["Voltstore Pro SD 256GB V90", 149], ["Voltstore CFexpress B 256GB", 229], ["Voltstore CFexpress B 512GB", 379],
    ["Voltstore microSD 256GB A2", 34, true] ] },
  { key: "laptops", name: "Laptops", skuPrefix: "LAP", margin: [0.08, 0.16], products: [
    ["Nimbus Air 13 Student", 549], ["Nimbus Air 14", 749], ["Corvid Book 14 Business", 899],
    ["Nimbus Flip 14 2-in-1", 999], ["Corvid Book 15 Pro", 1199], ["Nimbus Air 15 Slim", 1299],
    ["Arcline Creator 14", 1499], ["Corvid Book 16 Workstation", 1899], ["Arcline Creator 16 OLED", 2199],
    ["Arcline Studio 16 Max", 2899], ["Corvid Book 13 Classic", 699, true], ["Nimbus Ultra 14 Carbon", 1699] ] },
  { key: "laptop-bags", name: "Laptop bags", skuPrefix: "BAG", margin: [0.45, 0.6], products: [
    ["Packwell 13\" Sleeve", 29], ["Packwell 14\" Sleeve", 34], ["Packwell Commuter Backpack", 69],
    ["Packwell Slim Briefcase 15\"", 79], ["Trailmark Urban Backpack 16\"", 99], ["Trailmark Roller Case 16\"", 179],
    ["Trailmark Leather Messenger", 229], ["Trailmark Pro Travel Pack", 149] ] },
  { key: "docks", name: "Docks", skuPrefix: "DCK", margin: [0.3, 0.42], products: [
    ["Linkhub USB-C 5-in-1 Adapter", 39], ["Linkhub USB-C 7-in-1 Hub", 59], ["Linkhub Travel Dock Mini", 79],
    ["Linkhub Dual HDMI Dock", 129], ["Linkhub Thunderbolt 4 Dock", 249], ["Linkhub Pro Triple Display Dock", 299],
    ["Linkhub Thunderbolt 5 Station", 379], ["Linkhub Vertical Stand Dock", 199] ] },
  { key: "mice", name: "Mice", skuPrefix: "MOU", margin: [0.4, 0.55], products: [
    ["Glide Basic Wireless Mouse", 19], ["Glide Silent Wireless Mouse", 29], ["Glide Travel Mouse", 39],
    ["Glide Ergo Vertical Mouse", 59], ["Glide Precision Bluetooth", 69], ["Glide Trackball Pro", 89],
    ["Glide MX Performance", 99], ["Glide Gaming Ultralight", 129], ["Glide Ergo Executive", 119] ] },
  { key: "monitors", name: "Monitors", skuPrefix: "MON", margin: [0.12, 0.2], products: [
    ["Clarion 24\" Full HD", 149], ["Clarion 24\" IPS USB-C", 219], ["Clarion 27\" QHD", 299],
    ["Clarion 27\" QHD USB-C Hub", 379], ["Spectra 27\" 4K Creator", 499], ["Spectra 32\" 4K", 599],
    ["Spectra 34\" Ultrawide", 749], ["Spectra 27\" 5K Studio", 1299], ["Spectra 32\" 6K Reference", 2499],
    ["Clarion 22\" Office", 119, true] ] },
  { key: "keyboards", name: "Keyboards", skuPrefix: "KEY", margin: [0.38, 0.52], products: [
    ["Typeline Basic Wireless", 29], ["Typeline Compact Bluetooth", 49], ["Typeline Keys Multi-Device", 69],
    ["Typeline Ergo Split", 99], ["Typeline Slim Aluminium", 109], ["Typeline Mechanical TKL", 129],
    ["Typeline MX Master Keys", 149], ["Typeline Mechanical Pro 75", 189], ["Typeline Wireless Desk Set", 89] ] },
  { key: "phones", name: "Phones", skuPrefix: "PHN", margin: [0.1, 0.18], products: [
    ["Pulse A15", 199], ["Pulse A35", 349], ["Pulse A55", 449], ["Halo 14", 599], ["Pulse S24", 799],
    ["Halo 15", 829], ["Halo 15 Plus", 929], ["Pulse S24 Ultra", 1199], ["Halo 15 Pro", 1099],
    ["Halo 15 Pro Max", 1299], ["Pulse Fold 6", 1799], ["Halo 13 Mini", 499, true] ] },
  { key: "phone-cases", name: "Phone cases", skuPrefix: "CAS", margin: [0.55, 0.7], products: [
    ["Shellguard Clear Case", 19], ["Shellguard Silicone Case", 29], ["Shellguard Wallet Folio", 39],
    ["Shellguard Rugged Armor", 44], ["Shellguard MagSafe Clear", 49], ["Shellguard Leather MagSafe", 59],
    ["Shellguard Tempered Glass 2-Pack", 24], ["Shellguard Privacy Glass", 34], ["Shellguard Fold Hinge Case", 69],
    ["Shellguard Kids Bumper", 25] ] },
  { key: "chargers", name: "Chargers", skuPrefix: "CHG", margin: [0.4, 0.55], products: [
    ["Ampere 20W USB-C Charger", 19], ["Ampere 30W GaN Charger", 29], ["Ampere Car Charger Duo", 25],
    ["Ampere 10,000mAh Power Bank", 39], ["Ampere MagSafe Wireless Pad", 39], ["Ampere 65W GaN 3-Port", 59],
    ["Ampere 3-in-1 Wireless Stand", 99], ["Ampere 20,000mAh Power Bank", 69], ["Ampere 100W GaN Desk Charger", 89],
    ["Ampere Braided USB-C Cable 2m", 19] ] },
  { key: "headphones", name: "Headphones", skuPrefix: "HDP", margin: [0.25, 0.38], products: [
    ["Sonance Buds Lite", 49], ["Sonance Buds", 99], ["Sonance Sport Buds", 129], ["Sonance Buds Pro 2", 199],
    ["Sonance Studio On-Ear", 149], ["Sonance Studio NC", 249], ["Sonance Studio NC Max", 349],
    ["Auralis Open Fit", 179], ["Auralis Reference Over-Ear", 399], ["Auralis Gaming Headset", 129],
    ["Auralis Pro Monitor", 449] ] },
  { key: "smart-home", name: "Smart home", skuPrefix: "SMH", margin: [0.25, 0.4], products: [
    ["Hearth Smart Plug 2-Pack", 29], ["Hearth Smart Bulb Starter Kit", 79], ["Hearth Mini Speaker", 49],
    ["Hearth Video Doorbell", 149], ["Hearth Indoor Camera", 59], ["Hearth Smart Thermostat", 199],
    ["Hearth Outdoor Camera Pro", 229], ["Hearth Display 10\"", 229], ["Hearth Mesh Wi-Fi 3-Pack", 299],
    ["Hearth Smart Lock", 249] ] },
  { key: "printers", name: "Printers", skuPrefix: "PRT", margin: [0.05, 0.12], products: [
    ["Inkwell Home 2400 Inkjet", 79], ["Inkwell Home Plus All-in-One", 129], ["Inkwell Photo 5200", 199],
    ["Inkwell EcoTank 3800", 279], ["Laserline Mono M200", 149], ["Laserline Color C400", 329],
    ["Laserline Office MFP 600", 549], ["Inkwell Photo Pro A3+", 699] ] },
  { key: "ink", name: "Ink & toner", skuPrefix: "INK", margin: [0.55, 0.7], products: [
    ["Inkwell 302 Black", 19], ["Inkwell 302 Tri-Colour", 24], ["Inkwell 302XL Multipack", 59],
    ["Inkwell Photo Ink 6-Pack", 79], ["Inkwell EcoTank Bottle Set", 49], ["Laserline M200 Toner", 69],
    ["Laserline C400 Toner Set", 249], ["Laserline MFP 600 High-Yield Toner", 159],
    ["Inkwell Pro A3+ Ink Set", 129], ["Inkwell Glossy Photo Paper 100", 22] ] },
  { key: "software", name: "Software subscriptions", skuPrefix: "SWS", margin: [0.6, 0.8], products: [
    ["Safenet Antivirus 1-Year", 39], ["Safenet Total Security 5 Devices", 69], ["OfficeSuite Personal 1-Year", 69],
    ["OfficeSuite Family 1-Year", 99], ["CloudVault 2TB 1-Year", 99], ["PhotoLab Editor 1-Year", 119],
    ["OfficeSuite Business 1-Year", 149], ["PhotoLab Creative Cloud 1-Year", 239] ] },
  { key: "warranties", name: "Extended warranties", skuPrefix: "WAR", margin: [0.65, 0.8], regulated: true, products: [
    ["CareShield 2-Year Camera Cover", 79], ["CareShield 3-Year Camera Cover", 119],
    ["CareShield 2-Year Laptop Cover", 99], ["CareShield 3-Year Laptop Cover", 149],
    ["CareShield 2-Year Phone Cover", 69], ["CareShield Phone Cover + Theft", 119],
    ["CareShield 3-Year TV Cover", 129], ["CareShield 5-Year TV Cover", 199] ] },
  { key: "tvs", name: "TVs", skuPrefix: "TVS", margin: [0.08, 0.15], products: [
    ["Vistara 43\" 4K LED", 299], ["Vistara 50\" 4K LED", 379], ["Vistara 55\" 4K QLED", 549],
    ["Vistara 65\" 4K QLED", 799], ["Lumen 55\" OLED", 1299], ["Vistara 75\" 4K QLED", 1199],
    ["Lumen 65\" OLED", 1899], ["Lumen 77\" OLED", 2999], ["Lumen 65\" OLED Gallery", 2599],
    ["Vistara 40\" HD Smart", 249, true] ] },
  { key: "soundbars", name: "Soundbars", skuPrefix: "SND", margin: [0.2, 0.32], products: [
    ["Resona Compact 2.0", 129], ["Resona Beam 2.1", 229], ["Resona Beam 3.1", 349], ["Resona Arc 5.1", 499],
    ["Resona Arc Atmos 5.1.2", 799], ["Resona Sub Mini", 299], ["Resona Sub Pro", 699], ["Resona Rear Surround Pair", 399] ] },
];

export type Durability = "DURABLE" | "REPLENISHED";

/**
 * How each demo category is bought: durables once in years (the cycle is the usual replacement
 * interval), the rest again and again (the cycle is the usual repurchase interval, null when there
 * is none). The generator follows it and the seed stores it as CategoryPolicy rows, which admins edit.
 */
export const CATEGORY_POLICIES: Record<string, { durability: Durability; replacementCycleDays: number | null }> = {
  cameras: { durability: "DURABLE", replacementCycleDays: 1095 },
  lenses: { durability: "REPLENISHED", replacementCycleDays: null },
  tripods: { durability: "REPLENISHED", replacementCycleDays: null },
  "memory-cards": { durability: "REPLENISHED", replacementCycleDays: 365 },
  laptops: { durability: "DURABLE", replacementCycleDays: 1095 },
  "laptop-bags": { durability: "REPLENISHED", replacementCycleDays: null },
  docks: { durability: "REPLENISHED", replacementCycleDays: null },
  mice: { durability: "REPLENISHED", replacementCycleDays: 730 },
  monitors: { durability: "DURABLE", replacementCycleDays: 1460 },
  keyboards: { durability: "REPLENISHED", replacementCycleDays: 730 },
  phones: { durability: "DURABLE", replacementCycleDays: 730 },
  "phone-cases": { durability: "REPLENISHED", replacementCycleDays: 365 },
  chargers: { durability: "REPLENISHED", replacementCycleDays: 365 },
  headphones: { durability: "REPLENISHED", replacementCycleDays: 730 },
  "smart-home": { durability: "REPLENISHED", replacementCycleDays: null },
  printers: { durability: "DURABLE", replacementCycleDays: 1460 },
  ink: { durability: "REPLENISHED", replacementCycleDays: 90 },
  software: { durability: "REPLENISHED", replacementCycleDays: 365 },
  warranties: { durability: "REPLENISHED", replacementCycleDays: null },
  tvs: { durability: "DURABLE", replacementCycleDays: 1825 },
  soundbars: { durability: "DURABLE", replacementCycleDays: 1825 },
};

export function categoryPolicy(key: string): { durability: Durability; replacementCycleDays: number | null } {
  const p = CATEGORY_POLICIES[key];
  if (!p) throw new Error(`category ${key} has no policy`);
  return p;
}

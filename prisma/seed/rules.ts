// Complement patterns that drive both the order generator and the curated pair catalog, so that
// association mining on the generated orders rediscovers the curated pairs.
import type { PairType } from "./types";

export interface ComplementRule {
  key: string;
  from: string;
  to: string;
  /** P(target in the same order as the source). */
  sameProb: number;
  /** P(target bought in a later order within [minDays, maxDays]). */
  laterProb: number;
  minDays: number;
  maxDays: number;
  type: PairType;
  /** Share of complement purchases that go to the source's matching product (the rest: any in the category). */
  preferredShare: number;
  /** Shift of the matched tier (upsell rules move up). */
  tierOffset?: number;
  /** Only sources at or below this tier trigger the rule (upsell from entry models). */
  maxSourceTier?: number;
  /** Restrict targets to names containing this text (warranties by device). */
  targetFilter?: string;
  /** Explicit source name -> target name matches (printers and their consumables). */
  targetMap?: Record<string, string>;
  bundleDiscountPct?: number;
  eligibleSegments?: string[];
  /** How many curated pairs to create from this rule (most popular sources first). */
  curated: number;
  talkingPoints: string;
  objectionHandling: string;
}

const INK_FOR_PRINTER: Record<string, string> = {
  "Inkwell Home 2400 Inkjet": "Inkwell 302 Black",
  "Inkwell Home Plus All-in-One": "Inkwell 302XL Multipack",
  "Inkwell Photo 5200": "Inkwell Photo Ink 6-Pack",
  "Inkwell EcoTank 3800": "Inkwell EcoTank Bottle Set",
  "Laserline Mono M200": "Laserline M200 Toner",
  "Laserline Color C400": "Laserline C400 Toner Set",
  "Laserline Office MFP 600": "Laserline MFP 600 High-Yield Toner",
  "Inkwell Photo Pro A3+": "Inkwell Pro A3+ Ink Set",
};

export const RULES: ComplementRule[] = [
  {
    key: "camera-card", from: "cameras", to: "memory-cards", sameProb: 0.5, laterProb: 0.08, minDays: 0, maxDays: 30,
    type: "ACCESSORY", preferredShare: 0.65, curated: 4,
    talkingPoints: "Hi {{contact.name}}, the {{source.product}} writes large RAW and 4K files, and the card it ships with fills up after a short shoot. {{attach_rate}} of buyers add the {{target.product}}: it keeps up with burst mode, so the camera never stalls waiting to save.",
    objectionHandling: "\"I already have cards\": older cards are often too slow for 4K and burst shooting; check the speed class (V30 or higher). \"Too expensive\": compare it with losing a day of photos to a full or failing card.",
  },
  {
    key: "camera-lens-kit", from: "cameras", to: "lenses", sameProb: 0.22, laterProb: 0, minDays: 0, maxDays: 30,
    type: "BUNDLE", preferredShare: 0.7, bundleDiscountPct: 10, curated: 3,
    talkingPoints: "Bundle the {{target.product}} with the {{source.product}} and save on the pair. It is the lens most owners of this body pick first: sharp, light and it covers everyday, travel and portrait shots.",
    objectionHandling: "\"The kit lens is enough\": fine for daylight, but this lens gathers far more light for indoor and evening shots. \"Maybe later\": the bundle discount applies only while the camera purchase is recent.",
  },
  {
    key: "camera-warranty", from: "cameras", to: "warranties", sameProb: 0.14, laterProb: 0.03, minDays: 0, maxDays: 30,
    type: "CROSS_SELL", preferredShare: 0.75, targetFilter: "Camera", curated: 2,
    talkingPoints: "The {{target.product}} covers the {{source.product}} against breakdown and accidental damage beyond the manufacturer's year, including drops and sensor faults. It can only be added within 30 days of purchase. Suitability note required.",
    objectionHandling: "\"My home insurance covers it\": many policies exclude accidental damage away from home and carry an excess. Never pressure: record the suitability check and respect a no.",
  },
  {
    key: "camera-tripod", from: "cameras", to: "tripods", sameProb: 0.04, laterProb: 0.38, minDays: 7, maxDays: 60,
    type: "ACCESSORY", preferredShare: 0.65, curated: 3,
    talkingPoints: "{{contact.name}}, it has been {{days_since_purchase}} days since the {{source.product}}: the point where owners start shooting landscapes, long exposures and video. {{attach_rate}} of them add the {{target.product}}, which is matched to the weight of this body.",
    objectionHandling: "\"I shoot handheld\": stabilisation helps, but night, long-exposure and self-timer group shots still need a tripod. \"Too bulky\": it folds to carry-on size and weighs less than the camera.",
  },
  {
    key: "camera-lens-later", from: "cameras", to: "lenses", sameProb: 0, laterProb: 0.2, minDays: 21, maxDays: 120,
    type: "CROSS_SELL", preferredShare: 0.6, tierOffset: 2, curated: 2, eligibleSegments: ["Champions", "Loyal", "Potential"],
    talkingPoints: "After {{days_since_purchase}} days with the {{source.product}}, most owners know what their kit lens cannot do. The {{target.product}} opens up portraits with soft backgrounds and distant subjects; {{attach_rate}} of owners take this step in the first months.",
    objectionHandling: "\"Lenses are expensive\": a good lens outlives several camera bodies, so it is the better long-term spend. Offer the trade-in programme for the kit lens.",
  },
  {
    key: "camera-photolab", from: "cameras", to: "software", sameProb: 0.05, laterProb: 0.14, minDays: 7, maxDays: 60,
    type: "CROSS_SELL", preferredShare: 0.8, targetFilter: "PhotoLab", curated: 2,
    talkingPoints: "The {{source.product}} shoots RAW; the {{target.product}} turns those files into finished photos with presets made for this sensor. It includes cloud storage for the growing library.",
    objectionHandling: "\"The free app is enough\": it cannot read this camera's RAW files at full quality. \"Another subscription\": it is monthly-cancellable, start with the trial month.",
  },
  {
    key: "laptop-bag", from: "laptops", to: "laptop-bags", sameProb: 0.34, laterProb: 0.06, minDays: 0, maxDays: 30,
    type: "ACCESSORY", preferredShare: 0.6, curated: 3,
    talkingPoints: "The {{target.product}} is sized for the {{source.product}}, with a padded, suspended laptop compartment. Most damage claims we see on new laptops come from the first months of carrying them in an everyday bag.",
    objectionHandling: "\"I have a backpack\": check that it has a suspended compartment; drops onto corners cause most screen cracks. \"Price\": it costs less than one screen repair.",
  },
  {
    key: "laptop-mouse", from: "laptops", to: "mice", sameProb: 0.3, laterProb: 0.05, minDays: 0, maxDays: 30,
    type: "ACCESSORY", preferredShare: 0.6, curated: 3,
    talkingPoints: "For long sessions on the {{source.product}}, the {{target.product}} is easier on the wrist than the trackpad and pairs with up to three devices. {{attach_rate}} of buyers add one.",
    objectionHandling: "\"The trackpad is fine\": for spreadsheets and editing a mouse is markedly faster. \"I have an old one\": this one connects over Bluetooth, no dongle taking a USB-C port.",
  },
  {
    key: "laptop-office", from: "laptops", to: "software", sameProb: 0.24, laterProb: 0.04, minDays: 0, maxDays: 30,
    type: "CROSS_SELL", preferredShare: 0.6, targetFilter: "Suite", curated: 2,
    talkingPoints: "The {{source.product}} comes without office apps. The {{target.product}} installs in minutes and includes cloud storage, so documents from the old computer move over straight away.",
    objectionHandling: "\"I'll use free tools\": files from work and school open with formatting intact here. \"Subscription fatigue\": the family plan covers up to six people.",
  },
  {
    key: "laptop-warranty", from: "laptops", to: "warranties", sameProb: 0.14, laterProb: 0.03, minDays: 0, maxDays: 30,
    type: "CROSS_SELL", preferredShare: 0.75, targetFilter: "Laptop", curated: 2,
    talkingPoints: "The {{target.product}} extends cover on the {{source.product}} for breakdown, battery wear and accidental damage, with a replacement device while it is repaired. Must be added within 30 days. Suitability note required.",
    objectionHandling: "\"The manufacturer covers it\": only for one year and not for accidental damage. Explain the excess and exclusions clearly; record the suitability check.",
  },
  {
    key: "laptop-dock", from: "laptops", to: "docks", sameProb: 0.05, laterProb: 0.26, minDays: 7, maxDays: 45,
    type: "ACCESSORY", preferredShare: 0.65, curated: 3,
    talkingPoints: "{{contact.name}}, after {{days_since_purchase}} days most {{source.product}} owners are juggling adapters at their desk. The {{target.product}} gives one-cable access to monitors, network and charging.",
    objectionHandling: "\"I only have one monitor\": the dock also charges the laptop and frees ports for storage and keyboard. \"Compatibility\": it is certified for this model.",
  },
  {
    key: "laptop-monitor", from: "laptops", to: "monitors", sameProb: 0.04, laterProb: 0.2, minDays: 14, maxDays: 90,
    type: "CROSS_SELL", preferredShare: 0.6, curated: 3,
    talkingPoints: "Is {{account.name}} working from the {{source.product}} all day? The {{target.product}} adds a second screen with a single USB-C cable; owners report up to a third faster multitasking. {{attach_rate}} of laptop buyers add a monitor within three months.",
    objectionHandling: "\"No desk space\": the slim stand takes less space than a laptop riser. \"Price\": show the cheaper QHD option before dropping the offer.",
  },
  {
    key: "phone-case", from: "phones", to: "phone-cases", sameProb: 0.55, laterProb: 0.05, minDays: 0, maxDays: 30,
    type: "ACCESSORY", preferredShare: 0.6, curated: 4,
    talkingPoints: "The {{target.product}} is made for the {{source.product}}: raised edges for the camera and screen, and it keeps MagSafe and wireless charging working. {{attach_rate}} of buyers protect the phone on day one.",
    objectionHandling: "\"I don't like bulky cases\": this one adds less than 2 mm. \"I'll buy one online\": cheap cases often block wireless charging or crack at the corners.",
  },
  {
    key: "phone-charger", from: "phones", to: "chargers", sameProb: 0.3, laterProb: 0.05, minDays: 0, maxDays: 30,
    type: "ACCESSORY", preferredShare: 0.6, curated: 3,
    talkingPoints: "The {{source.product}} ships without a charger in the box. The {{target.product}} charges it to 50% in about 30 minutes and also works with earbuds and tablets.",
    objectionHandling: "\"My old charger works\": older 5 W chargers take over three hours. \"Safety\": this one is certified and temperature-controlled.",
  },
  {
    key: "phone-warranty", from: "phones", to: "warranties", sameProb: 0.12, laterProb: 0.02, minDays: 0, maxDays: 30,
    type: "CROSS_SELL", preferredShare: 0.7, targetFilter: "Phone", curated: 2,
    talkingPoints: "The {{target.product}} covers cracked screens, liquid damage and breakdown on the {{source.product}} for two years. It is only available within 30 days of purchase. Suitability note required.",
    objectionHandling: "\"My contract includes insurance\": check the excess and whether theft is covered. Explain the terms; do not push if the customer already has cover.",
  },
  {
    key: "phone-headphones", from: "phones", to: "headphones", sameProb: 0.06, laterProb: 0.24, minDays: 7, maxDays: 60,
    type: "CROSS_SELL", preferredShare: 0.6, curated: 3,
    talkingPoints: "{{contact.name}}, the {{source.product}} has no headphone jack. It has been {{days_since_purchase}} days: a good moment for the {{target.product}}, which pairs instantly and switches between phone and laptop.",
    objectionHandling: "\"I use wired ones\": they need an adapter that is easy to lose. \"Too expensive\": start with the entry model and mention the trade-in offer.",
  },
  {
    key: "printer-ink", from: "printers", to: "ink", sameProb: 0.45, laterProb: 0.55, minDays: 30, maxDays: 150,
    type: "CROSS_SELL", preferredShare: 0.85, targetMap: INK_FOR_PRINTER, curated: 3,
    talkingPoints: "The starter cartridges in the {{source.product}} are half-filled. After {{days_since_purchase}} days most owners are running low: the {{target.product}} is the genuine replacement and prints about twice as many pages.",
    objectionHandling: "\"Third-party ink is cheaper\": it can clog the print head and void the warranty. Offer the multipack price per page.",
  },
  {
    key: "tv-soundbar", from: "tvs", to: "soundbars", sameProb: 0.2, laterProb: 0.12, minDays: 7, maxDays: 30,
    type: "BUNDLE", preferredShare: 0.65, bundleDiscountPct: 8, curated: 3,
    talkingPoints: "Thin TVs like the {{source.product}} have small speakers. Bundled, the {{target.product}} is discounted and connects with one HDMI cable: clearer dialogue and real cinema sound.",
    objectionHandling: "\"The TV sounds fine\": demo dialogue clarity at low volume. \"Too many remotes\": the soundbar follows the TV remote.",
  },
  {
    key: "tv-warranty", from: "tvs", to: "warranties", sameProb: 0.15, laterProb: 0.02, minDays: 0, maxDays: 30,
    type: "CROSS_SELL", preferredShare: 0.75, targetFilter: "TV", curated: 2,
    talkingPoints: "Panel repairs on a {{source.product}} can cost more than half the price of the set. The {{target.product}} covers panel, power board and burn-in, with in-home repair. Suitability note required.",
    objectionHandling: "\"TVs rarely fail\": most failures happen after the first year, when the manufacturer warranty ends. State the price, the term and the excess plainly.",
  },
  {
    key: "monitor-keyboard", from: "monitors", to: "keyboards", sameProb: 0.2, laterProb: 0.05, minDays: 0, maxDays: 30,
    type: "CROSS_SELL", preferredShare: 0.6, curated: 2,
    talkingPoints: "Setting up a desk around the {{source.product}}? The {{target.product}} completes it: full-size typing at eye level instead of hunching over the laptop.",
    objectionHandling: "\"I type on the laptop\": with an external monitor the laptop keyboard is too far away for good posture. Suggest the multi-device model.",
  },
  {
    key: "monitor-dock", from: "monitors", to: "docks", sameProb: 0.15, laterProb: 0.05, minDays: 0, maxDays: 30,
    type: "ACCESSORY", preferredShare: 0.6, curated: 2, eligibleSegments: ["Champions", "Loyal"],
    talkingPoints: "The {{target.product}} connects the {{source.product}}, network and charging through one cable, so the laptop docks in a second.",
    objectionHandling: "\"My laptop has an HDMI port\": it cannot charge and drive the display at the same time. Check the laptop model for compatibility first.",
  },
  {
    key: "smart-home-expand", from: "smart-home", to: "smart-home", sameProb: 0.1, laterProb: 0.22, minDays: 14, maxDays: 90,
    type: "CROSS_SELL", preferredShare: 0.6, tierOffset: 3, curated: 2,
    talkingPoints: "The {{source.product}} is usually the first device in a smart home. The {{target.product}} works in the same app and automations, so {{contact.name}} can add it without a new hub.",
    objectionHandling: "\"Privacy concerns\": all video is encrypted and can stay on the device. \"Setup is hard\": offer the free installation slot.",
  },
  {
    key: "camera-upgrade", from: "cameras", to: "cameras", sameProb: 0, laterProb: 0.12, minDays: 120, maxDays: 540,
    type: "UPSELL", preferredShare: 0.7, tierOffset: 3, maxSourceTier: 0.5, curated: 2, eligibleSegments: ["Champions", "Loyal"],
    talkingPoints: "{{days_since_purchase}} days with the {{source.product}} is when many photographers outgrow it. The {{target.product}} adds a larger sensor and better low-light autofocus, and the current body qualifies for trade-in.",
    objectionHandling: "\"My camera still works\": the trade-in value drops every quarter. \"Lenses won't fit\": same mount, all lenses carry over.",
  },
  {
    key: "phone-upgrade", from: "phones", to: "phones", sameProb: 0, laterProb: 0.14, minDays: 180, maxDays: 600,
    type: "UPSELL", preferredShare: 0.7, tierOffset: 3, maxSourceTier: 0.5, curated: 2, eligibleSegments: ["Champions", "Loyal", "Potential"],
    talkingPoints: "The {{source.product}} is {{days_since_purchase}} days old. The {{target.product}} brings a much better camera and two more years of updates; the trade-in covers a good part of the price.",
    objectionHandling: "\"I just bought one\": check the trade-in value first; if it is low, note a follow-up in six months rather than pushing.",
  },
  {
    key: "laptop-upgrade", from: "laptops", to: "laptops", sameProb: 0, laterProb: 0.1, minDays: 180, maxDays: 600,
    type: "UPSELL", preferredShare: 0.7, tierOffset: 4, maxSourceTier: 0.45, curated: 2, eligibleSegments: ["Champions", "Loyal"],
    talkingPoints: "If the {{source.product}} is slowing {{contact.name}} and the team at {{account.name}} down, the {{target.product}} is roughly twice as fast for creative work and keeps the same accessories.",
    objectionHandling: "\"Budget\": offer the business financing plan. \"Data migration\": our team moves files and settings for free.",
  },
  {
    key: "headphones-upgrade", from: "headphones", to: "headphones", sameProb: 0, laterProb: 0.15, minDays: 30, maxDays: 180,
    type: "UPSELL", preferredShare: 0.7, tierOffset: 3, maxSourceTier: 0.4, curated: 2,
    talkingPoints: "Owners of the {{source.product}} who commute often move up to the {{target.product}} for active noise cancelling. {{attach_rate}} upgrade within six months.",
    objectionHandling: "\"Mine work fine\": offer a listening demo in store. \"Price\": mention trade-in credit for the current pair.",
  },
];

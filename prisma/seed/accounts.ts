// Customer accounts: people and companies with contact details, region, owner and consent flags.
// faker fills small name pools once; the per-account loop only uses the fast seeded PRNG.
import { Faker, en } from "@faker-js/faker";
import { pick, randInt, type Rng } from "./random";
import type { AccountKind, AccountRow, UserRow } from "./types";
import type { TeamName } from "./people";

export const REGIONS: Record<TeamName, string[]> = {
  North: ["North East", "North West"],
  South: ["South East", "South West"],
};

const INDUSTRIES = [
  "Retail", "Professional services", "Education", "Healthcare", "Media & creative", "Construction",
  "Hospitality", "Real estate", "Logistics", "Manufacturing", "Non-profit", "Technology",
];
const COMPANY_SUFFIXES = ["Ltd", "Group", "Studio", "Partners", "& Co", "Labs", "Agency", "Services"];
const MAIL_DOMAINS = ["example.com", "example.net", "example.org", "mail.example", "inbox.example"];

interface Pools {
  firstNames: string[];
  lastNames: string[];
  companies: string[];
  cities: Record<string, string[]>;
}

function buildPools(seed: number): Pools {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  const unique = (make: () => string, n: number) => {
    const set = new Set<string>();
    for (let i = 0; set.size < n && i < n * 20; i++) set.add(make());
    return [...set];
  };
  const cities: Record<string, string[]> = {};
  for (const region of Object.values(REGIONS).flat()) cities[region] = unique(() => faker.location.city(), 24);
  return {
    firstNames: unique(() => faker.person.firstName(), 400),
    lastNames: unique(() => faker.person.lastName(), 500),
    companies: unique(() => faker.company.name(), 1500),
    cities,
  };
}

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

export interface AccountProfile {
  row: AccountRow;
  kind: AccountKind;
}

/** Accounts with zero totals; the order generator fills orderCount, revenue and dates. */
export function buildAccounts(rng: Rng, seed: number, count: number, reps: UserRow[], createdAt: Date): AccountProfile[] {
  const pools = buildPools(seed);
  const repsByTeam: Record<TeamName, UserRow[]> = {
    North: reps.filter((r) => r.teamId === "team_north"),
    South: reps.filter((r) => r.teamId === "team_south"),
  };
  const profiles: AccountProfile[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const team: TeamName = rng() < 0.5 ? "North" : "South";
    const region = pick(rng, REGIONS[team]);
    // Round-robin by index keeps book sizes even; the random team/region keeps it from looking striped.
    const owners = repsByTeam[team];
    const owner = owners[(i + Math.floor(rng() * 2)) % owners.length];
    const kind: AccountKind = rng() < 0.22 ? "COMPANY" : "PERSON";
    const first = pick(rng, pools.firstNames);
    const last = pick(rng, pools.lastNames);
    const contactName = `${first} ${last}`;
    let name: string;
    let email: string | null;
    if (kind === "COMPANY") {
      const base = pick(rng, pools.companies);
      // faker's "A - B" and "A, B and C" names already read as firms; suffix only the short ones.
      name = !/[-,]| and /.test(base) && rng() < 0.7 ? `${base} ${pick(rng, COMPANY_SUFFIXES)}` : base;
      email = `${slug(first)}.${slug(last)}@${slug(base).slice(0, 24)}.example`;
    } else {
      name = contactName;
      const n = rng() < 0.4 ? String(randInt(rng, 1, 99)) : "";
      email = `${slug(first)}.${slug(last)}${n}@${pick(rng, MAIL_DOMAINS)}`;
    }
    if (rng() < 0.06) email = null;
    const phone = rng() < 0.05 ? null : `+1 555-${randInt(rng, 100, 999)}-${String(randInt(rng, 0, 9999)).padStart(4, "0")}`;
    const doNotContact = rng() < 0.03;
    profiles[i] = {
      kind,
      row: {
        id: `acc_${String(i + 1).padStart(7, "0")}`,
        externalId: `C${String(i + 1).padStart(6, "0")}`,
        name,
        searchName: name.toLowerCase(),
        kind,
        ownerId: owner.id,
        teamId: owner.teamId,
        contactName,
        phone,
        email,
        industry: kind === "COMPANY" ? pick(rng, INDUSTRIES) : null,
        region,
        city: rng() < 0.97 ? pick(rng, pools.cities[region]) : null,
        doNotContact,
        phoneConsent: phone !== null && !doNotContact && rng() < 0.7,
        emailConsent: email !== null && !doNotContact && rng() < 0.6,
        orderCount: 0,
        revenueCents: 0,
        firstOrderAt: null,
        lastOrderAt: null,
        createdAt,
        updatedAt: createdAt,
      },
    };
  }
  return profiles;
}

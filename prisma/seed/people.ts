// Teams, demo users and default settings.
import type { SettingRow, TeamRow, UserRow, Role } from "./types";

export const TEAMS = ["North", "South"] as const;
export type TeamName = (typeof TEAMS)[number];

interface UserDef {
  email: string;
  name: string;
  role: Role;
  team: TeamName | null;
}

export const DEMO_USERS: UserDef[] = [
  { email: "admin@example.com", name: "Alex Morgan", role: "ADMIN", team: null },
  { email: "nina.manager@example.com", name: "Nina Brooks", role: "MANAGER", team: "North" },
  { email: "omar.manager@example.com", name: "Omar Haddad", role: "MANAGER", team: "South" },
  { email: "ava@example.com", name: "Ava Thompson", role: "REP", team: "North" },
  { email: "ben@example.com", name: "Ben Carter", role: "REP", team: "North" },
  { email: "chloe@example.com", name: "Chloe Nguyen", role: "REP", team: "North" },
  { email: "dan@example.com", name: "Dan Okafor", role: "REP", team: "North" },
  { email: "eva@example.com", name: "Eva Rossi", role: "REP", team: "South" },
  { email: "finn@example.com", name: "Finn Larsen", role: "REP", team: "South" },
  { email: "grace@example.com", name: "Grace Kim", role: "REP", team: "South" },
  { email: "hugo@example.com", name: "Hugo Silva", role: "REP", team: "South" },
];

export function teamId(team: TeamName): string {
  return `team_${team.toLowerCase()}`;
}

export function buildTeams(createdAt: Date): TeamRow[] {
  return TEAMS.map((name) => ({ id: teamId(name), name, version: 1, createdAt }));
}

export function buildUsers(passwordHash: string, createdAt: Date): UserRow[] {
  return DEMO_USERS.map((u) => ({
    id: `usr_${u.email.split("@")[0].split(".")[0]}`,
    email: u.email,
    name: u.name,
    role: u.role,
    teamId: u.team ? teamId(u.team) : null,
    passwordHash,
    active: true,
    failedLoginCount: 0,
    lockedUntil: null,
    lastLoginAt: null,
    sessionVersion: 0,
    // The seeded demo users sign in with the README's password as it is (the column defaults).
    mustChangePassword: false,
    version: 1,
    createdAt,
    updatedAt: createdAt,
  }));
}

export const DEFAULT_SETTINGS: Record<string, unknown> = {
  holdoutShare: 0.1,
  cooldownDays: 90,
  contactCapDays: 7,
  maxOffersPerAccount: 3,
  outreachCostCents: 500,
};

export function buildSettings(updatedAt: Date): SettingRow[] {
  return Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ key, value, updatedById: null, updatedAt }));
}

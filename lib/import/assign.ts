/**
 * Owners for new accounts: round-robin over the reps, balanced by revenue. Accounts are dealt largest
 * first to the rep with the least revenue dealt so far (ties: fewest accounts, then the rep's order), so
 * every rep ends within one large account of the others in revenue and count.
 */
import type { Assignee } from "./existing";

export class NoAssigneeError extends Error {
  constructor(team: string | undefined, teams: string[]) {
    super(
      team
        ? `no active rep in team "${team}" to own new accounts${teams.length ? ` (teams: ${teams.join(", ")})` : ""}`
        : "no active rep to own new accounts: create users who can own accounts first",
    );
    this.name = "NoAssigneeError";
  }
}

export function eligibleAssignees(all: readonly Assignee[], team?: string): Assignee[] {
  const reps = team ? all.filter((a) => a.teamName?.toLowerCase() === team.toLowerCase()) : [...all];
  if (reps.length === 0) throw new NoAssigneeError(team, [...new Set(all.map((a) => a.teamName).filter((t): t is string => !!t))].sort());
  return reps;
}

export function assignOwners<T extends { key: string; revenueCents: number }>(items: readonly T[], reps: readonly Assignee[]): Map<string, Assignee> {
  const load = reps.map(() => 0);
  const count = reps.map(() => 0);
  const out = new Map<string, Assignee>();
  const sorted = [...items].sort((a, b) => b.revenueCents - a.revenueCents || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const item of sorted) {
    let best = 0;
    for (let r = 1; r < reps.length; r++) {
      if (load[r] < load[best] || (load[r] === load[best] && count[r] < count[best])) best = r;
    }
    load[best] += Math.max(0, item.revenueCents);
    count[best]++;
    out.set(item.key, reps[best]);
  }
  return out;
}

import { USERS } from "../fixtures";

/** Who the role matrix asks about. Ben is Ava's team mate who does not own her records. */
export const PERSONAS = {
  anonymous: null,
  ava: { email: USERS.repAva.email, role: "REP", team: "North", note: "rep, owns the records" },
  ben: { email: USERS.repBen.email, role: "REP", team: "North", note: "rep of the same team, not the owner" },
  eva: { email: USERS.repEva.email, role: "REP", team: "South", note: "rep of the other team" },
  nina: { email: USERS.managerNorth.email, role: "MANAGER", team: "North", note: "manager of the records' team" },
  omar: { email: USERS.managerSouth.email, role: "MANAGER", team: "South", note: "manager of the other team" },
  admin: { email: USERS.admin.email, role: "ADMIN", team: null, note: "admin" },
} as const;

export type Persona = keyof typeof PERSONAS;
export type SignedInPersona = Exclude<Persona, "anonymous">;

export const PERSONA_KEYS = Object.keys(PERSONAS) as Persona[];

/** One expected outcome per persona: the type makes leaving one out a compile error. */
export type PerPersona<T> = Record<Persona, T>;

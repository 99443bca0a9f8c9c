import { hash, verify } from "@node-rs/argon2";

// Algorithm is a const enum in the typings (not importable under isolatedModules); 2 = Argon2id.
const ARGON2ID = 2;

// argon2id with OWASP's minimum recommended cost (19 MiB, 2 iterations, 1 lane).
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS);
}

export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(passwordHash, plain);
  } catch {
    return false;
  }
}

/** The single password of every demo user (printed in the README). */
export const DEMO_PASSWORD = "crosssell-demo";

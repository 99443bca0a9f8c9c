/**
 * Stable holdout assignment: an account is in the holdout when the FNV-1a hash of its id, mapped to
 * [0, 1), is below the holdout share. The same account stays in (or out of) the holdout across runs as
 * long as the share does not change, and raising the share only adds accounts.
 */

/** 32-bit FNV-1a over the UTF-16 code units of the id, as a fraction in [0, 1). */
export function holdoutHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 4294967296;
}

export function inHoldout(accountId: string, share: number): boolean {
  return holdoutHash(accountId) < share;
}

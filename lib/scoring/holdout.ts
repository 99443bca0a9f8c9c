/**
 * Stable holdout assignment: an account is in the holdout when the hash of its id, mapped to [0, 1),
 * is below the holdout share. The same account stays in (or out of) the holdout across runs as long as
 * the share does not change, and raising the share only adds accounts.
 *
 * The hash is 32-bit FNV-1a followed by MurmurHash3's fmix32 finaliser: FNV-1a alone leaves the high
 * bits badly mixed for short ids that differ only in their last characters ("acc_0000123"), which put
 * 0.3% instead of 10% of such accounts in the holdout.
 */

export function holdoutHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export function inHoldout(accountId: string, share: number): boolean {
  return holdoutHash(accountId) < share;
}

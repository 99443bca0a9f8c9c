// Caps how many "access.denied" rows one user or client can cause, so a scan of ids cannot flood
// the audit log. Fixed windows per key; denials over the cap are counted and reported on the key's
// next written row. In-process: each server process keeps its own windows.

export type DenialDecision = { key: string; write: false } | { key: string; write: true; suppressed: number };

type Window = { start: number; written: number; suppressed: number };

/** Keys beyond maxKeys share this one, so rotating client addresses cannot grow memory or the table. */
export const OVERFLOW_KEY = "*overflow*";

export class DenialLimiter {
  private windows = new Map<string, Window>();
  private lastSweep = -Infinity;

  constructor(
    readonly options: { limit: number; windowMs: number; maxKeys: number } = { limit: 10, windowMs: 60_000, maxKeys: 10_000 },
    /** The clock, in ms; replaceable in tests. */
    public now: () => number = Date.now,
  ) {}

  /** Whether to write a row for this denial, and how many earlier ones it stands for. */
  take(requestedKey: string): DenialDecision {
    const t = this.now();
    let key = requestedKey;
    let w = this.windows.get(key);
    if (!w) {
      if (this.windows.size >= this.options.maxKeys) this.sweep(t);
      if (this.windows.size >= this.options.maxKeys) {
        key = OVERFLOW_KEY;
        w = this.windows.get(key);
      }
    }
    if (!w || t - w.start >= this.options.windowMs) {
      w = { start: t, written: 0, suppressed: w?.suppressed ?? 0 };
      this.windows.set(key, w);
    }
    if (w.written >= this.options.limit) {
      w.suppressed++;
      return { key, write: false };
    }
    w.written++;
    const suppressed = w.suppressed;
    w.suppressed = 0;
    return { key, write: true, suppressed };
  }

  /** A row that could not be written: its count goes back to the key. */
  restore(key: string, suppressed: number): void {
    const w = this.windows.get(key);
    if (w) w.suppressed += suppressed + 1;
  }

  reset(): void {
    this.windows.clear();
    this.lastSweep = -Infinity;
  }

  /** Drops expired windows that owe no count (at most once a second: it walks the whole map). */
  private sweep(t: number): void {
    if (t - this.lastSweep < 1000) return;
    this.lastSweep = t;
    for (const [k, w] of this.windows) {
      if (t - w.start >= this.options.windowMs && w.suppressed === 0) this.windows.delete(k);
    }
  }
}

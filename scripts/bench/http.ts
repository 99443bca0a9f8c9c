// Minimal HTTP client for benchmarks: signs in through next-auth's credentials endpoint and keeps cookies.
export class Session {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  private header(): string {
    return [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private store(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }

  async get(path: string): Promise<Response> {
    const res = await fetch(this.base + path, { headers: { cookie: this.header() }, redirect: "manual" });
    this.store(res);
    return res;
  }

  async post(path: string, body: unknown): Promise<Response> {
    const res = await fetch(this.base + path, {
      method: "POST",
      headers: { cookie: this.header(), "content-type": "application/json" },
      body: JSON.stringify(body),
      redirect: "manual",
    });
    this.store(res);
    return res;
  }

  async signIn(email: string, password: string): Promise<void> {
    const csrfRes = await this.get("/api/auth/csrf");
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const res = await fetch(`${this.base}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: this.header() },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
      redirect: "manual",
    });
    this.store(res);
    if (![...this.cookies.keys()].some((k) => k.includes("session-token"))) {
      throw new Error(`sign-in failed for ${email}: HTTP ${res.status}`);
    }
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

/** Times `n` sequential calls (after `warmup` untimed ones) and returns milliseconds, sorted. */
export async function timeRequests(n: number, warmup: number, call: (i: number) => Promise<Response>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await (await call(i)).arrayBuffer();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await call(i);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`HTTP ${res.status} during benchmark`);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

/** Waits until a server at `base` answers its login page (up to a minute). */
export async function waitForServer(base: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`${base}/login`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server at ${base} did not start`);
}

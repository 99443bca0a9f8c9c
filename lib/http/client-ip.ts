// Who is on the other end of a request, for the audit log and sign-in throttling.
import { isIP } from "node:net";

const MAX_USER_AGENT = 300;

/**
 * How many reverse proxies of our own sit between the client and the proxy nearest to Next.js
 * (TRUSTED_PROXY_HOPS, default 0). Read on each call so tests and deployments can set it late.
 */
function trustedHops(): number {
  const n = Number.parseInt(process.env.TRUSTED_PROXY_HOPS ?? "", 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/** "1.2.3.4", "1.2.3.4:5678", "[::1]:80", "::ffff:1.2.3.4" -> a plain address, or null if it is none. */
function normalizeAddress(raw: string): string | null {
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(a)) a = a.slice(7);
  return isIP(a) ? a.toLowerCase() : null;
}

/**
 * The client's address: the rightmost X-Forwarded-For entry, skipping TRUSTED_PROXY_HOPS more.
 * Entries further left were written by whoever sent the request and prove nothing. Next.js fills
 * the header from the socket only when it is absent, so without a reverse proxy in front that
 * appends (or overwrites) X-Forwarded-For, a client can choose the value itself.
 */
export function clientIp(headers: Headers): string | null {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  // Fewer entries than proxies: the leftmost one is the farthest hop we know of.
  const index = Math.max(0, entries.length - 1 - trustedHops());
  return normalizeAddress(entries[index]);
}

/** The User-Agent header, cut to 300 characters (it is client-chosen and stored with every row). */
export function userAgentOf(headers: Headers): string | null {
  const ua = headers.get("user-agent")?.trim();
  return ua ? ua.slice(0, MAX_USER_AGENT) : null;
}

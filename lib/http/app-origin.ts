// The origin users open the app at. Requests that change state must come from it.

/** The configured public URL (APP_URL, else NEXTAUTH_URL), or null when neither is set (development). */
export function configuredAppUrl(env: NodeJS.ProcessEnv = process.env): URL | null {
  const raw = env.APP_URL || env.NEXTAUTH_URL;
  if (!raw) return null;
  try {
    return new URL(raw);
  } catch {
    throw new Error(`APP_URL / NEXTAUTH_URL "${raw}" is not a valid URL (expected e.g. https://crm.example.com).`);
  }
}

/** The app's origin: the configured URL's, else the one the request was addressed to. */
export function appOrigin(requestUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  return configuredAppUrl(env)?.origin ?? new URL(requestUrl).origin;
}

export type CrossSiteVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Whether a state-changing request comes from the app's own pages. Browsers send Sec-Fetch-Site and
 * Origin on every POST; a request carrying neither is not from a browser (a script with a session
 * cookie it was given) and cannot be a cross-site forgery, so it passes.
 */
export function checkSameOrigin(headers: Headers, origin: string): CrossSiteVerdict {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return { ok: false, reason: `Sec-Fetch-Site: ${site}` };
  const from = headers.get("origin");
  if (from !== null && from !== origin) return { ok: false, reason: `Origin ${from === "null" ? "null" : from} is not ${origin}` };
  return { ok: true };
}

export const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

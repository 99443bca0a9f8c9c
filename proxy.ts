import { NextResponse, type NextRequest } from "next/server";
import { appOrigin, checkSameOrigin, configuredAppUrl, UNSAFE_METHODS } from "@/lib/http/app-origin";
import { isMalformedPath } from "@/lib/http/paths";
import { contentSecurityPolicy, HSTS_VALUE, STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";

/**
 * In front of every page, route handler and server action:
 * - a path that does not decode (overlong UTF-8, lone surrogates, NUL) is a 404, not Next's 500;
 * - state-changing requests from another site are refused (403) before any work is done;
 * - X-Forwarded-Host is pinned to the configured host, so Next's server-action origin check cannot be
 *   steered by a client-sent header;
 * - every response carries the security headers, pages a fresh CSP nonce that Next applies to its scripts.
 */
export function proxy(request: NextRequest) {
  const configured = configuredAppUrl();
  const https = request.nextUrl.protocol === "https:" || configured?.protocol === "https:";
  if (isMalformedPath(request.nextUrl.pathname)) {
    return secure(new NextResponse("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } }), null, https);
  }

  if (UNSAFE_METHODS.has(request.method)) {
    const verdict = checkSameOrigin(request.headers, appOrigin(request.url));
    if (!verdict.ok) {
      return secure(NextResponse.json({ error: "Cross-site request refused." }, { status: 403 }), null, https);
    }
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  if (configured) headers.set("x-forwarded-host", configured.host);
  return secure(NextResponse.next({ request: { headers } }), csp, https);
}

function secure(response: NextResponse, csp: string | null, https: boolean): NextResponse {
  for (const { key, value } of STATIC_SECURITY_HEADERS) response.headers.set(key, value);
  response.headers.set("Content-Security-Policy", csp ?? "default-src 'none'; frame-ancestors 'none'");
  if (https) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return response;
}

export const config = {
  // Static build output carries the static headers from next.config.ts; everything else passes here.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};

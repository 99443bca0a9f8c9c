// Response headers that protect every page and endpoint. Used by proxy.ts (per request, with the
// CSP nonce) and next.config.ts (static files, which the proxy does not see).

export const STATIC_SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  // Legacy twin of frame-ancestors 'none': no site may frame the app (call mode has one-key shortcuts).
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** Two years, subdomains included: sent only when the app is served over HTTPS. */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

/**
 * The Content-Security-Policy of a page: scripts only from this origin with the request's nonce
 * ('strict-dynamic' lets Next's nonce'd bootstrap load its chunks); no plugins, no framing, forms and
 * connections to this origin only. Inline styles are allowed: the UI libraries set element styles.
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean; https?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

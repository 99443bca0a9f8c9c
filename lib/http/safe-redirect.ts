// Where a sign-in may send the browser afterwards: only a path on this app.

const BASE = "http://pairwise.invalid";
// Control characters (tab, newline, NUL...) and backslashes: browsers strip or turn them into "/",
// which makes "/\evil.example" or "/\t/evil.example" a link to another host.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\]/;

/**
 * A same-origin relative path (path, query, hash) for `value`, or "/" when it is anything else:
 * absolute or protocol-relative URLs, backslashes, control characters, or something that resolves
 * to another origin.
 */
export function safeCallbackPath(value: unknown): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v !== "string" || v.length === 0 || v.length > 2048) return "/";
  if (UNSAFE.test(v) || !v.startsWith("/") || v.startsWith("//")) return "/";
  let url: URL;
  try {
    url = new URL(v, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The sign-in page itself is no destination.
  return path.startsWith("/login") ? "/" : path;
}

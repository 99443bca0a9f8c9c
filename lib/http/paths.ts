// Request paths that cannot name anything in this app. Next.js decodes the path itself to match dynamic
// routes (/accounts/[id]); a malformed escape (`%C0%AE` is an overlong UTF-8 ".", `%ED%A0%80` a UTF-16
// surrogate, `%E0%A4%A` is cut short, a bare `%`) makes that decode throw, and `next start` answers with
// a bare 500 before any of our code runs. Called first thing in proxy.ts, they get a 404 instead.

/**
 * True when `pathname` (still percent-encoded, as in `request.nextUrl.pathname`) does not decode to
 * valid UTF-8, or decodes to a NUL character (which no route, id or database text column accepts).
 */
export function isMalformedPath(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true;
  }
  return decoded.includes("\u0000");
}

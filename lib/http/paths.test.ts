import { describe, expect, it } from "vitest";
import { isMalformedPath } from "@/lib/http/paths";

describe("isMalformedPath", () => {
  it.each([
    "/",
    "/accounts",
    "/accounts/acc_0000123",
    "/queue/call",
    "/accounts/Z%C3%BCrich", // "Zürich", proper UTF-8
    "/accounts/%F0%9F%98%80", // an emoji: a proper 4-byte sequence
    "/accounts/a%20b",
    "/accounts/%25C0", // an escaped percent sign, literally "%C0"
    "/_next/static/chunks/app.js",
  ])("lets %s through", (p) => {
    expect(isMalformedPath(p)).toBe(false);
  });

  it.each([
    "/accounts/%C0%AE%C0%AE", // overlong encoding of "."
    "/accounts/%C0", // a lead byte without continuation
    "/accounts/%ED%A0%80", // a UTF-16 surrogate encoded as UTF-8
    "/accounts/%E0%A4%A", // a sequence cut short
    "/accounts/%FF",
    "/accounts/100%", // a bare percent sign
    "/accounts/%zz",
    "/api/opportunities/%C0%AE/outcomes",
    "/accounts/%00", // NUL
    "/accounts/acc%00_1",
  ])("flags %s", (p) => {
    expect(isMalformedPath(p)).toBe(true);
  });
});

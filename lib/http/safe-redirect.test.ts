import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/http/safe-redirect";

describe("safeCallbackPath", () => {
  it("keeps same-origin paths with query and hash", () => {
    expect(safeCallbackPath("/accounts")).toBe("/accounts");
    expect(safeCallbackPath("/queue?view=won&page=2#top")).toBe("/queue?view=won&page=2#top");
    expect(safeCallbackPath("/accounts/acc_0000001")).toBe("/accounts/acc_0000001");
  });

  it("refuses the probe's payloads (as the page receives them, already percent-decoded)", () => {
    expect(safeCallbackPath("/\\evil.example/phish")).toBe("/");
    expect(safeCallbackPath("/\t/evil.example")).toBe("/");
  });

  it("refuses absolute, protocol-relative and scheme URLs", () => {
    for (const v of ["https://evil.example/", "//evil.example", "///evil.example", "javascript:alert(1)", "evil.example", "http:/evil.example", " /accounts"]) {
      expect(safeCallbackPath(v), v).toBe("/");
    }
  });

  it("refuses control characters anywhere, including newline and NUL", () => {
    for (const v of ["/acc\nounts", "/\r\n//evil.example", "/\u0000", "/x\u007f", "/\u0085evil"]) expect(safeCallbackPath(v), JSON.stringify(v)).toBe("/");
  });

  it("keeps encoded characters encoded, on this origin", () => {
    expect(safeCallbackPath("/%5Cevil.example")).toBe("/%5Cevil.example");
    expect(safeCallbackPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });

  it("falls back for non-strings, empty, very long values and the login page itself", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath("")).toBe("/");
    expect(safeCallbackPath(["/queue", "/x"])).toBe("/queue");
    expect(safeCallbackPath(`/${"a".repeat(3000)}`)).toBe("/");
    expect(safeCallbackPath("/login?callbackUrl=/queue")).toBe("/");
  });
});

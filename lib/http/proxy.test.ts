import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { checkSameOrigin } from "@/lib/http/app-origin";
import { assertJsonContentType, readJsonObject } from "@/lib/api/json-body";

const saved = { APP_URL: process.env.APP_URL, NEXTAUTH_URL: process.env.NEXTAUTH_URL };
afterEach(() => {
  process.env.APP_URL = saved.APP_URL;
  process.env.NEXTAUTH_URL = saved.NEXTAUTH_URL;
});

function request(url: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new NextRequest(url, { method: init.method ?? "GET", headers: init.headers });
}

describe("proxy", () => {
  it("refuses a cross-site POST with 403, whatever X-Forwarded-Host claims", async () => {
    process.env.APP_URL = "https://crm.example.com";
    const res = proxy(request("https://crm.example.com/queue/call", { method: "POST", headers: { origin: "https://evil.example", "x-forwarded-host": "evil.example", "next-action": "abc" } }));
    expect(res.status).toBe(403);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const sfs = proxy(request("https://crm.example.com/api/x", { method: "POST", headers: { "sec-fetch-site": "cross-site" } }));
    expect(sfs.status).toBe(403);
  });

  it("lets same-origin and non-browser POSTs through and pins X-Forwarded-Host to the configured host", () => {
    process.env.APP_URL = "https://crm.example.com";
    const res = proxy(request("https://crm.example.com/queue", { method: "POST", headers: { origin: "https://crm.example.com", "sec-fetch-site": "same-origin", "x-forwarded-host": "evil.example" } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-request-x-forwarded-host")).toBe("crm.example.com");
    expect(proxy(request("https://crm.example.com/api/x", { method: "POST" })).status).toBe(200);
  });

  it("sends a nonce'd CSP (also to the render, so Next applies it), framing and sniffing protection, and HSTS over HTTPS only", () => {
    process.env.APP_URL = "https://crm.example.com";
    const res = proxy(request("https://crm.example.com/queue"));
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
    expect(res.headers.get("strict-transport-security")).toContain("max-age=63072000");
    const other = proxy(request("https://crm.example.com/queue"));
    expect(other.headers.get("content-security-policy")).not.toBe(csp);

    process.env.APP_URL = "http://localhost:3000";
    expect(proxy(request("http://localhost:3000/queue")).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("checkSameOrigin", () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it("accepts same-origin and header-less requests, refuses other sites", () => {
    expect(checkSameOrigin(h({ origin: "http://localhost:3000" }), "http://localhost:3000").ok).toBe(true);
    expect(checkSameOrigin(h({ "sec-fetch-site": "same-origin" }), "http://localhost:3000").ok).toBe(true);
    expect(checkSameOrigin(h({}), "http://localhost:3000").ok).toBe(true);
    expect(checkSameOrigin(h({ origin: "http://localhost:3001" }), "http://localhost:3000").ok).toBe(false);
    expect(checkSameOrigin(h({ origin: "null" }), "http://localhost:3000").ok).toBe(false);
    expect(checkSameOrigin(h({ "sec-fetch-site": "same-site" }), "http://localhost:3000").ok).toBe(false);
  });
});

describe("JSON bodies", () => {
  it("parses the media type exactly", () => {
    expect(() => assertJsonContentType("application/json")).not.toThrow();
    expect(() => assertJsonContentType("Application/JSON; charset=UTF-8")).not.toThrow();
    for (const bad of ["text/plain; charset=application/json", "text/plain", "application/jsonx", "application/json; charset=latin1", "", null, "multipart/form-data; boundary=application/json"]) {
      expect(() => assertJsonContentType(bad), String(bad)).toThrow(/application\/json/);
    }
  });

  it("refuses bodies over the limit without reading them in full, and bad UTF-8 or JSON", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
        if (pulled > 1000) controller.close();
      },
    });
    const big = new Request("http://x/api", { method: "POST", body: stream, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    await expect(readJsonObject(big)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(pulled).toBeLessThan(10);
    const declared = new Request("http://x/api", { method: "POST", body: "{}", headers: { "content-type": "application/json", "content-length": "10485760" } });
    await expect(readJsonObject(declared)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    const latin = new Request("http://x/api", { method: "POST", body: new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]), headers: { "content-type": "application/json" } });
    await expect(readJsonObject(latin)).rejects.toMatchObject({ code: "INVALID_INPUT", message: "body: is not valid UTF-8" });
    const arr = new Request("http://x/api", { method: "POST", body: "[1]", headers: { "content-type": "application/json" } });
    await expect(readJsonObject(arr)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const ok = new Request("http://x/api", { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json" } });
    expect(await readJsonObject(ok)).toEqual({ a: 1 });
  });
});

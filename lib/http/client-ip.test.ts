import { afterEach, describe, expect, it } from "vitest";
import { clientIp, userAgentOf } from "@/lib/http/client-ip";

const h = (init: Record<string, string>) => new Headers(init);

afterEach(() => {
  delete process.env.TRUSTED_PROXY_HOPS;
});

describe("clientIp", () => {
  it("takes the rightmost X-Forwarded-For entry: the one the nearest proxy (or Next.js) wrote", () => {
    expect(clientIp(h({ "x-forwarded-for": "198.51.100.9" }))).toBe("198.51.100.9");
    // The client's own claim on the left is ignored.
    expect(clientIp(h({ "x-forwarded-for": "1.1.1.1, 203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientIp(h({ "x-forwarded-for": " 1.1.1.1 ,  203.0.113.7 , " }))).toBe("203.0.113.7");
  });

  it("skips TRUSTED_PROXY_HOPS further entries from the right", () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    expect(clientIp(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }))).toBe("203.0.113.7");
    process.env.TRUSTED_PROXY_HOPS = "2";
    expect(clientIp(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }))).toBe("6.6.6.6");
    // Fewer entries than hops: the farthest one known.
    process.env.TRUSTED_PROXY_HOPS = "5";
    expect(clientIp(h({ "x-forwarded-for": "203.0.113.7, 10.0.0.2" }))).toBe("203.0.113.7");
    process.env.TRUSTED_PROXY_HOPS = "nonsense";
    expect(clientIp(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBe("203.0.113.7");
  });

  it("normalises ports, brackets and IPv4-mapped IPv6, and rejects what is not an address", () => {
    expect(clientIp(h({ "x-forwarded-for": "203.0.113.7:51234" }))).toBe("203.0.113.7");
    expect(clientIp(h({ "x-forwarded-for": "[2001:DB8::1]:443" }))).toBe("2001:db8::1");
    expect(clientIp(h({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
    expect(clientIp(h({ "x-forwarded-for": "2001:db8::2" }))).toBe("2001:db8::2");
    expect(clientIp(h({ "x-forwarded-for": "1.1.1.1, <script>" }))).toBeNull();
    expect(clientIp(h({}))).toBeNull();
  });
});

describe("userAgentOf", () => {
  it("cuts the user agent to 300 characters", () => {
    expect(userAgentOf(h({ "user-agent": "Mozilla/5.0 (X11)" }))).toBe("Mozilla/5.0 (X11)");
    expect(userAgentOf(h({ "user-agent": "x".repeat(1000) }))).toHaveLength(300);
    expect(userAgentOf(h({}))).toBeNull();
  });
});

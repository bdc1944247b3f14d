import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/security/client-address.ts";
import { sanitizeForwardedHeaders } from "@/lib/security/forwarded-headers.ts";

describe("sanitizeForwardedHeaders", () => {
  it("without a trusted proxy, a client cannot choose its address or host", () => {
    const headers = {
      "x-forwarded-for": "1.2.3.4",
      "x-forwarded-host": "evil.example",
      "x-real-ip": "5.6.7.8",
      forwarded: "for=9.9.9.9",
      host: "register.example.org",
    };
    sanitizeForwardedHeaders(headers, "203.0.113.7", false);
    expect(headers).toEqual({ "x-forwarded-for": "203.0.113.7", host: "register.example.org" });
    expect(clientAddress(new Headers(headers as Record<string, string>), false)).toBe("203.0.113.7");
  });

  it("behind a trusted proxy, the proxy's headers stand and the last X-Forwarded-For entry is the client", () => {
    const headers = { "x-forwarded-for": "1.2.3.4, 198.51.100.20", "x-forwarded-host": "register.example.org" };
    sanitizeForwardedHeaders(headers, "10.0.0.2", true);
    expect(headers["x-forwarded-for"]).toBe("1.2.3.4, 198.51.100.20");
    expect(clientAddress(new Headers(headers), true)).toBe("198.51.100.20");
  });
});

// Which requests pass through proxy.ts (CSP nonce, same-origin check, rate limits), judged by
// Next's own matcher code: everything but static files and the one upload route, which checks
// the origin itself and streams its body.
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy.ts";

const TOKEN = "A".repeat(43);
const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe("proxy.ts matcher", () => {
  it("leaves out static files and exactly the input-document upload route", () => {
    expect(matches("/_next/static/chunks/app.js")).toBe(false);
    expect(matches("/favicon.ico")).toBe(false);
    expect(matches(`/manage/${TOKEN}/documents/upload`)).toBe(false);
  });

  it("sees every other page and route, including paths that only begin like the upload route", () => {
    for (const url of [
      "/",
      "/meetings/practice/register",
      `/manage/${TOKEN}`,
      `/manage/${TOKEN}/documents`,
      `/manage/${TOKEN}/documents/uploaded/file`,
      `/manage/${TOKEN}/documents/upload/file`,
      `/manage/${TOKEN}/documents/upload-2/file`,
      "/admin/meetings/1/documents/upload",
    ]) {
      expect(matches(url), url).toBe(true);
    }
  });
});

// Abuse controls at the HTTP level: headers, cross-site posts, rate limits, the honeypot, body
// limits. Each asserts what was stored (nothing), not only the status code.
import { expect, hiddenFormFields, multipart, registrationFields, sql, test, uniqueEmail } from "./support.ts";

const PAGES = ["/", "/meetings/fg-qit4n-10", "/meetings/practice/register", "/privacy", "/sign-in"];

test.describe("security headers", () => {
  for (const path of PAGES) {
    test(`${path} sends the security headers`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status()).toBe(200);
      const headers = response.headers();
      const csp = headers["content-security-policy"] ?? "";
      const scriptSource = /script-src ([^;]+)/.exec(csp)?.[1] ?? "";
      expect(scriptSource).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
      expect(scriptSource).not.toContain("unsafe-inline");
      expect(scriptSource).not.toContain("unsafe-eval");
      for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"])
        expect(csp).toContain(directive);
      expect(headers["strict-transport-security"]).toMatch(/max-age=\d{8,}; includeSubDomains/);
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["referrer-policy"]).toBeTruthy();
      expect(headers["x-powered-by"]).toBeUndefined();
      // Every script on the page carries this response's nonce.
      const nonce = /'nonce-([^']+)'/.exec(scriptSource)?.[1];
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1] ?? "");
      expect(scripts.length).toBeGreaterThan(0);
      for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
    });
  }

  test("the nonce changes with every response", async ({ request }) => {
    const first = (await request.get("/")).headers()["content-security-policy"];
    const second = (await request.get("/")).headers()["content-security-policy"];
    expect(first).not.toBe(second);
  });

  test("/.git/, /.env and path tricks are not served", async ({ request }) => {
    for (const path of ["/.git/config", "/.env", "/_next/../package.json", "/.data/auth-secret"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
    }
  });
});

test.describe("cross-site and malformed posts change nothing", () => {
  async function formFields(request: import("@playwright/test").APIRequestContext) {
    const html = await (await request.get("/meetings/practice/register")).text();
    return hiddenFormFields(html);
  }

  for (const [label, headers] of [
    ["from another site", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }],
    ["with Origin: null from a sandboxed frame", { origin: "null", "sec-fetch-site": "cross-site" }],
    ["without Origin, Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["without Origin or Fetch Metadata (a script)", {}],
  ] as const) {
    test(`a registration posted ${label} is refused and stores nothing`, async ({ request }) => {
      const email = uniqueEmail("csrf");
      const response = await request.post("/meetings/practice/register", {
        headers: headers as Record<string, string>,
        multipart: multipart([...(await formFields(request)), ...registrationFields(email)]),
        maxRedirects: 0,
      });
      expect(response.status()).toBe(403);
      expect(await sql(`SELECT 1 FROM "Registration" WHERE email = $1`, [email])).toHaveLength(0);
    });
  }

  test("the same post from our own page is accepted (the control case)", async ({ request, baseURL }) => {
    const email = uniqueEmail("same-origin");
    const response = await request.post("/meetings/practice/register", {
      headers: { origin: baseURL ?? "", "sec-fetch-site": "same-origin" },
      multipart: multipart([...(await formFields(request)), ...registrationFields(email)]),
      maxRedirects: 0,
    });
    expect(response.status()).toBeLessThan(400);
    expect(await sql(`SELECT 1 FROM "Registration" WHERE email = $1`, [email])).toHaveLength(1);
  });

  test("a body over 64 kB is refused before it is read", async ({ request, baseURL }) => {
    const email = uniqueEmail("huge");
    const response = await request.post("/meetings/practice/register", {
      headers: { origin: baseURL ?? "", "sec-fetch-site": "same-origin" },
      multipart: multipart([...(await formFields(request)), ...registrationFields(email), ["organization", "x".repeat(1_200_000)]]),
      maxRedirects: 0,
    });
    expect(response.status()).toBe(413);
    expect(await sql(`SELECT 1 FROM "Registration" WHERE email = $1`, [email])).toHaveLength(0);
  });

  test("10,000 extra fields are refused and store nothing", async ({ request, baseURL }) => {
    const email = uniqueEmail("fields");
    const extra: Array<[string, string]> = Array.from({ length: 10_000 }, (_, index) => [`field${index}`, "x"]);
    const response = await request.post("/meetings/practice/register", {
      headers: { origin: baseURL ?? "", "sec-fetch-site": "same-origin" },
      multipart: multipart([...(await formFields(request)), ...registrationFields(email), ...extra]),
      maxRedirects: 0,
    });
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect(await sql(`SELECT 1 FROM "Registration" WHERE email = $1`, [email])).toHaveLength(0);
  });
});

test.describe("rate limits", () => {
  test("registration posts from one address beyond the limit get a clear 429 page", async ({ request, baseURL }) => {
    const fields = hiddenFormFields(await (await request.get("/meetings/practice/register")).text());
    const statuses: number[] = [];
    let lastBody = "";
    for (let attempt = 0; attempt < 22; attempt++) {
      const response = await request.post("/meetings/practice/register", {
        headers: { origin: baseURL ?? "", "sec-fetch-site": "same-origin" },
        // Invalid on purpose (no email): the limit counts attempts, and nothing is stored either way.
        multipart: multipart([...fields, ["givenName", "Bot"]]),
        maxRedirects: 0,
      });
      statuses.push(response.status());
      if (response.status() === 429) lastBody = await response.text();
    }
    expect(statuses.slice(0, 20)).not.toContain(429);
    expect(statuses.slice(20)).toEqual([429, 429]);
    expect(lastBody).toContain("Too many requests");
  });

  test("manage-link lookups are limited per address", async ({ request }) => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 62; attempt++) statuses.push((await request.get(`/manage/${"B".repeat(42)}${attempt % 10}`)).status());
    expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(60)).toEqual([429, 429]);
  });
});

test.describe("sign-in requests", () => {
  test("beyond 10 an hour from one address get the 429 page", async ({ request, baseURL }) => {
    const fields = hiddenFormFields(await (await request.get("/sign-in")).text());
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await request.post("/sign-in", {
        headers: { origin: baseURL ?? "", "sec-fetch-site": "same-origin" },
        multipart: multipart([...fields, ["email", `nobody${attempt}@example.org`]]),
        maxRedirects: 0,
      });
      statuses.push(response.status());
    }
    expect(statuses.slice(0, 10).every((status) => status !== 429)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

test("health and readiness", async ({ request }) => {
  expect(await (await request.get("/healthz")).json()).toEqual({ status: "ok" });
  expect(await (await request.get("/readyz")).json()).toEqual({ status: "ready" });
});

test("the honeypot: a filled hidden field looks like success and stores nothing", async ({ page }) => {
  const email = uniqueEmail("bot");
  await page.goto("/meetings/practice/register");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Given name").fill("Robo");
  await page.getByLabel("Family name").fill("Tron");
  await page.getByLabel("ITU Academia", { exact: true }).check();
  await page.getByLabel(/^Organization/).fill("Bots Inc");
  await page.getByLabel("Country", { exact: true }).selectOption("CH");
  await page.getByLabel(/I have read the privacy notice/).check();
  await page.locator("#website").fill("https://spam.example", { force: true });
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  expect(await sql(`SELECT 1 FROM "Registration" WHERE email = $1`, [email])).toHaveLength(0);
  expect(await sql(`SELECT 1 FROM "OutboxEmail" WHERE "toAddress" = $1`, [email])).toHaveLength(0);
});

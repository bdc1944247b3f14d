// Phase 6b, valid HTML (issue 15, target 2): the pages of tests/helpers/valid-html.ts (every public
// page, the error states and the manage page, in English and Arabic) fetched over HTTP as a
// browser without JavaScript gets them, and checked by the Nu HTML Checker. The manage link is read
// from the confirmation email the registration queued (the outbox row's text, as the SMTP sink
// would receive it).
import { setTimeout as sleep } from "node:timers/promises";
import type { Database } from "@/lib/db/client.ts";
import { checkHtml, collectPagesToCheck, manageLinkIn, type PageClient } from "@/tests/helpers/valid-html.ts";

export type ValidHtmlResult = { documents: number; errors: string[] } | { error: string };

/** A browser's cookie jar, just enough for one origin: the language and the "check your email" cookie. */
function fetchClient(baseUrl: string): PageClient {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired) cookies.delete(name);
      else cookies.set(name, pair.slice(at + 1).trim());
    }
  };
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const get = async (pathAndQuery: string) => {
    const response = await fetch(new URL(pathAndQuery, baseUrl), { headers: { accept: "text/html", cookie: cookieHeader() } });
    keep(response);
    return { status: response.status, url: response.url, html: await response.text() };
  };
  return {
    get,
    post: async (pathAndQuery, fields) => {
      const body = new FormData();
      for (const [name, value] of fields) body.append(name, value);
      const response = await fetch(new URL(pathAndQuery, baseUrl), {
        method: "POST",
        body,
        redirect: "manual",
        headers: { origin: baseUrl, "sec-fetch-site": "same-origin", accept: "text/html", cookie: cookieHeader() },
      });
      keep(response);
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) return get(location);
      return { status: response.status, url: response.url, html: await response.text() };
    },
  };
}

export async function measureValidHtml(baseUrl: string, db: Database): Promise<ValidHtmlResult> {
  try {
    const documents = await collectPagesToCheck(fetchClient(baseUrl), {
      email: `vnu-${Date.now().toString(36)}@example.org`,
      manageLinkFor: async (email) => {
        for (let attempt = 0; attempt < 50; attempt += 1) {
          const queued = await db.outboxEmail.findFirst({ where: { toAddress: email, kind: "registration-confirmed" } });
          const link = queued ? manageLinkIn(queued.textBody) : null;
          if (link) return link;
          await sleep(200);
        }
        throw new Error(`no confirmation email with a manage link for ${email}`);
      },
    });
    return { documents: documents.size, errors: await checkHtml(documents) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

// Valid HTML (issue 15, target 2): the pages the Nu HTML Checker must pass and the checker itself
// (vnu.jar from the vnu-jar package, on the machine's Java). Every public page, the error states
// (a form posted without JavaScript and answered with its errors, a page that does not exist, a
// damaged manage link) and the manage page, in a left-to-right and a right-to-left language. The
// HTML is the server's answer itself, as a browser without JavaScript gets it. The browser test
// (tests/e2e/valid-html.spec.ts) and the bench (bench/phases/pages.ts) both use this one list.
import { execFile } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { hiddenFormFields, registrationFields } from "./form-posts.ts";

const VNU_JAR = path.join(path.dirname(createRequire(import.meta.url).resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");

/** How the pages are fetched: Playwright's request context in the browser test, fetch in the bench. */
export type PageClient = {
  get(pathAndQuery: string): Promise<{ status: number; html: string }>;
  /**
   * POST `fields` as multipart/form-data with the headers a browser sends from the same origin,
   * and follow a redirect the way a browser does (keeping the cookies it set).
   */
  post(pathAndQuery: string, fields: Array<[string, string]>): Promise<{ status: number; url: string; html: string }>;
};

/**
 * Register `email` for the practice meeting, find its manage link with `manageLinkFor` (from the
 * confirmation email), then fetch every page to check. Returns name → HTML; throws when a page
 * answers other than a browser would expect.
 */
export async function collectPagesToCheck(
  client: PageClient,
  options: { email: string; manageLinkFor: (email: string) => Promise<string> },
): Promise<Map<string, string>> {
  const documents = new Map<string, string>();
  const get = async (name: string, url: string, status = 200) => {
    const answer = await client.get(url);
    if (answer.status !== status) throw new Error(`${name}: GET ${url} answered ${answer.status}, not ${status}`);
    documents.set(name, answer.html);
  };
  const postWithErrors = async (name: string, url: string, fields: Array<[string, string]>) => {
    const form = await client.get(url);
    const answer = await client.post(url, [...hiddenFormFields(form.html), ...fields]);
    if (answer.status !== 200) throw new Error(`${name}: POST ${url} answered ${answer.status}, not 200`);
    if (!answer.html.includes("error-summary")) throw new Error(`${name}: POST ${url} did not show its errors`);
    documents.set(name, answer.html);
  };

  // A registration, for its manage page.
  const form = await client.get("/meetings/practice/register");
  const registered = await client.post("/meetings/practice/register", [
    ...hiddenFormFields(form.html),
    ...registrationFields(options.email),
  ]);
  if (!registered.url.includes("/meetings/practice/register/sent")) {
    throw new Error(`registration: ended at ${registered.url} (${registered.status}), not the "check your email" page`);
  }
  documents.set("registration sent", registered.html);
  const managePath = new URL(await options.manageLinkFor(options.email)).pathname;

  for (const lang of ["en", "ar"]) {
    const q = `?lang=${lang}`;
    await get(`home ${lang}`, `/${q}`);
    await get(`meeting ${lang}`, `/meetings/fg-qit4n-10${q}`);
    await get(`practice meeting ${lang}`, `/meetings/practice${q}`);
    await get(`registration form ${lang}`, `/meetings/practice/register${q}`);
    await get(`closed registration ${lang}`, `/meetings/fg-qit4n-10/register${q}`);
    await get(`privacy ${lang}`, `/privacy${q}`);
    await get(`sign-in ${lang}`, `/sign-in${q}`);
    await get(`sign-in check-email ${lang}`, `/sign-in/check-email${q}`);
    await get(`manage ${lang}`, `${managePath}${q}`);
    await get(`not found ${lang}`, `/meetings/no-such-meeting${q}`, 404);
    await get(`damaged manage link ${lang}`, `/manage/${"A".repeat(43)}${q}`);
    // The language is remembered from the visit above; the posts answer in it.
    await postWithErrors(`registration form with errors ${lang}`, "/meetings/practice/register", [["email", "not an address"]]);
    await postWithErrors(`sign-in with errors ${lang}`, "/sign-in", [["email", "not an address"]]);
  }
  return documents;
}

/** The manage link in a confirmation email's text. */
export function manageLinkIn(text: string): string | null {
  return /https?:\/\/\S+\/manage\/[A-Za-z0-9_-]{43}/.exec(text)?.[0] ?? null;
}

type VnuMessage = { type: string; subType?: string; url: string; message: string; extract?: string; lastLine?: number };

/** Every error vnu reports for the given documents (name → HTML), as "name: message «extract»". */
export async function checkHtml(documents: Map<string, string>): Promise<string[]> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "quorum-vnu-"));
  try {
    const files = [...documents].map(([name, html], index) => {
      const file = path.join(directory, `${index}.html`);
      fs.writeFileSync(file, html);
      return { name, file };
    });
    // vnu exits 1 when it found errors; its JSON report is on stderr either way.
    const result = await promisify(execFile)(
      process.env.JAVA ?? "java",
      ["-jar", VNU_JAR, "--format", "json", "--exit-zero-always", ...files.map(({ file }) => file)],
      { maxBuffer: 32 * 1024 * 1024 },
    );
    const report = JSON.parse(result.stderr || result.stdout) as { messages: VnuMessage[] };
    const nameOf = (url: string) => files.find(({ file }) => url.endsWith(file))?.name ?? url;
    return report.messages
      .filter((message) => message.type === "error" || message.type === "non-document-error")
      .map((message) => `${nameOf(message.url)}: ${message.message} «${message.extract ?? ""}»`);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

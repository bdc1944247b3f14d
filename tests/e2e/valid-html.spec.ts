// Valid HTML (issue 15): the Nu HTML Checker (vnu.jar from the vnu-jar package, on the Java the
// machine has) finds no error in the HTML the server sends for every public page, the error
// states (a form posted without JavaScript and answered with its errors, a page that does not
// exist, a damaged manage link) and the manage page, in a left-to-right and a right-to-left
// language. The HTML is the server's answer itself, as a browser without JavaScript gets it.
import { execFile } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { e2eEnvironment, expect, hiddenFormFields, multipart, registrationFields, test, uniqueEmail, waitForMail } from "./support.ts";

const VNU_JAR = path.join(path.dirname(createRequire(import.meta.url).resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");

type VnuMessage = { type: string; subType?: string; url: string; message: string; extract?: string; lastLine?: number };

/** Every error vnu reports for the given documents (name → HTML), as "name: message «extract»". */
async function validate(documents: Map<string, string>): Promise<string[]> {
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

test("the Nu HTML Checker finds no error on the public pages, their error states and the manage page", async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const documents = new Map<string, string>();
  const get = async (name: string, url: string, status = 200) => {
    const response = await request.get(url, { headers: { accept: "text/html" } });
    expect(response.status(), url).toBe(status);
    documents.set(name, await response.text());
  };
  const post = async (name: string, url: string, fields: Array<[string, string]>) => {
    const form = await (await request.get(url)).text();
    const response = await request.post(url, {
      headers: { origin: baseURL ?? "", "sec-fetch-site": "same-origin", accept: "text/html" },
      multipart: multipart([...hiddenFormFields(form), ...fields]),
    });
    expect(response.status(), url).toBe(200);
    const html = await response.text();
    expect(html, `${name} shows its errors`).toContain("error-summary");
    documents.set(name, html);
  };

  // A registration, for its manage page.
  const email = uniqueEmail("vnu");
  const form = await (await request.get("/meetings/practice/register")).text();
  const registered = await request.post("/meetings/practice/register", {
    headers: { origin: baseURL ?? "", "sec-fetch-site": "same-origin", accept: "text/html" },
    multipart: multipart([...hiddenFormFields(form), ...registrationFields(email)]),
  });
  expect(registered.url()).toContain("/meetings/practice/register/sent");
  documents.set("registration sent", await registered.text());
  const mail = await waitForMail(email, /^Registration confirmed/);
  const manageUrl = /https?:\/\/\S+\/manage\/[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0] ?? "";
  expect(manageUrl.startsWith(`${e2eEnvironment().appUrl}/manage/`)).toBe(true);
  const managePath = new URL(manageUrl).pathname;

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
    await post(`registration form with errors ${lang}`, "/meetings/practice/register", [["email", "not an address"]]);
    await post(`sign-in with errors ${lang}`, "/sign-in", [["email", "not an address"]]);
  }

  expect(await validate(documents)).toEqual([]);
});

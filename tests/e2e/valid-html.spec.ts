// Valid HTML (issue 15): the Nu HTML Checker finds no error in the HTML the server sends for every
// public page, the error states and the manage page, in a left-to-right and a right-to-left
// language (the list and the checker: tests/helpers/valid-html.ts, which the bench uses too).
import { checkHtml, collectPagesToCheck, manageLinkIn } from "../helpers/valid-html.ts";
import { e2eEnvironment, expect, multipart, test, uniqueEmail, waitForMail } from "./support.ts";

test("the Nu HTML Checker finds no error on the public pages, their error states and the manage page", async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  const headers = { origin: baseURL ?? "", "sec-fetch-site": "same-origin", accept: "text/html" };
  const documents = await collectPagesToCheck(
    {
      get: async (url) => {
        const response = await request.get(url, { headers: { accept: "text/html" } });
        return { status: response.status(), html: await response.text() };
      },
      post: async (url, fields) => {
        const response = await request.post(url, { headers, multipart: multipart(fields) });
        return { status: response.status(), url: response.url(), html: await response.text() };
      },
    },
    {
      email: uniqueEmail("vnu"),
      manageLinkFor: async (email) => {
        const manageUrl = manageLinkIn((await waitForMail(email, /^Registration confirmed/)).text) ?? "";
        expect(manageUrl.startsWith(`${e2eEnvironment().appUrl}/manage/`)).toBe(true);
        return manageUrl;
      },
    },
  );
  expect(documents.size).toBe(27);
  expect(await checkHtml(documents)).toEqual([]);
});

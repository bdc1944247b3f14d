// Registrant and sign-in emails, rendered with react-email: escaping, safe links, one-line
// subjects, a readable text part, the recipient's language and direction, connection instructions
// only where they belong, a preview with sample data for every template, and emails/ kept pure.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { oneLine } from "@/emails/one-line.ts";
import {
  alreadyRegisteredEmail,
  type ConnectionInstructions,
  connectionUpdatedEmail,
  meetingFullEmail,
  meetingReminderEmail,
  type RegistrantEmailProps,
  registrationApprovedEmail,
  registrationConfirmedEmail,
  registrationReceivedEmail,
  registrationRejectedEmail,
  registrationSentBackEmail,
  registrationWithdrawnEmail,
} from "@/emails/registrant-emails.tsx";
import { EMAIL_PREVIEWS, SAMPLE_CONNECTION, SAMPLE_MANAGE_URL, SAMPLE_MEETING, SAMPLE_REGISTRANT } from "@/emails/samples.ts";
import { signInLinkEmail } from "@/emails/sign-in-email.tsx";
import type { RenderedEmail, Translate } from "@/emails/types.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const t = getTranslator("en", "emails");
const arabic = getTranslator("ar", "emails");
const hrefsOf = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1] ?? "");

describe("oneLine", () => {
  it.each([
    ["CRLF", "Subject\r\nBcc: x@evil.example", "Subject Bcc: x@evil.example"],
    ["LF", "a\nb", "a b"],
    ["CR", "a\rb", "a b"],
    ["U+2028", "a\u2028b", "a b"],
    ["U+2029", "a\u2029b", "a b"],
    ["NEL (U+0085)", "a\u0085b", "a b"],
    ["NUL", "a\u0000b", "a b"],
    ["tabs and runs of spaces", "a\t\t  b", "a b"],
    ["surrounding whitespace", "  \r\n a b \n ", "a b"],
  ])("flattens %s", (_label, input, expected) => {
    expect(oneLine(input)).toBe(expected);
  });

  it("cuts to 250 characters by default and to maxLength when given", () => {
    expect(oneLine("x".repeat(1000))).toHaveLength(250);
    expect(oneLine("abcdef", 3)).toBe("abc");
  });

  it("never leaves half of a surrogate pair at the cut", () => {
    const cut = oneLine(`${"a".repeat(249)}\u{1F600}`);
    expect(cut).not.toMatch(LONE_SURROGATE);
  });
});

describe("registrant email templates", () => {
  const HOSTILE_GIVEN = '<a href="https://evil.example">Join here</a>';
  const HOSTILE_FAMILY = "O'Brien & <b>Co</b>";
  const MANAGE_URL = SAMPLE_MANAGE_URL;
  const meeting = SAMPLE_MEETING;
  const connection: ConnectionInstructions = SAMPLE_CONNECTION;
  const props: RegistrantEmailProps = {
    t,
    locale: "en",
    dir: "ltr",
    meeting,
    registrant: { ...SAMPLE_REGISTRANT, givenName: HOSTILE_GIVEN, familyName: HOSTILE_FAMILY, reference: "QIT-0042" },
    manageUrl: MANAGE_URL,
  };

  const templates: Array<[string, () => Promise<RenderedEmail>, boolean]> = [
    ["confirmed", () => registrationConfirmedEmail({ ...props, connection }), true],
    ["approved", () => registrationApprovedEmail({ ...props, connection }), true],
    ["connection updated", () => connectionUpdatedEmail({ ...props, connection }), true],
    ["reminder", () => meetingReminderEmail({ ...props, connection, startsAt: "15 November 2021, 14:00 CET" }), true],
    ["received", () => registrationReceivedEmail(props), false],
    ["rejected", () => registrationRejectedEmail({ ...props, reason: "The meeting is full." }), false],
    ["withdrawn", () => registrationWithdrawnEmail(props), false],
    ["already registered", () => alreadyRegisteredEmail(props), false],
    ["sent back for approval", () => registrationSentBackEmail(props), false],
  ];

  it.each(templates)("%s: returns a one-line subject naming the meeting, a text part and an HTML document", async (_name, render) => {
    const email = await render();
    expect(email.subject).toContain("FG-QIT4N-4");
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject.length).toBeLessThanOrEqual(250);
    expect(email.text).toContain("Your reference number: QIT-0042");
    expect(email.html).toMatch(/^<!DOCTYPE html/i);
    expect(email.html).toContain('<html dir="ltr" lang="en">');
    expect(email.html).toContain("QIT-0042");
  });

  it.each(templates)("%s: a registrant name with HTML is escaped in the HTML part and verbatim in the text part", async (_name, render) => {
    const email = await render();
    // The name is isolated from the sentence's direction (FSI … PDI), see isolated().
    expect(email.text).toContain(`Dear \u2068${HOSTILE_GIVEN} ${HOSTILE_FAMILY}\u2069,`);
    expect(email.html).toContain(
      "Dear \u2068&lt;a href=&quot;https://evil.example&quot;&gt;Join here&lt;/a&gt; O&#x27;Brien &amp; &lt;b&gt;Co&lt;/b&gt;\u2069,",
    );
    expect(email.html).not.toContain(HOSTILE_GIVEN);
    expect(email.html).not.toContain("<b>Co</b>");
    expect(email.html).not.toContain('href="https://evil.example"');
  });

  it.each(templates)("%s: every link in the HTML comes from the meeting, the connection or the manage URL", async (_name, render) => {
    const hrefs = hrefsOf((await render()).html);
    const allowed = [MANAGE_URL, meeting.homePageUrl, connection.joinUrl];
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.filter((href) => !allowed.includes(href))).toEqual([]);
  });

  it.each(templates)("%s: the text part keeps every link of the HTML part as its full URL", async (_name, render) => {
    const email = await render();
    for (const href of hrefsOf(email.html)) expect(email.text).toContain(href);
  });

  it.each(templates)(
    "%s: connection instructions appear only in confirmed, approved, connection-updated and reminder emails",
    async (_name, render, withConnection) => {
      const email = await render();
      for (const secret of [connection.joinUrl ?? "", connection.passcode ?? "", connection.meetingId ?? "", "+41 22 000 00 00"]) {
        expect(email.text.includes(secret)).toBe(withConnection);
        expect(email.html.includes(secret)).toBe(withConnection);
      }
      expect(email.text.includes("How to connect")).toBe(withConnection);
    },
  );

  it.each([
    ["confirmed", true, () => registrationConfirmedEmail({ ...props, connection })],
    ["approved", true, () => registrationApprovedEmail({ ...props, connection })],
    ["received", true, () => registrationReceivedEmail(props)],
    ["already registered", true, () => alreadyRegisteredEmail(props)],
    ["sent back for approval", true, () => registrationSentBackEmail(props)],
    // Sent in bulk: it carries no new manage link, so the registrant's existing link stays valid.
    ["connection updated", false, () => connectionUpdatedEmail({ ...props, connection })],
    ["reminder", false, () => meetingReminderEmail({ ...props, connection, startsAt: "15 November 2021, 14:00 CET" })],
    ["rejected", false, () => registrationRejectedEmail({ ...props, reason: "Full." })],
    ["withdrawn", false, () => registrationWithdrawnEmail(props)],
  ] as const)("%s: includes the manage link = %s", async (_name, withManage, render) => {
    const email = await render();
    expect(email.text.includes(MANAGE_URL)).toBe(withManage);
    expect(email.html.includes(`href="${MANAGE_URL}"`)).toBe(withManage);
  });

  it("uses the English subjects from the catalogue", async () => {
    expect((await registrationConfirmedEmail({ ...props, connection })).subject).toBe("Registration confirmed: FG-QIT4N-4");
    expect((await registrationReceivedEmail(props)).subject).toBe("Registration received: FG-QIT4N-4");
    expect((await registrationWithdrawnEmail(props)).subject).toBe("Registration withdrawn: FG-QIT4N-4");
  });

  it("keeps the subject on one line when the meeting's short name contains CR/LF", async () => {
    const email = await registrationReceivedEmail({ ...props, meeting: { ...meeting, shortName: "FG\r\nBcc: victim@evil.example" } });
    expect(email.subject).toBe("Registration received: FG Bcc: victim@evil.example");
  });

  it("says the instructions are not published yet when the connection is empty", async () => {
    const empty: ConnectionInstructions = { joinUrl: null, meetingId: null, passcode: null, dialIn: null, notes: null };
    const email = await registrationConfirmedEmail({ ...props, connection: empty });
    expect(email.text).toContain("The organizers have not published the connection instructions yet.");
    expect(email.html).toContain("The organizers have not published the connection instructions yet.");
  });

  it("links a join URL with quotes and ampersands without letting it out of its attribute", async () => {
    const joinUrl = 'https://example.org/?a=1&b="x" onmouseover="alert(1)';
    const email = await registrationConfirmedEmail({ ...props, connection: { ...connection, joinUrl } });
    expect(email.html).toContain('href="https://example.org/?a=1&amp;b=&quot;x&quot; onmouseover=&quot;alert(1)"');
    expect(email.html).not.toContain('onmouseover="alert(1)"');
    expect(email.text).toContain(joinUrl);
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/",
    "mailto:a@example.org",
    "https:evil.example",
  ])("renders the join URL %j as text, never as a link", async (joinUrl) => {
    const email = await registrationConfirmedEmail({ ...props, connection: { ...connection, joinUrl } });
    expect(hrefsOf(email.html).filter((href) => href !== MANAGE_URL && href !== meeting.homePageUrl)).toEqual([]);
    expect(email.html).not.toContain("<script>");
    expect(email.text).toContain(joinUrl.split("\n")[0]);
  });

  it("renders a non-http home page as text, never as a link", async () => {
    const email = await registrationReceivedEmail({ ...props, meeting: { ...meeting, homePageUrl: "javascript:alert(1)" } });
    expect(email.html).not.toMatch(/href="javascript:/i);
    expect(email.html).toContain("javascript:alert(1)");
  });

  it("escapes HTML in organizer text (rejection reason, dial-in, notes) exactly once and keeps its line breaks", async () => {
    const rejected = await registrationRejectedEmail({ ...props, reason: "<i>Full</i>\nSorry & thanks &amp; more" });
    expect(rejected.html).toContain("&lt;i&gt;Full&lt;/i&gt;<br/>Sorry &amp; thanks &amp;amp; more");
    expect(rejected.text).toContain("Reason given\n<i>Full</i>\nSorry & thanks &amp; more");
    const confirmed = await registrationConfirmedEmail({
      ...props,
      connection: { ...connection, dialIn: "Dial <in>:\r\n+41 22 000\nPIN & #", notes: "<script>x</script>" },
    });
    expect(confirmed.html).toContain("Dial &lt;in&gt;:<br/>+41 22 000<br/>PIN &amp; #");
    expect(confirmed.html).toContain("&lt;script&gt;x&lt;/script&gt;");
    expect(confirmed.html).not.toContain("<script>");
  });

  it("escapes the title, facts and footer whatever the catalogue or the organizer put in them", async () => {
    const hostile: Translate = (key) => `<${key} & "co">`;
    const email = await registrationReceivedEmail({ ...props, t: hostile, meeting: { ...meeting, title: "<b>FG</b>", fee: "" } });
    expect(email.html).toContain("<title>&lt;received.heading &amp; &quot;co&quot;&gt;</title>");
    expect(email.html).toContain(">&lt;received.heading &amp; &quot;co&quot;&gt;</h1>");
    expect(email.html).toContain(">&lt;footer &amp; &quot;co&quot;&gt;</p>");
    expect(email.html).toContain(">&lt;b&gt;FG&lt;/b&gt;</span></td>");
    expect(email.html).not.toContain("<b>");
    // A fact with no value is left out, in both parts.
    expect(email.html).not.toContain("facts.fee");
    expect(email.text).not.toContain("facts.fee");
  });

  it("the text part reads on its own: headings as written, facts as label and value on one line, a -- line before the footer", async () => {
    const email = await registrationConfirmedEmail({ ...props, connection });
    expect(email.text.startsWith("Your registration is confirmed\n")).toBe(true);
    expect(email.text).toContain("\nHow to connect\n");
    expect(email.text).not.toContain("HOW TO CONNECT");
    expect(email.text).toMatch(/^Dates +15–22 November 2021$/m);
    expect(email.text).toMatch(/^Passcode +QiT-4n-pass$/m);
    expect(email.text).toContain(`Manage your registration ${MANAGE_URL}`);
    expect(email.text).not.toMatch(/<\/?(p|td|th|tr|table|h1|h2|div|br|strong)[\s/>]/);
    expect(email.text.split("\n--\n")[1]).toContain("You receive this email because this address was used to register");
  });

  it("sent back for approval: says why, and that the instructions wait for the new approval", async () => {
    const email = await registrationSentBackEmail(props);
    expect(email.subject).toBe("Your changes need approval: FG-QIT4N-4");
    expect(email.text).toContain("You changed your participant category, Member State or organization");
    expect(email.text).toContain("approve your registration again");
  });

  describe("meeting full (nobody was registered)", () => {
    const full = () => meetingFullEmail({ t, locale: "en", dir: "ltr", meeting });

    it("says the meeting is full and the address is not registered, naming the meeting and its contact", async () => {
      const email = await full();
      expect(email.subject).toBe("Not registered, the meeting is full: FG-QIT4N-4");
      expect(email.text).toContain("all places have been taken: you are not registered");
      expect(email.text).toContain("tsbfgqit4n@itu.int");
      expect(email.html).toMatch(/^<!DOCTYPE html/i);
      expect(email.html).toContain("you are not registered");
    });

    it("carries no name, reference, manage link or connection instructions: whoever typed the address typed the rest", async () => {
      const email = await full();
      expect(email.text).not.toContain("Dear");
      expect(email.text).not.toContain("reference number:");
      expect(email.text).not.toContain("/manage/");
      for (const secret of [connection.joinUrl ?? "", connection.passcode ?? ""]) {
        expect(email.text).not.toContain(secret);
        expect(email.html).not.toContain(secret);
      }
      expect(hrefsOf(email.html).filter((href) => href !== meeting.homePageUrl && href !== meeting.meetingUrl)).toEqual([]);
    });
  });

  it("does not interpret ICU syntax typed into a registrant's name", async () => {
    const email = await registrationReceivedEmail({
      ...props,
      registrant: { ...props.registrant, givenName: "{name}", familyName: "{count, plural, one {x} other {y}}" },
    });
    expect(email.text).toContain("Dear \u2068{name} {count, plural, one {x} other {y}}\u2069,");
  });
});

describe("language and direction", () => {
  const props: RegistrantEmailProps = {
    t,
    locale: "en",
    dir: "ltr",
    meeting: SAMPLE_MEETING,
    registrant: SAMPLE_REGISTRANT,
    manageUrl: SAMPLE_MANAGE_URL,
  };

  it("puts the locale's language and direction on <html>, so a right-to-left language is laid out mirrored", async () => {
    expect((await registrationReceivedEmail(props)).html).toContain('<html dir="ltr" lang="en">');
    expect((await registrationReceivedEmail({ ...props, locale: "ar", dir: "rtl" })).html).toContain('<html dir="rtl" lang="ar">');
  });

  it("keeps codes, numbers and URLs left to right inside a right-to-left email", async () => {
    const { html } = await registrationConfirmedEmail({ ...props, locale: "ar", dir: "rtl", connection: SAMPLE_CONNECTION });
    expect(html).toContain('<span dir="ltr">987 6543 2100</span>');
    expect(html).toContain('<span dir="ltr">QiT-4n-pass</span>');
    expect(html).toContain('<span dir="ltr">+41 22 000 00 00<br/>+1 212 000 0000</span>');
    expect(html).toMatch(/<a [^>]*dir="ltr"[^>]*>https:\/\/zoom\.example\/j\/98765432100<\/a>/);
    // Text typed in any language (the meeting's title, the organizers' notes) finds its own direction.
    expect(html).toContain(`<span dir="auto">${SAMPLE_MEETING.title}</span>`);
  });

  it("isolates a Latin title, name and address put into an Arabic sentence, so they keep their order and punctuation", async () => {
    const { html, text } = await registrationReceivedEmail({ ...props, t: arabic, locale: "ar", dir: "rtl" });
    expect(text).toContain(`\u2068${SAMPLE_MEETING.title}\u2069`);
    expect(text).toContain(`\u2068${SAMPLE_REGISTRANT.givenName} ${SAMPLE_REGISTRANT.familyName}\u2069`);
    expect(html).toContain(`\u2068${SAMPLE_MEETING.contactEmail}\u2069`);
  });

  it("spaces and aligns with logical CSS properties only, never left or right", async () => {
    for (const preview of EMAIL_PREVIEWS) {
      const { html } = await preview.render({ t, locale: "ar", dir: "rtl" });
      const styles = [...html.matchAll(/style="([^"]*)"/g)].map((match) => match[1] ?? "");
      expect(styles.length).toBeGreaterThan(0);
      expect(
        styles.filter((style) => /(^|;)\s*(padding|margin|border)-(left|right)\s*:/.test(style)),
        preview.id,
      ).toEqual([]);
      expect(
        styles.filter((style) => /text-align:\s*(left|right)/.test(style)),
        preview.id,
      ).toEqual([]);
    }
  });
});

describe("sign-in email", () => {
  const render = () =>
    signInLinkEmail({
      t,
      locale: "en",
      dir: "ltr",
      url: "https://register.example.org/sign-in/confirm?token=abc&email=organizer%40example.org",
      minutesValid: 10,
    });

  it("says in its footer why it came (a sign-in to the organizer console), not that the address registered for a meeting", async () => {
    const email = await render();
    const footer = "someone asked to sign in to Quorum's organizer console with this address. If it was not you, ignore it.";
    expect(email.text.split("\n--\n")[1]).toContain(footer);
    expect(email.html).toContain(footer.replace("'", "&#x27;"));
    for (const part of [email.text, email.html]) expect(part).not.toContain("register for the meeting");
  });

  it("links the sign-in URL in the HTML and shows it whole in the text", async () => {
    const email = await render();
    expect(hrefsOf(email.html)).toEqual(["https://register.example.org/sign-in/confirm?token=abc&amp;email=organizer%40example.org"]);
    expect(email.text).toContain("https://register.example.org/sign-in/confirm?token=abc&email=organizer%40example.org");
  });
});

describe("previews with sample data", () => {
  it("has one preview for every template, each with a unique id", () => {
    const ids = EMAIL_PREVIEWS.map((preview) => preview.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        "registration-confirmed",
        "registration-approved",
        "registration-received",
        "registration-rejected",
        "registration-withdrawn",
        "already-registered",
        "registration-sent-back",
        "connection-updated",
        "schedule-updated",
        "meeting-reminder",
        "meeting-full",
        "sign-in-link",
        "registration-awaiting-focal-point",
        "registration-focal-point-approved",
        "focal-point-request",
        "focal-point-list-link",
      ]),
    );
    expect(ids).toHaveLength(16);
  });

  it.each(EMAIL_PREVIEWS.map((preview) => [preview.id, preview] as const))("%s renders from its sample data", async (_id, preview) => {
    const email = await preview.render({ t, locale: "en", dir: "ltr" });
    expect(email.subject.length).toBeGreaterThan(0);
    expect(email.html).toMatch(/^<!DOCTYPE html/i);
    expect(email.text.length).toBeGreaterThan(100);
  });
});

describe("emails/ stays pure", () => {
  const files = (directory: string): string[] =>
    readdirSync(path.join(ROOT, directory), { recursive: true, encoding: "utf8" })
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => path.join(directory, file));
  const importsOf = (file: string) =>
    [...readFileSync(path.join(ROOT, file), "utf8").matchAll(/^\s*import\s+(type\s+)?[^;]*?\sfrom\s+["']([^"']+)["']/gm)].map((match) => ({
      typeOnly: Boolean(match[1]),
      from: match[2] ?? "",
    }));

  it("emails/ imports nothing from lib/ but types: templates get everything as props", () => {
    const offending = files("emails").flatMap((file) =>
      importsOf(file)
        .filter((entry) => /^(@\/|\.\.\/)lib\//.test(entry.from) && !entry.typeOnly)
        .map((entry) => `${file} → ${entry.from}`),
    );
    expect(files("emails").length).toBeGreaterThan(3);
    expect(offending).toEqual([]);
  });

  it("the hand-written HTML escaper and layout are gone: proxy.ts and the plain page import nothing from emails/", () => {
    expect(files("emails").filter((file) => /emails\/(html|layout)\.ts$/.test(file))).toEqual([]);
    for (const file of ["proxy.ts", "lib/security/plain-page.ts"]) {
      expect(
        importsOf(file).filter((entry) => /^(@\/|\.\.?\/)emails\//.test(entry.from)),
        file,
      ).toEqual([]);
    }
  });
});

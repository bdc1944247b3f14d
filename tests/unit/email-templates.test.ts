// Email building blocks and registrant templates: escaping, safe links, one-line subjects, and
// connection instructions only where they belong.
import { describe, expect, it } from "vitest";
import { escapeHtml, html, link, multiline, SafeHtml } from "@/emails/html.ts";
import { emailDocument, factRows, oneLine, type RenderedEmail } from "@/emails/layout.ts";
import {
  alreadyRegisteredEmail,
  type ConnectionInstructions,
  connectionUpdatedEmail,
  type MeetingFacts,
  type RegistrantEmailProps,
  registrationApprovedEmail,
  registrationConfirmedEmail,
  registrationReceivedEmail,
  registrationRejectedEmail,
  registrationWithdrawnEmail,
} from "@/emails/registrant-emails.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("escapeHtml", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ['"double"', "&quot;double&quot;"],
    ["'single'", "&#39;single&#39;"],
    ["Fish & Chips", "Fish &amp; Chips"],
    ["&amp; already", "&amp;amp; already"],
    ['"><img src=x onerror=alert(1)>', "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"],
    ["plain text", "plain text"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe("html tagged template", () => {
  it("escapes interpolated strings", () => {
    const name = `<script>alert("x")</script> & 'y'`;
    expect(html`<p>${name}</p>`.toString()).toBe("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</p>");
  });

  it("escapes inside attributes so a value cannot close the attribute", () => {
    const value = '" onmouseover="alert(1)';
    expect(html`<a title="${value}">x</a>`.toString()).toBe('<a title="&quot; onmouseover=&quot;alert(1)">x</a>');
  });

  it("does not escape nested SafeHtml twice", () => {
    const inner = html`<b>${"a & b"}</b>`;
    expect(html`<p>${inner}</p>`.toString()).toBe("<p><b>a &amp; b</b></p>");
    expect(html`${new SafeHtml("<br>")}`.toString()).toBe("<br>");
  });

  it("renders arrays, numbers and skips null, undefined and false", () => {
    expect(html`${["<a>", html`<i>ok</i>`, 3]}|${null}|${undefined}|${false}|${0}`.toString()).toBe("&lt;a&gt;<i>ok</i>3||||0");
  });
});

describe("multiline", () => {
  it("escapes the text and turns line breaks into <br>", () => {
    expect(multiline("Dial <in>:\r\n+41 22 000\nPIN & #").toString()).toBe("Dial &lt;in&gt;:<br>+41 22 000<br>PIN &amp; #");
  });
});

describe("link", () => {
  it.each([
    ["https://example.org/path", '<a href="https://example.org/path" style="color:#1d70b8">label</a>'],
    ["HTTP://example.org/", '<a href="HTTP://example.org/" style="color:#1d70b8">label</a>'],
    ['https://example.org/?a=1&b="x"', '<a href="https://example.org/?a=1&amp;b=&quot;x&quot;" style="color:#1d70b8">label</a>'],
  ])("links %s", (href, expected) => {
    expect(link(href, "label").toString()).toBe(expected);
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
    "",
  ])("refuses %j and renders only the (escaped) label", (href) => {
    const rendered = link(href, "<b>Join</b>").toString();
    expect(rendered).toBe("&lt;b&gt;Join&lt;/b&gt;");
    expect(rendered).not.toContain("<a");
    expect(rendered).not.toContain("href");
  });

  it("escapes the label of a safe link", () => {
    expect(link("https://example.org/", "<img src=x>").toString()).toContain(">&lt;img src=x&gt;</a>");
  });
});

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

describe("emailDocument and factRows", () => {
  it("escapes the title and footer and sets the language", () => {
    const document = emailDocument({ title: "<Title & co>", body: html`<p>${"body"}</p>`, footer: "<footer>", lang: "en" });
    expect(document.startsWith("<!doctype html>")).toBe(true);
    expect(document).toContain('<html lang="en">');
    expect(document).toContain("<title>&lt;Title &amp; co&gt;</title>");
    expect(document).toContain(">&lt;Title &amp; co&gt;</h1>");
    expect(document).toContain(">&lt;footer&gt;</p>");
    expect(document).toContain("<p>body</p>");
  });

  it("skips empty rows and escapes values in HTML but not in text", () => {
    const rows = factRows([
      ["Meeting", "<b>FG</b>"],
      ["Fee", null],
      ["Format", ""],
      ["Dates", undefined],
      ["Languages", "English & French"],
    ]);
    expect(rows.text).toBe("Meeting: <b>FG</b>\nLanguages: English & French");
    expect(rows.html.toString()).toContain('<td style="padding:4px 0">&lt;b&gt;FG&lt;/b&gt;</td>');
    expect(rows.html.toString()).toContain("English &amp; French");
    expect(rows.html.toString()).not.toContain("Fee");
  });
});

describe("registrant email templates", () => {
  const t = getTranslator("en", "emails");
  const HOSTILE_GIVEN = '<a href="https://evil.example">Join here</a>';
  const HOSTILE_FAMILY = "O'Brien & <b>Co</b>";
  const MANAGE_URL = "https://register.example.org/manage/tok_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  const meeting: MeetingFacts = {
    title: "Fourth meeting of the ITU-T Focus Group on Quantum Information Technology for Networks",
    shortName: "FG-QIT4N-4",
    dates: "15–22 November 2021",
    format: "Virtual",
    languages: "English",
    fee: "Free of charge",
    contactName: "TSB Secretariat",
    contactEmail: "tsbfgqit4n@itu.int",
    homePageUrl: "https://www.itu.int/en/ITU-T/focusgroups/qit4n/Pages/default.aspx",
    meetingUrl: "https://register.example.org/meetings/fg-qit4n-4",
  };
  const connection: ConnectionInstructions = {
    joinUrl: "https://zoom.example/j/98765432100",
    meetingId: "987 6543 2100",
    passcode: "QiT-4n-pass",
    dialIn: "+41 22 000 00 00\n+1 212 000 0000",
    notes: "Please rename yourself: Name (Organization)",
  };
  const props: RegistrantEmailProps = {
    t,
    locale: "en",
    meeting,
    registrant: { givenName: HOSTILE_GIVEN, familyName: HOSTILE_FAMILY, reference: "QIT-0042", email: "ada@example.org" },
    manageUrl: MANAGE_URL,
  };

  const templates: Array<[string, () => RenderedEmail, boolean]> = [
    ["confirmed", () => registrationConfirmedEmail({ ...props, connection }), true],
    ["approved", () => registrationApprovedEmail({ ...props, connection }), true],
    ["connection updated", () => connectionUpdatedEmail({ ...props, connection }), true],
    ["received", () => registrationReceivedEmail(props), false],
    ["rejected", () => registrationRejectedEmail({ ...props, reason: "The meeting is full." }), false],
    ["withdrawn", () => registrationWithdrawnEmail(props), false],
    ["already registered", () => alreadyRegisteredEmail(props), false],
  ];

  it.each(templates)("%s: returns a one-line subject naming the meeting, a text part and an HTML document", (_name, render) => {
    const email = render();
    expect(email.subject).toContain("FG-QIT4N-4");
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject.length).toBeLessThanOrEqual(250);
    expect(email.text).toContain("Your reference number: QIT-0042");
    expect(email.html.startsWith("<!doctype html>")).toBe(true);
    expect(email.html).toContain('<html lang="en">');
    expect(email.html).toContain("QIT-0042");
  });

  it.each(templates)("%s: a registrant name with HTML is escaped in the HTML part and verbatim in the text part", (_name, render) => {
    const email = render();
    expect(email.text).toContain(`Dear ${HOSTILE_GIVEN} ${HOSTILE_FAMILY},`);
    expect(email.html).toContain(
      "Dear &lt;a href=&quot;https://evil.example&quot;&gt;Join here&lt;/a&gt; O&#39;Brien &amp; &lt;b&gt;Co&lt;/b&gt;,",
    );
    expect(email.html).not.toContain(HOSTILE_GIVEN);
    expect(email.html).not.toContain("<b>Co</b>");
    expect(email.html).not.toContain('href="https://evil.example"');
  });

  it.each(templates)("%s: every link in the HTML comes from the meeting, the connection or the manage URL", (_name, render) => {
    const hrefs = [...render().html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    const allowed = [MANAGE_URL, meeting.homePageUrl, connection.joinUrl];
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.filter((href) => !allowed.includes(href ?? ""))).toEqual([]);
  });

  it.each(templates)(
    "%s: connection instructions appear only in confirmed, approved and connection-updated emails",
    (_name, render, withConnection) => {
      const email = render();
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
    // Sent in bulk: it carries no new manage link, so the registrant's existing link stays valid.
    ["connection updated", false, () => connectionUpdatedEmail({ ...props, connection })],
    ["rejected", false, () => registrationRejectedEmail({ ...props, reason: "Full." })],
    ["withdrawn", false, () => registrationWithdrawnEmail(props)],
  ] as const)("%s: includes the manage link = %s", (_name, withManage, render) => {
    const email = render();
    expect(email.text.includes(MANAGE_URL)).toBe(withManage);
    expect(email.html.includes(`href="${MANAGE_URL}"`)).toBe(withManage);
  });

  it("uses the English subjects from the catalogue", () => {
    expect(registrationConfirmedEmail({ ...props, connection }).subject).toBe("Registration confirmed: FG-QIT4N-4");
    expect(registrationReceivedEmail(props).subject).toBe("Registration received: FG-QIT4N-4");
    expect(registrationWithdrawnEmail(props).subject).toBe("Registration withdrawn: FG-QIT4N-4");
  });

  it("keeps the subject on one line when the meeting's short name contains CR/LF", () => {
    const email = registrationReceivedEmail({ ...props, meeting: { ...meeting, shortName: "FG\r\nBcc: victim@evil.example" } });
    expect(email.subject).toBe("Registration received: FG Bcc: victim@evil.example");
  });

  it("says the instructions are not published yet when the connection is empty", () => {
    const empty: ConnectionInstructions = { joinUrl: null, meetingId: null, passcode: null, dialIn: null, notes: null };
    const email = registrationConfirmedEmail({ ...props, connection: empty });
    expect(email.text).toContain("The organizers have not published the connection instructions yet.");
    expect(email.html).toContain("The organizers have not published the connection instructions yet.");
  });

  it("renders a javascript: join URL as text, never as a link", () => {
    const email = registrationConfirmedEmail({ ...props, connection: { ...connection, joinUrl: "javascript:alert(1)" } });
    expect(email.html).not.toMatch(/href="javascript:/i);
    expect(email.html).toContain("javascript:alert(1)");
  });

  it("renders a non-http home page as text, never as a link", () => {
    const email = registrationReceivedEmail({ ...props, meeting: { ...meeting, homePageUrl: "javascript:alert(1)" } });
    expect(email.html).not.toMatch(/href="javascript:/i);
  });

  it("escapes HTML in organizer text (rejection reason, dial-in, notes) and keeps its line breaks", () => {
    const rejected = registrationRejectedEmail({ ...props, reason: "<i>Full</i>\nSorry & thanks" });
    expect(rejected.html).toContain("&lt;i&gt;Full&lt;/i&gt;<br>Sorry &amp; thanks");
    expect(rejected.text).toContain("Reason given:\n<i>Full</i>\nSorry & thanks");
    const confirmed = registrationConfirmedEmail({ ...props, connection: { ...connection, notes: "<script>x</script>" } });
    expect(confirmed.html).toContain("&lt;script&gt;x&lt;/script&gt;");
    expect(confirmed.html).not.toContain("<script>");
  });

  it("does not interpret ICU syntax typed into a registrant's name", () => {
    const email = registrationReceivedEmail({
      ...props,
      registrant: { ...props.registrant, givenName: "{name}", familyName: "{count, plural, one {x} other {y}}" },
    });
    expect(email.text).toContain("Dear {name} {count, plural, one {x} other {y}},");
  });
});

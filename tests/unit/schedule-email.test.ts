// The schedule-updated email and the sessions in the emails that tell how to join: the new times,
// one a line, in the text and the HTML part; the personal join link and not the platform's
// passcode; in Arabic right to left. The emails without connection details list no sessions.
import { describe, expect, it } from "vitest";
import { registrationReceivedEmail, scheduleUpdatedEmail } from "@/emails/registrant-emails.tsx";
import { SAMPLE_MANAGE_URL, SAMPLE_MEETING_WITH_SESSIONS, SAMPLE_PERSONAL_CONNECTION, SAMPLE_REGISTRANT } from "@/emails/samples.ts";
import { getTranslator } from "@/lib/i18n/messages.ts";
import { formatSession } from "@/lib/i18n/format.ts";

const props = (locale: "en" | "ar") => ({
  t: getTranslator(locale, "emails"),
  locale,
  dir: locale === "ar" ? ("rtl" as const) : ("ltr" as const),
  meeting: SAMPLE_MEETING_WITH_SESSIONS,
  registrant: SAMPLE_REGISTRANT,
  manageUrl: SAMPLE_MANAGE_URL,
});

describe("the schedule-updated email", () => {
  it("lists every session one a line, gives the personal join link and no platform link or passcode", async () => {
    const email = await scheduleUpdatedEmail({ ...props("en"), connection: SAMPLE_PERSONAL_CONNECTION });
    expect(email.subject).toBe("New times: FG-QIT4N-4");
    const sessions = SAMPLE_MEETING_WITH_SESSIONS.sessions ?? [];
    expect(sessions).toHaveLength(6);
    expect(email.text).toContain(`Sessions\n\n${sessions.join("\n")}`);
    for (const session of sessions) expect(email.html).toContain(session);
    expect(email.text).toContain(SAMPLE_PERSONAL_CONNECTION.personalJoinUrl);
    expect(email.text).not.toMatch(/passcode|zoom\.example/i);
    // Bulk mail: no manage link, so the registrant's own link stays the valid one.
    expect(email.text).not.toContain(SAMPLE_MANAGE_URL);
  });

  it("in Arabic: right to left, with the sessions formatted in Arabic", async () => {
    const session = formatSession(new Date("2021-11-15T12:00:00Z"), new Date("2021-11-15T15:00:00Z"), "Europe/Zurich", "ar");
    const email = await scheduleUpdatedEmail({
      ...props("ar"),
      meeting: { ...SAMPLE_MEETING_WITH_SESSIONS, sessions: [session] },
      connection: SAMPLE_PERSONAL_CONNECTION,
    });
    expect(email.html).toContain('<html dir="rtl" lang="ar">');
    expect(email.text).toContain("الجلسات");
    expect(email.text).toContain(session);
  });

  it("an email without connection details lists no sessions", async () => {
    const email = await registrationReceivedEmail(props("en"));
    expect(email.text).not.toContain("Sessions");
    expect(email.text).not.toContain("13:00–16:00");
  });
});

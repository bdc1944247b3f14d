// Pure email templates for registrants: facts in, { subject, text, html } out. No data access,
// no clock. Registrant-typed values are escaped in HTML, and only ever appear as text: links come
// from APP_URL (manage link) or from organizer-entered meeting facts.
import { html, link, multiline, type SafeHtml } from "@/emails/html.ts";
import { emailDocument, factRows, oneLine, type RenderedEmail, type Translate } from "@/emails/layout.ts";

export type ConnectionInstructions = {
  joinUrl: string | null;
  meetingId: string | null;
  passcode: string | null;
  dialIn: string | null;
  notes: string | null;
};

export type MeetingFacts = {
  title: string;
  shortName: string;
  dates: string;
  format: string;
  languages: string;
  fee: string;
  contactName: string;
  contactEmail: string;
  homePageUrl: string | null;
  meetingUrl: string;
};

export type RegistrantFacts = { givenName: string; familyName: string; reference: string; email: string };

export type RegistrantEmailProps = {
  t: Translate;
  locale: string;
  meeting: MeetingFacts;
  registrant: RegistrantFacts;
  manageUrl: string;
};

function meetingFacts(t: Translate, meeting: MeetingFacts) {
  return factRows([
    [t("facts.meeting"), meeting.title],
    [t("facts.dates"), meeting.dates],
    [t("facts.format"), meeting.format],
    [t("facts.languages"), meeting.languages],
    [t("facts.fee"), meeting.fee],
  ]);
}

function connectionSection(t: Translate, connection: ConnectionInstructions | null): { html: SafeHtml; text: string } {
  const hasAny = connection && Object.values(connection).some(Boolean);
  if (!connection || !hasAny) {
    const note = t("connection.notYet");
    return {
      html: html`<h2 style="font-size:19px">${t("connection.heading")}</h2><p>${note}</p>`,
      text: `${t("connection.heading")}\n${note}`,
    };
  }
  const rows = factRows([
    [t("connection.meetingId"), connection.meetingId],
    [t("connection.passcode"), connection.passcode],
  ]);
  const htmlParts = html`<h2 style="font-size:19px">${t("connection.heading")}</h2>
${connection.joinUrl ? html`<p>${t("connection.joinLink")}: ${link(connection.joinUrl, connection.joinUrl)}</p>` : ""}
${rows.html}
${connection.dialIn ? html`<p><strong>${t("connection.dialIn")}</strong><br>${multiline(connection.dialIn)}</p>` : ""}
${connection.notes ? html`<p><strong>${t("connection.notes")}</strong><br>${multiline(connection.notes)}</p>` : ""}`;
  const textParts = [
    t("connection.heading"),
    connection.joinUrl ? `${t("connection.joinLink")}: ${connection.joinUrl}` : "",
    rows.text,
    connection.dialIn ? `${t("connection.dialIn")}:\n${connection.dialIn}` : "",
    connection.notes ? `${t("connection.notes")}:\n${connection.notes}` : "",
  ].filter(Boolean);
  return { html: htmlParts, text: textParts.join("\n") };
}

function compose(
  props: RegistrantEmailProps,
  options: {
    subjectKey: string;
    headingKey: string;
    introKey: string;
    introValues?: Record<string, string>;
    extra?: { html: SafeHtml; text: string };
    connection?: ConnectionInstructions | null;
    showManage?: boolean;
  },
): RenderedEmail {
  const { t, meeting, registrant } = props;
  const name = `${registrant.givenName} ${registrant.familyName}`;
  const subject = oneLine(t(options.subjectKey, { meeting: meeting.shortName }));
  const heading = t(options.headingKey);
  const greeting = t("greeting", { name });
  const intro = t(options.introKey, { meeting: meeting.title, ...options.introValues });
  const facts = meetingFacts(t, meeting);
  const connection = options.connection !== undefined ? connectionSection(t, options.connection) : null;
  const reference = t("reference", { reference: registrant.reference });
  const showManage = options.showManage ?? true;
  const manageText = t("manage.text");
  const contact = t("contact", { name: meeting.contactName, email: meeting.contactEmail });
  const footer = t("footer");

  const htmlBody = html`<p>${greeting}</p>
<p>${intro}</p>
<p><strong>${reference}</strong></p>
${options.extra?.html ?? ""}
${facts.html}
${connection?.html ?? ""}
${showManage ? html`<h2 style="font-size:19px">${t("manage.heading")}</h2><p>${manageText}</p><p>${link(props.manageUrl, t("manage.link"))}</p>` : ""}
<p>${contact}</p>
${meeting.homePageUrl ? html`<p>${t("homePage")}: ${link(meeting.homePageUrl, meeting.homePageUrl)}</p>` : ""}`;

  const text = [
    greeting,
    intro,
    reference,
    options.extra?.text ?? "",
    facts.text,
    connection?.text ?? "",
    showManage ? `${t("manage.heading")}\n${manageText}\n${props.manageUrl}` : "",
    contact,
    meeting.homePageUrl ? `${t("homePage")}: ${meeting.homePageUrl}` : "",
    "--",
    footer,
  ]
    .filter(Boolean)
    .join("\n\n");

  return { subject, text, html: emailDocument({ title: heading, body: htmlBody, footer, lang: props.locale }) };
}

/** Confirmed at once (automatic mode): with the connection instructions. */
export function registrationConfirmedEmail(props: RegistrantEmailProps & { connection: ConnectionInstructions }): RenderedEmail {
  return compose(props, {
    subjectKey: "confirmed.subject",
    headingKey: "confirmed.heading",
    introKey: "confirmed.intro",
    connection: props.connection,
  });
}

/** Approved by an organizer (approval mode): with the connection instructions. */
export function registrationApprovedEmail(props: RegistrantEmailProps & { connection: ConnectionInstructions }): RenderedEmail {
  return compose(props, {
    subjectKey: "approved.subject",
    headingKey: "approved.heading",
    introKey: "approved.intro",
    connection: props.connection,
  });
}

/** Received, waiting for an organizer's decision: no connection instructions. */
export function registrationReceivedEmail(props: RegistrantEmailProps): RenderedEmail {
  return compose(props, { subjectKey: "received.subject", headingKey: "received.heading", introKey: "received.intro" });
}

/** Rejected, with the organizer's reason (organizer text, shown as text). */
export function registrationRejectedEmail(props: RegistrantEmailProps & { reason: string }): RenderedEmail {
  const label = props.t("rejected.reason");
  return compose(props, {
    subjectKey: "rejected.subject",
    headingKey: "rejected.heading",
    introKey: "rejected.intro",
    extra: { html: html`<p><strong>${label}</strong><br>${multiline(props.reason)}</p>`, text: `${label}:\n${props.reason}` },
    showManage: false,
  });
}

/** Withdrawn, by the registrant or an organizer. */
export function registrationWithdrawnEmail(props: RegistrantEmailProps): RenderedEmail {
  return compose(props, {
    subjectKey: "withdrawn.subject",
    headingKey: "withdrawn.heading",
    introKey: "withdrawn.intro",
    showManage: false,
  });
}

/** Someone registered again with this address: point them at their existing registration. */
export function alreadyRegisteredEmail(props: RegistrantEmailProps): RenderedEmail {
  return compose(props, {
    subjectKey: "alreadyRegistered.subject",
    headingKey: "alreadyRegistered.heading",
    introKey: "alreadyRegistered.intro",
  });
}

/** The organizers changed the connection instructions. */
export function connectionUpdatedEmail(props: RegistrantEmailProps & { connection: ConnectionInstructions }): RenderedEmail {
  return compose(props, {
    subjectKey: "connectionUpdated.subject",
    headingKey: "connectionUpdated.heading",
    introKey: "connectionUpdated.intro",
    connection: props.connection,
    // Bulk mail carries no manage link, so the registrant's existing link stays the valid one.
    showManage: false,
  });
}

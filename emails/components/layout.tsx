// The shared shell and building blocks of every email, from react-email's components. React
// escapes every value, so registrant-typed text can only ever be text. Spacing and alignment
// along a line use logical CSS (padding-inline-end, text-align: start) and <html> carries `dir`,
// so a right-to-left language lays out mirrored without another template; top and bottom are the
// same in both directions and stay physical, which more mail clients understand.
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Text } from "@react-email/components";
import { type CSSProperties, Fragment, type ReactNode } from "react";
import type { TextDirection, TextMark } from "@/emails/types.ts";

const colours = { text: "#0b0c0c", secondary: "#505a5f", link: "#1d70b8", border: "#b1b4b6", page: "#f3f2f1" };

const styles = {
  body: { margin: 0, backgroundColor: colours.page, fontFamily: "Arial, Helvetica, sans-serif", color: colours.text },
  container: { maxWidth: "640px", backgroundColor: "#ffffff", padding: "24px", marginTop: "24px", marginBottom: "24px" },
  heading: { fontSize: "24px", lineHeight: "1.25", marginTop: 0, marginBottom: "16px" },
  subheading: { fontSize: "19px", lineHeight: "1.3", marginTop: "24px", marginBottom: "8px" },
  paragraph: { fontSize: "16px", lineHeight: "1.5", marginTop: 0, marginBottom: "16px" },
  link: { color: colours.link, textDecorationLine: "underline" },
  facts: { borderCollapse: "collapse", marginBottom: "16px", fontSize: "16px", lineHeight: "1.5" },
  factLabel: {
    textAlign: "start",
    verticalAlign: "top",
    paddingTop: "4px",
    paddingBottom: "4px",
    paddingInlineEnd: "16px",
    fontWeight: "bold",
  },
  factValue: { textAlign: "start", verticalAlign: "top", paddingTop: "4px", paddingBottom: "4px" },
  rule: { borderColor: colours.border, marginTop: "24px", marginBottom: "12px" },
  footer: { fontSize: "14px", lineHeight: "1.5", color: colours.secondary, marginTop: 0, marginBottom: 0 },
} satisfies Record<string, CSSProperties>;

export function EmailLayout(props: {
  locale: string;
  dir: TextDirection;
  title: string;
  /** The line mail clients show after the subject in the inbox. */
  preview: string;
  footer: string;
  children: ReactNode;
}) {
  return (
    <Html lang={props.locale} dir={props.dir}>
      <Head>
        <title>{props.title}</title>
      </Head>
      <Preview>{props.preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Heading as="h1" style={styles.heading}>
            {props.title}
          </Heading>
          {props.children}
          <Hr style={styles.rule} />
          <Text style={styles.footer}>{props.footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.paragraph}>{children}</Text>;
}

export function SectionHeading({ children }: { children: ReactNode }) {
  return (
    <Heading as="h2" style={styles.subheading}>
      {children}
    </Heading>
  );
}

/** A link only to http(s): any other scheme (javascript:, data:, …) is shown as plain text. */
export function SafeLink({ href, children }: { href: string; children: ReactNode }) {
  // A URL shown as itself reads left to right in any language.
  const dir = children === href ? "ltr" : undefined;
  if (!/^https?:\/\//i.test(href)) return <span dir={dir}>{children}</span>;
  return (
    <Link href={href} style={styles.link} dir={dir}>
      {children}
    </Link>
  );
}

/** Organizer-typed text with its line breaks kept (dial-in numbers, notes, a rejection reason). */
export function Lines({ text }: { text: string }) {
  const lines = text.split(/\r\n|\r|\n/);
  return (
    <>
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity beyond their place
        <Fragment key={index}>
          {index > 0 && <br />}
          {line}
        </Fragment>
      ))}
    </>
  );
}

/**
 * Label/value rows; rows without a value are left out. A value's direction: "ltr" for codes and
 * numbers (a meeting ID or a phone number must not be reordered in a right-to-left email), "auto"
 * for text typed in whatever language, a TextMark for text in a known other language, none for
 * text in the email's own language.
 */
export function Facts({ rows }: { rows: Array<[string, string | null | undefined, ("ltr" | "auto" | TextMark)?]> }) {
  const present = rows.filter((row): row is [string, string, ("ltr" | "auto" | TextMark)?] => Boolean(row[1]));
  if (present.length === 0) return null;
  return (
    <table role="presentation" className="facts" style={styles.facts}>
      <tbody>
        {present.map(([label, value, direction]) => (
          <tr key={label}>
            <th scope="row" style={styles.factLabel}>
              {label}
            </th>
            <td style={styles.factValue}>
              {direction ? (
                // Isolated inside the cell, which keeps the email's alignment.
                <span {...(typeof direction === "string" ? { dir: direction } : direction)}>
                  <Lines text={value} />
                </span>
              ) : (
                <Lines text={value} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

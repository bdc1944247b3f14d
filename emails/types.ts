// The shapes templates take and give. lib/ may import these; emails/ imports nothing from lib/
// but types, so the templates stay pure: everything they show comes in as props.

import type en from "../messages/en.json";

/** Every dotted path to a message below `T` ("confirmed.subject", …). */
type MessageKeys<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : MessageKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key of the `emails` catalogue: a template using one that does not exist does not compile. */
export type EmailMessageKey = MessageKeys<(typeof en)["emails"]>;

/** A translator for the `emails` catalogue namespace: typed dotted keys, ICU values. */
export type Translate = (key: EmailMessageKey, values?: Record<string, string | number>) => string;

export type TextDirection = "ltr" | "rtl";

/** What the outbox stores and the worker sends (the .ics, when there is one, travels beside it). */
export type RenderedEmail = { subject: string; text: string; html: string };

/** What every template needs to speak the recipient's language in the right direction. */
export type EmailLanguage = { t: Translate; locale: string; dir: TextDirection };

/**
 * The language of an organizer's text that is not in the email's language (a fallback to the
 * meeting's own language): marked so that readers and screen readers treat it right.
 */
export type TextMark = { lang: string; dir: TextDirection };

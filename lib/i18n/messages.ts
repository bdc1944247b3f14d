import en from "@/messages/en.json" with { type: "json" };
import { createTranslator } from "next-intl";
import type { Translate } from "@/emails/layout.ts";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/config.ts";

export type Messages = typeof en;

const CATALOGUES: Record<Locale, Messages> = { en };

export function getMessages(locale: Locale): Messages {
  return CATALOGUES[locale] ?? CATALOGUES[DEFAULT_LOCALE];
}

/**
 * A translator for code outside React (emails, services). Keys are dotted paths below
 * `namespace`; values are ICU messages.
 */
export function getTranslator(locale: Locale, namespace: string): Translate {
  const t = createTranslator({
    locale,
    messages: getMessages(locale) as unknown as Record<string, unknown>,
    namespace,
  } as never) as unknown as (key: string, values?: Record<string, string | number>) => string;
  return (key, values) => t(key, values);
}

// No `with { type: "json" }`: at build time next-intl compiles each catalogue into a module
// (next.config.ts, messages.precompile), which that attribute would forbid; tsx and vitest load
// the JSON as it is.
import ar from "@/messages/ar.json";
import en from "@/messages/en.json";
import es from "@/messages/es.json";
import fr from "@/messages/fr.json";
import ru from "@/messages/ru.json";
import zh from "@/messages/zh.json";
// use-intl/core, not next-intl: the same translator without React, so the email worker (plain Node
// under the react-server condition) can render emails too.
import { createTranslator, type NamespaceKeys, type NestedKeyOf } from "use-intl/core";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/config.ts";

export type Messages = typeof en;

// English is the reference: tests/unit/catalogues.test.ts holds the others to its keys and placeholders.
const CATALOGUES: Record<Locale, Messages> = { ar, zh, en, fr, ru, es };

export function getMessages(locale: Locale): Messages {
  return CATALOGUES[locale] ?? CATALOGUES[DEFAULT_LOCALE];
}

/**
 * A translator for code outside React (emails, services, plain pages): keys below `namespace`
 * are typed from the English catalogue, as `useTranslations` types them in components.
 */
export function getTranslator<Namespace extends NamespaceKeys<Messages, NestedKeyOf<Messages>>>(locale: Locale, namespace: Namespace) {
  return createTranslator<Messages, Namespace>({ locale, messages: getMessages(locale), namespace });
}

/**
 * The namespaces that client components read (`useTranslations` in a "use client" module); the
 * rest of the catalogue stays on the server instead of riding along in every page's HTML.
 * tests/unit/client-messages.test.ts holds every client component to these lists.
 */
export const CLIENT_NAMESPACES = ["common", "registration", "manage", "meeting", "signIn"] as const;
/** What the organizer console's client components read beyond those (app/admin/layout.tsx). */
export const CONSOLE_CLIENT_NAMESPACES = [...CLIENT_NAMESPACES, "admin", "sessions", "reminders"] as const;

/** Only the given namespaces of a catalogue, for NextIntlClientProvider. */
export function pickNamespaces<Namespace extends keyof Messages>(
  messages: Messages,
  namespaces: readonly Namespace[],
): Pick<Messages, Namespace> {
  return Object.fromEntries(namespaces.map((namespace) => [namespace, messages[namespace]])) as Pick<Messages, Namespace>;
}

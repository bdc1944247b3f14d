// next-intl's per-request configuration: which locale and catalogue a request renders with.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, LOCALE_HEADER, negotiateLocale } from "@/lib/i18n/config.ts";
import { getMessages } from "@/lib/i18n/messages.ts";

export default getRequestConfig(async () => {
  const requestHeaders = await headers();
  // A link's ?lang= (proxy.ts passes it on in this header and remembers it in the cookie), then
  // the cookie of an earlier choice, then the browser's languages.
  const chosen = requestHeaders.get(LOCALE_HEADER) ?? (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : negotiateLocale(requestHeaders.get("accept-language"));
  return { locale, messages: getMessages(locale) };
});

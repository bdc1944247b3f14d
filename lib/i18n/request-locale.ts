import "server-only";
// The locale of the request being handled, for code that has no page around it (the sign-in
// email, sent from inside Auth.js) as for next-intl's own configuration (i18n/request.ts).
import { cookies, headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { chooseLocale, DEFAULT_LOCALE, LOCALE_COOKIE, LOCALE_HEADER, type Locale } from "@/lib/i18n/config.ts";

export async function requestLocale(): Promise<Locale> {
  let requestHeaders: Headers;
  try {
    requestHeaders = await headers();
  } catch (error) {
    unstable_rethrow(error); // Next's own signals (dynamic rendering) are not failures
    return DEFAULT_LOCALE; // outside a request (a script, a test): the default language
  }
  return chooseLocale({
    linked: requestHeaders.get(LOCALE_HEADER),
    cookie: (await cookies()).get(LOCALE_COOKIE)?.value,
    acceptLanguage: requestHeaders.get("accept-language"),
  });
}

// next-intl's per-request configuration: which locale and catalogue a request renders with.
import { getRequestConfig } from "next-intl/server";
import { getMessages } from "@/lib/i18n/messages.ts";
import { requestLocale } from "@/lib/i18n/request-locale.ts";

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: getMessages(locale) };
});

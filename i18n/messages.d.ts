// Message keys are typed: `t("a.key")` that no catalogue has is a compile error (next-intl's
// AppConfig). English is the reference catalogue; tests check every locale has the same keys.
import type en from "../messages/en.json";
import type { Locale } from "../lib/i18n/config.ts";

declare module "next-intl" {
  interface AppConfig {
    Messages: typeof en;
    // getLocale() and useLocale() answer one of the six (i18n/request.ts only ever picks those).
    Locale: Locale;
  }
}

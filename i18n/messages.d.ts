// Message keys are typed: `t("a.key")` that no catalogue has is a compile error (next-intl's
// AppConfig). English is the reference catalogue; tests check every locale has the same keys.
import type en from "../messages/en.json";

declare module "next-intl" {
  interface AppConfig {
    Messages: typeof en;
  }
}

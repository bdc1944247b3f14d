"use client";
// The meeting form's "Input documents" section (issue #14): the series prefix, the largest file,
// what happens after the deadline, and the template link. A fieldset of its own in the meeting
// form; its words are in admin.documents.settings.
import { useTranslations } from "next-intl";
import { ErrorMessage } from "@/components/forms/field-parts.tsx";
import { TextField } from "@/components/forms/text-field.tsx";

export type DocumentSettingsField = "documentSeriesPrefix" | "documentMaxMegabytes" | "documentLatePolicy" | "documentTemplateUrl";

export function DocumentSettings({
  value,
  error,
  errorLabel,
}: {
  value: (field: DocumentSettingsField) => string;
  error: (field: DocumentSettingsField) => string | undefined;
  errorLabel: string;
}) {
  const t = useTranslations("admin.documents.settings");
  const common = useTranslations("common");
  return (
    <fieldset className="fieldset">
      <legend>
        <h2>{t("legend")}</h2>
      </legend>
      <TextField
        name="documentSeriesPrefix"
        label={`${t("prefix")} ${common("optional")}`}
        hint={t("prefixHint")}
        error={error("documentSeriesPrefix")}
        errorLabel={errorLabel}
        defaultValue={value("documentSeriesPrefix")}
        maxLength={20}
      />
      <TextField
        name="documentMaxMegabytes"
        type="number"
        inputMode="numeric"
        min={1}
        max={50}
        label={t("maxMegabytes")}
        hint={t("maxMegabytesHint")}
        error={error("documentMaxMegabytes")}
        errorLabel={errorLabel}
        defaultValue={value("documentMaxMegabytes") || "25"}
      />
      <div className={`form-group${error("documentLatePolicy") ? " form-group--error" : ""}`}>
        <fieldset>
          <legend>{t("latePolicy")}</legend>
          <ErrorMessage id="documentLatePolicy-error" label={errorLabel} message={error("documentLatePolicy")} />
          <div className="radios">
            {(["REFUSE", "ACCEPT_LATE"] as const).map((policy, index) => (
              <div className="choice" key={policy}>
                <input
                  id={index === 0 ? "documentLatePolicy" : `documentLatePolicy-${policy}`}
                  type="radio"
                  name="documentLatePolicy"
                  value={policy}
                  defaultChecked={(value("documentLatePolicy") || "REFUSE") === policy}
                />
                <label htmlFor={index === 0 ? "documentLatePolicy" : `documentLatePolicy-${policy}`}>{t(`latePolicies.${policy}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextField
        name="documentTemplateUrl"
        type="url"
        label={`${t("templateUrl")} ${common("optional")}`}
        hint={t("templateUrlHint")}
        error={error("documentTemplateUrl")}
        errorLabel={errorLabel}
        defaultValue={value("documentTemplateUrl")}
      />
    </fieldset>
  );
}

"use client";
// The public registration form. react-hook-form validates with the same zod schema the server
// action uses; without JavaScript the form posts to the same action and the server answers with
// the same errors (progressive enhancement). Validation happens on submit only (GOV.UK).
//
// The schema (zod) is not part of the page's JavaScript: it is loaded when the visitor first
// moves into the form, and at the latest on submit, so that a delegate on a slow phone gets a
// working page sooner (issue 15). If it cannot be loaded, the form is sent as it is and the
// server answers with the same errors.
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useMemo, useRef, useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { ErrorSummary } from "@/components/forms/error-summary.tsx";
import { useKeepTypedOnLanguageSwitch } from "@/components/forms/keep-typed-on-language-switch.ts";
import { describedBy, ErrorMessage, Hint } from "@/components/forms/field-parts.tsx";
import { TextField } from "@/components/forms/text-field.tsx";
import { LocalTime } from "@/components/local-time.tsx";
import type { RegisterFormState } from "@/lib/registration/form-state.ts";
import { CATEGORIES_WITH_ORGANIZATION, type ParticipantCategoryValue } from "@/lib/participants/categories.ts";
import { REGISTRATION_FIELDS, type RegistrationField } from "@/lib/registration/fields.ts";
import type { RegistrationFormValues } from "@/lib/registration/schema.ts";
import { keyFromData } from "@/lib/i18n/keys.ts";

type Option = { code: string; name: string };

export type RegistrationFormProps = {
  /** "register" for a new registration; "edit" on the manage page (email fixed, no privacy question). */
  mode: "register" | "edit";
  /** The bound server action that receives the form. */
  action: (previous: RegisterFormState, formData: FormData) => Promise<RegisterFormState>;
  /**
   * The page's own path: where the form posts before hydration and without JavaScript (React
   * would otherwise write an empty action attribute, which is invalid HTML).
   */
  permalink: string;
  meetingTitle: string;
  deadline: string;
  /** The same deadline as an instant and the zone it is stated in: the reader's own time is added beside it. */
  deadlineAt: { instant: string; timeZone: string; offsetMinutes: number };
  submissionKey?: string;
  categories: ParticipantCategoryValue[];
  countries: Option[];
  /**
   * Which of `countries` are member states (their codes): the names are not sent twice in the
   * page's RSC payload (issue 15).
   */
  memberStateCodes: readonly string[];
  /** Stored values to start from (edit mode). */
  initialValues?: Partial<Record<RegistrationField, string>>;
};

const CHECKBOXES: ReadonlySet<RegistrationField> = new Set(["needsCaptioning", "needsSignLanguage", "privacyAccepted", "listConsent"]);

const initialState: RegisterFormState = { status: "idle", fieldErrors: {}, values: {} };

/** The schema's resolver, loaded once, on demand. */
let schemaResolver: Promise<Resolver<RegistrationFormValues>> | null = null;
function loadSchemaResolver(): Promise<Resolver<RegistrationFormValues>> {
  schemaResolver ??= Promise.all([import("@hookform/resolvers/zod"), import("@/lib/registration/schema.ts")]).then(
    ([{ zodResolver }, { registrationInputSchema }]) => zodResolver(registrationInputSchema) as Resolver<RegistrationFormValues>,
  );
  // A failed load (the network dropped) is tried again next time.
  schemaResolver.catch(() => {
    schemaResolver = null;
  });
  return schemaResolver;
}

const resolver: Resolver<RegistrationFormValues> = async (values, context, options) => {
  let resolve: Resolver<RegistrationFormValues>;
  try {
    resolve = await loadSchemaResolver();
  } catch {
    // No schema in the browser: the server checks the same schema and answers with the errors.
    return { values, errors: {} };
  }
  return resolve(values, context, options);
};

export function RegistrationForm(props: RegistrationFormProps) {
  const t = useTranslations("registration");
  const common = useTranslations("common");
  const categoryLabel = useTranslations("meeting.categories");
  const manageErrors = useTranslations("manage.errors");
  const manage = useTranslations("manage");
  const [state, formAction, isPending] = useActionState(
    props.action,
    { ...initialState, values: props.initialValues ?? {} },
    props.permalink,
  );
  const isEdit = props.mode === "edit";
  // The ~200 <option>s of each list are the same elements on every render, so React skips them
  // when the form re-renders (as it does right after hydration, in one uninterrupted task).
  const { countries, memberStateCodes } = props;
  const countryOptions = useMemo(
    () =>
      countries.map((option) => (
        <option key={option.code} value={option.code}>
          {option.name}
        </option>
      )),
    [countries],
  );
  const memberStateOptions = useMemo(() => {
    const codes = new Set(memberStateCodes);
    return countries
      .filter((option) => codes.has(option.code))
      .map((option) => (
        <option key={option.code} value={option.code}>
          {option.name}
        </option>
      ));
  }, [countries, memberStateCodes]);
  const formRef = useRef<HTMLFormElement>(null);
  // Before hydration (and without JavaScript) every conditional field is shown with a hint
  // saying when it applies; once the script runs, only the ones for the chosen category stay.
  const [isHydrated, setIsHydrated] = useState(false);
  useEffect(() => setIsHydrated(true), []);

  const values = state.values;
  const {
    register,
    handleSubmit,
    setValue,
    watch,
    formState: { errors, submitCount },
  } = useForm<RegistrationFormValues>({
    resolver,
    mode: "onSubmit",
    reValidateMode: "onSubmit",
    // The error summary takes focus instead (GOV.UK), and links to each field.
    shouldFocusError: false,
    values: {
      email: values.email ?? "",
      givenName: values.givenName ?? "",
      familyName: values.familyName ?? "",
      category: (values.category as ParticipantCategoryValue | undefined) ?? (undefined as unknown as ParticipantCategoryValue),
      memberState: values.memberState ?? "",
      organization: values.organization ?? "",
      country: values.country ?? "",
      jobTitle: values.jobTitle ?? "",
      needsCaptioning: values.needsCaptioning === "yes",
      needsSignLanguage: values.needsSignLanguage === "yes",
      accessibilityOther: values.accessibilityOther ?? "",
      privacyAccepted: values.privacyAccepted === "yes",
      listConsent: values.listConsent === "yes",
    },
    resetOptions: { keepDirtyValues: true },
  });
  const category = watch("category");
  // What was typed survives a switch of language (the page reloads in the other language).
  useKeepTypedOnLanguageSwitch(
    formRef,
    (typed) => {
      for (const field of REGISTRATION_FIELDS) {
        const value = typed[field];
        if (value === undefined || (isEdit && field === "email")) continue;
        setValue(field, (CHECKBOXES.has(field) ? value === "yes" : value) as never, { shouldDirty: true });
      }
    },
    ["submissionKey", "website"],
  );

  const translateError = (key: string | undefined) => {
    if (!key) return undefined;
    const path = `errors.${key}`;
    return t.has(keyFromData(path)) ? t(keyFromData(path)) : t("errors.form.unexpected");
  };
  const error = (field: RegistrationField) => translateError((errors[field]?.message as string | undefined) ?? state.fieldErrors[field]);
  const summaryItems = REGISTRATION_FIELDS.flatMap((field) => {
    const message = error(field);
    return message ? [{ fieldId: field, message }] : [];
  });
  const hasErrors = summaryItems.length > 0;
  const pageTitle = t("title", { meeting: props.meetingTitle });

  const onValid = () => {
    if (!formRef.current) return;
    const formData = new FormData(formRef.current);
    startTransition(() => formAction(formData));
  };

  const showConditional = (applies: boolean) => !isHydrated || applies;
  const showMemberState = showConditional(category === "MEMBER_STATE");
  const organizationRequired = CATEGORIES_WITH_ORGANIZATION.includes(category);
  const errorId = (field: RegistrationField) => (error(field) ? `${field}-error` : undefined);

  const rejection = state.status === "rejected" ? state.reason : undefined;
  // The real reason, never "something went wrong": the window moved or the last place went
  // while the form was open. (Editing has its own wording for a closed window.)
  const rejectionMessage = (reason: string) => {
    if (reason === "not-eligible") return t("notEligible");
    if (reason === "full") return t("fullTitle", { meeting: props.meetingTitle });
    if (reason === "not-open") return t("notOpenTitle", { meeting: props.meetingTitle });
    if (reason === "closed" && !isEdit) return t("closedTitle", { meeting: props.meetingTitle });
    return manageErrors.has(keyFromData(reason)) ? manageErrors(keyFromData(reason)) : t("errors.form.unexpected");
  };

  return (
    <>
      {!isEdit && <title>{hasErrors ? common("errorPrefix", { title: pageTitle }) : pageTitle}</title>}
      <ErrorSummary title={common("errorSummaryTitle")} items={summaryItems} focusKey={`${state.answerId ?? ""}:${submitCount}`} />
      {rejection && (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{common("errorSummaryTitle")}</h2>
          <p>{rejectionMessage(rejection)}</p>
        </div>
      )}
      {state.status === "saved" && (
        <div className="notice" role="status">
          {manage("saved")}
        </div>
      )}
      {isEdit ? (
        <>
          <h2>{manage("changeHeading")}</h2>
          <p>{manage("changeHint", { deadline: props.deadline })}</p>
          <LocalTime
            instant={props.deadlineAt.instant}
            timeZone={props.deadlineAt.timeZone}
            zoneOffsetMinutes={props.deadlineAt.offsetMinutes}
            block
          />
        </>
      ) : (
        <>
          <h1>{pageTitle}</h1>
          <p className="lead">{t("deadline", { deadline: props.deadline })}</p>
          <LocalTime
            instant={props.deadlineAt.instant}
            timeZone={props.deadlineAt.timeZone}
            zoneOffsetMinutes={props.deadlineAt.offsetMinutes}
            block
          />
          <p>{t("intro")}</p>
        </>
      )}
      <form
        ref={formRef}
        action={formAction}
        onSubmit={handleSubmit(onValid)}
        onFocus={() => void loadSchemaResolver().catch(() => {})}
        noValidate
      >
        {props.submissionKey && <input type="hidden" name="submissionKey" value={props.submissionKey} />}
        {!isEdit && (
          <div className="visually-hidden" aria-hidden="true">
            <label htmlFor="website">{t("honeypot")}</label>
            <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
          </div>
        )}

        <TextField
          {...register("email")}
          name="email"
          type="email"
          label={t("email")}
          hint={t("emailHint")}
          error={error("email")}
          errorLabel={common("errorLabel")}
          autoComplete="email"
          spellCheck={false}
          readOnly={isEdit}
          maxLength={320}
          defaultValue={values.email}
        />

        {(["givenName", "familyName"] as const).map((field) => (
          <TextField
            {...register(field)}
            key={field}
            name={field}
            label={t(field)}
            error={error(field)}
            errorLabel={common("errorLabel")}
            className="input--short"
            autoComplete={field === "givenName" ? "given-name" : "family-name"}
            spellCheck={false}
            defaultValue={values[field]}
          />
        ))}

        <div className={`form-group${error("category") ? " form-group--error" : ""}`}>
          <fieldset aria-describedby={describedBy("category-hint", errorId("category"))}>
            <legend className="legend-large">{t("category")}</legend>
            <Hint id="category-hint">{t("categoryHint")}</Hint>
            <ErrorMessage id="category-error" label={common("errorLabel")} message={error("category")} />
            <div className="radios">
              {props.categories.map((value, index) => (
                <div key={value}>
                  <div className="choice">
                    <input
                      id={index === 0 ? "category" : `category-${value}`}
                      type="radio"
                      value={value}
                      aria-describedby={value === "INDIVIDUAL" ? "category-INDIVIDUAL-hint" : undefined}
                      defaultChecked={values.category === value}
                      {...register("category")}
                    />
                    <label htmlFor={index === 0 ? "category" : `category-${value}`}>{categoryLabel(value)}</label>
                  </div>
                  {value === "INDIVIDUAL" && (
                    <div id="category-INDIVIDUAL-hint" className="hint" style={{ marginInlineStart: "2.2rem" }}>
                      {t("categoryHints.INDIVIDUAL")}
                    </div>
                  )}
                </div>
              ))}
            </div>
          </fieldset>
        </div>

        {showMemberState && (
          <div className={`form-group conditional${error("memberState") ? " form-group--error" : ""}`}>
            <label className="label" htmlFor="memberState">
              {t("memberState")}
            </label>
            {!isHydrated && <Hint id="memberState-hint">{t("dependentHint", { category: categoryLabel("MEMBER_STATE") })}</Hint>}
            <ErrorMessage id="memberState-error" label={common("errorLabel")} message={error("memberState")} />
            <select
              id="memberState"
              className={`select${error("memberState") ? " select--error" : ""}`}
              aria-describedby={describedBy(!isHydrated && "memberState-hint", errorId("memberState"))}
              aria-invalid={error("memberState") ? true : undefined}
              defaultValue={values.memberState}
              {...register("memberState")}
            >
              <option value="">{t("chooseCountry")}</option>
              {memberStateOptions}
            </select>
          </div>
        )}

        <div className={`form-group${error("organization") ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="organization">
            {t("organization")} {isHydrated && !organizationRequired && common("optional")}
          </label>
          <Hint id="organization-hint">{isHydrated && !organizationRequired ? t("organizationOptionalHint") : t("organizationHint")}</Hint>
          <ErrorMessage id="organization-error" label={common("errorLabel")} message={error("organization")} />
          <input
            id="organization"
            type="text"
            className={`input${error("organization") ? " input--error" : ""}`}
            autoComplete="organization"
            aria-describedby={describedBy("organization-hint", errorId("organization"))}
            aria-invalid={error("organization") ? true : undefined}
            defaultValue={values.organization}
            {...register("organization")}
          />
        </div>

        <div className={`form-group${error("country") ? " form-group--error" : ""}`}>
          <label className="label" htmlFor="country">
            {t("country")}
          </label>
          <Hint id="country-hint">{t("countryHint")}</Hint>
          <ErrorMessage id="country-error" label={common("errorLabel")} message={error("country")} />
          <select
            id="country"
            className={`select${error("country") ? " select--error" : ""}`}
            autoComplete="country"
            aria-describedby={describedBy("country-hint", errorId("country"))}
            aria-invalid={error("country") ? true : undefined}
            defaultValue={values.country}
            {...register("country")}
          >
            <option value="">{t("chooseCountry")}</option>
            {countryOptions}
          </select>
        </div>

        <TextField
          {...register("jobTitle")}
          name="jobTitle"
          label={`${t("jobTitle")} ${common("optional")}`}
          error={error("jobTitle")}
          errorLabel={common("errorLabel")}
          autoComplete="organization-title"
          defaultValue={values.jobTitle}
        />

        <div className={`form-group${error("accessibilityOther") ? " form-group--error" : ""}`}>
          <fieldset aria-describedby="accessibility-hint">
            <legend>
              {t("accessibility")} {common("optional")}
            </legend>
            <Hint id="accessibility-hint">{t("accessibilityHint")}</Hint>
            <div className="checkboxes">
              {(["needsCaptioning", "needsSignLanguage"] as const).map((field) => (
                <div className="choice" key={field}>
                  <input id={field} type="checkbox" value="yes" defaultChecked={values[field] === "yes"} {...register(field)} />
                  <label htmlFor={field}>{t(field)}</label>
                </div>
              ))}
            </div>
            <div style={{ marginTop: "1rem" }}>
              <label className="label" htmlFor="accessibilityOther">
                {t("accessibilityOther")}
              </label>
              <ErrorMessage id="accessibilityOther-error" label={common("errorLabel")} message={error("accessibilityOther")} />
              <textarea
                id="accessibilityOther"
                className={`textarea${error("accessibilityOther") ? " textarea--error" : ""}`}
                rows={3}
                aria-describedby={errorId("accessibilityOther")}
                aria-invalid={error("accessibilityOther") ? true : undefined}
                defaultValue={values.accessibilityOther}
                {...register("accessibilityOther")}
              />
            </div>
          </fieldset>
        </div>

        {isEdit && <input type="hidden" value="yes" {...register("privacyAccepted")} />}
        <div className={`form-group${error("privacyAccepted") ? " form-group--error" : ""}`}>
          <fieldset aria-describedby={errorId("privacyAccepted")}>
            <legend>{isEdit ? manage("listConsent") : t("privacy")}</legend>
            <ErrorMessage id="privacyAccepted-error" label={common("errorLabel")} message={error("privacyAccepted")} />
            <div className="checkboxes">
              {!isEdit && (
                <div className="choice">
                  <input
                    id="privacyAccepted"
                    type="checkbox"
                    value="yes"
                    aria-invalid={error("privacyAccepted") ? true : undefined}
                    defaultChecked={values.privacyAccepted === "yes"}
                    {...register("privacyAccepted")}
                  />
                  <label htmlFor="privacyAccepted">
                    {t.rich("privacyAccepted", {
                      link: (chunks) => (
                        <a href="/privacy" target="_blank" rel="noopener">
                          {chunks}
                        </a>
                      ),
                    })}
                  </label>
                </div>
              )}
              <div className="choice">
                <input
                  id="listConsent"
                  type="checkbox"
                  value="yes"
                  defaultChecked={values.listConsent === "yes"}
                  {...register("listConsent")}
                />
                <label htmlFor="listConsent">
                  {t("listConsent")} {common("optional")}
                </label>
              </div>
            </div>
          </fieldset>
        </div>

        <div className="button-group">
          <button type="submit" className="button" disabled={isPending} aria-disabled={isPending}>
            {isEdit ? manage("save") : t("submit")}
          </button>
          <p role="status" className="hint" style={{ margin: 0 }}>
            {isPending ? t("submitting") : ""}
          </p>
        </div>
      </form>
    </>
  );
}

import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PostbackForm } from "@/components/forms/postback-form.tsx";
import { getDatabase } from "@/lib/db/client.ts";
import { openFromListAction } from "@/lib/focal-points/decision-actions.ts";
import { openListLink } from "@/lib/focal-points/list-links.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { countryName } from "@/lib/participants/country-names.ts";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ error?: string }> };

// The token in the URL is a credential (proxy.ts: no-store, same-origin referrer, rate limit).
export const metadata: Metadata = { referrer: "same-origin", robots: { index: false, follow: false } };

/** A focal point's list of every registration waiting for them, for all meetings; each opens its decision page. */
export default async function FocalPointListPage({ params, searchParams }: Props) {
  const { token } = await params;
  const { error } = await searchParams;
  const t = await getTranslations("focalPointList");
  const categoryLabel = await getTranslations("meeting.categories");
  const locale = await getLocale();
  const requests = await openListLink(getDatabase(), { token, now: new Date() });
  if (!requests) {
    return (
      <>
        <title>{t("invalidTitle")}</title>
        <h1>{t("invalidTitle")}</h1>
        <p>{t("invalidBody")}</p>
        <p>
          <a href="/fp">{t("askAgain")}</a>
        </p>
      </>
    );
  }
  const open = openFromListAction.bind(null, token);
  return (
    <>
      <title>{t("listTitle")}</title>
      {error === "gone" && (
        <div className="error-summary" role="alert">
          <h2>{t("goneTitle")}</h2>
          <p>{t("gone")}</p>
        </div>
      )}
      <h1>{t("listTitle")}</h1>
      {requests.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <table className="table">
          <caption>{t("caption", { count: requests.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("columns.meeting")}</th>
              <th scope="col">{t("columns.name")}</th>
              <th scope="col">{t("columns.for")}</th>
              <th scope="col">{t("columns.registered")}</th>
              <th scope="col">{t("columns.decide")}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((request) => {
              const name = `${request.givenName} ${request.familyName}`;
              return (
                <tr key={request.id}>
                  <td>{request.meeting.shortName}</td>
                  <td>
                    <bdi>{name}</bdi>
                    <br />
                    <bdi>{request.email}</bdi>
                  </td>
                  <td>
                    {categoryLabel(request.category)}
                    <br />
                    {request.memberState ? countryName(request.memberState, locale) : <bdi>{request.organization}</bdi>}
                  </td>
                  <td>{formatInstant(request.createdAt, request.meeting.timeZone, locale)}</td>
                  <td>
                    <PostbackForm action={open} permalink={`/fp/list/${token}`}>
                      <input type="hidden" name="registrationId" value={request.id} />
                      <button type="submit" className="button button--secondary">
                        {t("open", { name })}
                      </button>
                    </PostbackForm>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

// A meeting's sessions as readers see them: each in the meeting's time zone (named), with the
// reader's own time of its start once the script runs (LocalTime). Used by the meeting page and
// the registrant's manage page.
import { useLocale } from "next-intl";
import { LocalTime } from "@/components/local-time.tsx";
import { formatSession } from "@/lib/i18n/format.ts";

export function SessionList({
  sessions,
  timeZone,
}: {
  sessions: readonly { id: string; startsAt: Date; endsAt: Date }[];
  timeZone: string;
}) {
  const locale = useLocale();
  return (
    <ul className="session-list">
      {sessions.map((session) => (
        <li key={session.id}>
          {formatSession(session.startsAt, session.endsAt, timeZone, locale)}
          <LocalTime instant={session.startsAt.toISOString()} timeZone={timeZone} />
        </li>
      ))}
    </ul>
  );
}

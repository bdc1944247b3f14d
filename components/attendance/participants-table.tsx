// The list of participants as the ITU publishes it: one section per Member State (by name in the
// reader's language), then Sector Members, Associates, Academia and individuals; a column per
// session with whether each person attended. Renders what it is given (names computed on the
// server); every value is text, escaped by React.
export type ParticipantsTableProps = {
  sessions: { key: string; label: string }[];
  groups: {
    key: string;
    title: string;
    participants: {
      id: string;
      name: string;
      organization: string | null;
      country: string;
      email: string;
      attended: boolean[];
    }[];
  }[];
  labels: { name: string; organization: string; country: string; email: string; attended: string; absent: string; caption: string };
  showEmail: boolean;
};

export function ParticipantsTable({ sessions, groups, labels, showEmail }: ParticipantsTableProps) {
  return (
    <div className="participants-list">
      {groups.map((group) => (
        <section key={group.key} className="participants-group" aria-labelledby={`group-${group.key}`}>
          <h2 id={`group-${group.key}`}>{group.title}</h2>
          <div className="table-wrapper">
            <table className="table">
              <caption className="visually-hidden">{`${labels.caption}: ${group.title}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{labels.name}</th>
                  <th scope="col">{labels.organization}</th>
                  <th scope="col">{labels.country}</th>
                  {showEmail && <th scope="col">{labels.email}</th>}
                  {sessions.map((session) => (
                    <th scope="col" key={session.key}>
                      {session.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {group.participants.map((person) => (
                  <tr key={person.id}>
                    <th scope="row">
                      <bdi>{person.name}</bdi>
                    </th>
                    <td>
                      <bdi>{person.organization ?? ""}</bdi>
                    </td>
                    <td>{person.country}</td>
                    {showEmail && (
                      <td>
                        <bdi>{person.email}</bdi>
                      </td>
                    )}
                    {person.attended.map((attended, index) => (
                      <td key={sessions[index]?.key ?? index}>{attended ? labels.attended : labels.absent}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}

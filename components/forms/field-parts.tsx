import type { ReactNode } from "react";

/** Inline error, worded exactly as in the summary, with a hidden "Error:" for screen readers. */
export function ErrorMessage({ id, label, message }: { id: string; label: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="error-message">
      <span className="visually-hidden">{label} </span>
      {message}
    </p>
  );
}

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="hint">
      {children}
    </div>
  );
}

/** The ids an input is described by: its hint and its error, when present. */
export function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const present = ids.filter(Boolean);
  return present.length ? present.join(" ") : undefined;
}

"use client";
// A form whose server action answers with a redirect (the manage page's language, resend and
// withdraw), posting to its own page's address before hydration and without JavaScript. A form
// rendered on the server with an action function gets an empty action attribute, which is
// invalid HTML (issue 15); useActionState's permalink gives React the address to write instead.
import { type ReactNode, useActionState } from "react";

type Props = {
  /** A server action taking (previous state, form data); it redirects, so there is no state. */
  action: (previous: null, formData: FormData) => Promise<null>;
  /** The page's own path. */
  permalink: string;
  children: ReactNode;
  /** Leave checking to the server, whose errors the page shows the GOV.UK way (error summary, message by the field). */
  noValidate?: boolean;
};

export function PostbackForm({ action, permalink, children, noValidate }: Props) {
  const [, formAction] = useActionState(action, null, permalink);
  return (
    <form action={formAction} noValidate={noValidate}>
      {children}
    </form>
  );
}

// A form posted as a browser without JavaScript posts it: the hidden inputs the server rendered
// into it and the fields a person fills in. Used by the browser tests and the bench.

/** The hidden inputs of a server-rendered form (the server action's id and the form's own). */
export function hiddenFormFields(html: string): Array<[string, string]> {
  const decode = (value: string) =>
    value.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
  return [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/?>/g)].map((match) => [
    match[1] ?? "",
    decode(match[2] ?? ""),
  ]);
}

/** The registration form's fields for one person, as the browser would post them. */
export function registrationFields(email: string): Array<[string, string]> {
  return [
    ["email", email],
    ["givenName", "Hedy"],
    ["familyName", "Lamarr"],
    ["category", "INDIVIDUAL"],
    ["country", "AT"],
    ["privacyAccepted", "yes"],
  ];
}

// Message keys are typed (i18n/messages.d.ts): `t("no.such.key")` does not compile. A few keys
// come from data instead of code — a validation code from a schema, a `?done=` value in a URL —
// and cannot be checked by the compiler: they pass through here, always behind `t.has(key)`, and
// tests/unit/i18n.test.ts checks that every code the schemas produce has its message. Isomorphic.

/** Mark a key built from data; the caller checks it with `t.has` before using it. */
export function keyFromData(key: string): never {
  return key as never;
}

/** `value` if it is one of `allowed` (e.g. a `?done=` value), else `fallback`: a typed key part. */
export function oneOf<const Allowed extends readonly string[], Fallback extends string>(
  value: string | undefined,
  allowed: Allowed,
  fallback: Fallback,
): Allowed[number] | Fallback {
  return allowed.includes(value as Allowed[number]) ? (value as Allowed[number]) : fallback;
}

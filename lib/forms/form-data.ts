// Reading a posted form safely: only the fields the form owns are read (extra fields such as
// "status" or "__proto__[x]" are never looked at), and a field sent twice is an error, not a
// silent choice between the values.

export type ReadFields<Field extends string> = {
  values: Partial<Record<Field, string>>;
  duplicated: Field[];
};

export function readFormFields<Field extends string>(formData: FormData, fields: readonly Field[]): ReadFields<Field> {
  // No prototype: even a field named "__proto__" is stored as data, never as the object's prototype.
  const values: Partial<Record<Field, string>> = Object.create(null);
  const duplicated: Field[] = [];
  for (const field of fields) {
    const all = formData.getAll(field);
    if (all.length > 1) duplicated.push(field);
    const [first] = all;
    if (typeof first === "string") values[field] = first;
  }
  return { values, duplicated };
}

/** A plain-prototype copy, for handing form values to React (which refuses null prototypes). */
export function toPlainObject<Value>(values: Record<string, Value>): Record<string, Value> {
  return Object.fromEntries(Object.entries(values));
}

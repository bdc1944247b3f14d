// The one text cleaner of every form (lib/forms/text-rules.ts) for schemas written with classic
// zod, which chain methods on it. The rules themselves, and their reasons, are in text-rules.ts.
import { z } from "zod";
import { miniOptionalText, miniRequiredText, type TextKeys, type TextOptions } from "@/lib/forms/text-rules.ts";

/** Text that must be given (classic zod: the same rule, for schemas that chain methods on it). */
export function requiredText(keys: TextKeys & { required: string }, options: TextOptions) {
  return z.string({ error: keys.required }).pipe(miniRequiredText(keys, options));
}

/** Text that may be left empty: empty (or only spaces) becomes undefined (classic zod, the same rule). */
export function optionalText(keys: TextKeys, options: TextOptions) {
  return z.string({ error: keys.invalid }).optional().pipe(miniOptionalText(keys, options));
}

import type { z } from "zod";

/** Field name -> the message shown beside that field. */
export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Validates a parsed form or query string with a zod schema; on failure returns the first message
 * of each field, keyed by the field's name, so the view can show it beside the field.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): FormResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    if (!(key in errors)) errors[key] = issue.message;
  }
  return { ok: false, errors };
}

/** A form body as plain strings; repeated fields (checkbox groups) become arrays. */
export type FormBody = Record<string, string | string[]>;

export function formValue(body: FormBody, name: string): string {
  const v = body[name];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

export function formValues(body: FormBody, name: string): string[] {
  const v = body[name] ?? body[`${name}[]`];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

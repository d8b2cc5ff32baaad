import { z } from "zod";
import type { TagType } from "../../db/types";
import type { FieldErrors, FormBody } from "../../lib/forms";
import { formValue } from "../../lib/forms";
import {
  CATEGORIES,
  RATINGS,
  splitTagList,
  TAG_TYPE_ORDER,
  tagNameProblem,
  USER_TAG_TYPES,
  USER_TAGS_MAX,
  WARNINGS,
} from "./tags";

/** A comma-separated tag field: the names it holds, or the first refused name's message. */
export function tagListSchema(opts: { required?: string } = {}) {
  return z
    .string()
    .default("")
    .transform((text, ctx) => {
      const names = splitTagList(text);
      for (const name of names) {
        const problem = tagNameProblem(name);
        if (problem) {
          ctx.addIssue({ code: "custom", message: problem });
          return z.NEVER;
        }
      }
      if (opts.required && names.length === 0) {
        ctx.addIssue({ code: "custom", message: opts.required });
        return z.NEVER;
      }
      return names;
    });
}

export const ratingSchema = z.enum(RATINGS, { message: "Choose a rating." });

export const warningsSchema = z
  .array(z.enum(WARNINGS, { message: "Choose archive warnings from the list." }))
  .min(1, "Choose at least one archive warning (or that you chose not to use them).")
  .transform((names) => [...new Set(names)]);

export const categoriesSchema = z
  .array(z.enum(CATEGORIES, { message: "Choose categories from the list." }))
  .transform((names) => [...new Set(names)]);

/** The form field of each freely typed tag type. */
export const USER_TAG_FIELDS = {
  fandom: "fandoms",
  relationship: "relationships",
  character: "characters",
  freeform: "freeforms",
} as const;

/**
 * The limit on freely typed tags spans four fields, so it is checked on the raw form; the message
 * goes beside the last field that has tags, where the writer is most likely to trim.
 */
export function userTagCountError(body: FormBody): FieldErrors {
  let total = 0;
  let last: string | null = null;
  for (const type of USER_TAG_TYPES) {
    const field = USER_TAG_FIELDS[type];
    const n = splitTagList(formValue(body, field)).length;
    total += n;
    if (n > 0) last = field;
  }
  if (total <= USER_TAGS_MAX || !last) return {};
  return {
    [last]: `A work can have at most ${USER_TAGS_MAX} fandoms, relationships, characters and additional tags in all; this one has ${total}.`,
  };
}

/** What `/autocomplete/:type` suggests: one typed type, or "tag" for all of them. */
export const AUTOCOMPLETE_TYPES = {
  fandom: ["fandom"],
  character: ["character"],
  relationship: ["relationship"],
  freeform: ["freeform"],
  tag: TAG_TYPE_ORDER,
} as const satisfies Record<string, readonly TagType[]>;

export const autocompleteTypeSchema = z.enum(
  Object.keys(AUTOCOMPLETE_TYPES) as [
    keyof typeof AUTOCOMPLETE_TYPES,
    ...(keyof typeof AUTOCOMPLETE_TYPES)[],
  ],
  { message: `The type must be one of ${Object.keys(AUTOCOMPLETE_TYPES).join(", ")}.` },
);

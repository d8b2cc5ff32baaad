import { z } from "zod";
import { normalizeName, normalizeText } from "../../lib/text";

export const PSEUD_NAME_MAX = 40;
export const PSEUD_DESCRIPTION_MAX = 500;

/** Names that would collide with the archive's own pages under /users/:login/pseuds/. */
const RESERVED_PSEUD_NAMES = new Set(["new"]);

/** Letters, digits (any script, with their combining marks), spaces, "_" and "-". */
const PSEUD_CHARS = /^[\p{L}\p{M}\p{N} _-]+$/u;

const pseudName = z
  .string({ error: "Please give the pseud a name." })
  .transform(normalizeName)
  .pipe(
    z
      .string()
      .min(1, "Please give the pseud a name.")
      .refine((s) => [...s].length <= PSEUD_NAME_MAX, `A pseud can be at most ${PSEUD_NAME_MAX} characters.`)
      .refine(
        (s) => PSEUD_CHARS.test(s),
        "A pseud can hold only letters, digits, spaces, underscores (_) and hyphens (-).",
      )
      .refine((s) => /[\p{L}\p{N}]/u.test(s), "A pseud needs at least one letter or digit.")
      .refine(
        (s) => !RESERVED_PSEUD_NAMES.has(s.toLowerCase()),
        "That name is kept for the archive's own use.",
      ),
  );

const pseudDescription = z
  .string()
  .default("")
  .transform((s) => normalizeText(s).trim())
  .pipe(
    z
      .string()
      .refine(
        (s) => [...s].length <= PSEUD_DESCRIPTION_MAX,
        `A description can be at most ${PSEUD_DESCRIPTION_MAX} characters.`,
      ),
  );

/** The new-pseud and edit-pseud forms. */
export const pseudForm = z.object({ name: pseudName, description: pseudDescription });

export type PseudInput = z.output<typeof pseudForm>;

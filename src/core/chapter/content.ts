// What a chapter's text may be, and how what the writer typed becomes what readers get: the same
// for a new work's first chapter and for every chapter added or edited later.
import { z } from "zod";
import type { FieldErrors } from "../../lib/forms";
import type { SafeHtml } from "../../lib/sanitize";
import { normalizeText, normalizeTitle, type TextFormat, toSafeHtml } from "../../lib/text";
import { countWordsOffThread } from "../../lib/wordcount-thread";

/** Size limits of a chapter's fields, counted after NFC normalisation. */
export const CHAPTER_LIMITS = { title: 255, summary: 1250, notes: 5000, body: 510_000 } as const;

const n = (x: number) => x.toLocaleString("en-US");

const longText = (max: number, what: string) =>
  z
    .string()
    .transform(normalizeText)
    .pipe(z.string().max(max, `${what} can be at most ${n(max)} characters.`));

/** The checks of each chapter field, shared by the posting form and the chapter form. */
export const chapterFields = {
  title: z
    .string()
    .transform(normalizeTitle)
    .pipe(
      z.string().max(CHAPTER_LIMITS.title, `The title can be at most ${n(CHAPTER_LIMITS.title)} characters.`),
    ),
  summary: longText(CHAPTER_LIMITS.summary, "The summary"),
  notes: longText(CHAPTER_LIMITS.notes, "The notes"),
  end_notes: longText(CHAPTER_LIMITS.notes, "The end notes"),
  body: z
    .string()
    .transform(normalizeText)
    .pipe(
      z
        .string()
        .max(CHAPTER_LIMITS.body, `A chapter can be at most ${n(CHAPTER_LIMITS.body)} characters.`)
        .refine((s) => s.trim() !== "", "Write the chapter's text before saving it."),
    ),
  format: z.enum(["html", "plain"], { message: "Choose rich text or plain text." }),
};

/** A chapter's fields once checked, before they are sanitized. */
export interface ChapterDraft {
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  body: string;
  format: TextFormat;
}

/** A chapter's content, sanitized, as it is stored and shown. */
export interface ChapterContent {
  title: string;
  summary: SafeHtml;
  notes: SafeHtml;
  endNotes: SafeHtml;
  body: SafeHtml;
  wordCount: number;
}

/** Whether sanitized chapter HTML holds anything to read: text, or at least an image. */
export function hasReadableText(body: SafeHtml): boolean {
  return body.replace(/<(?!img\b)[^>]*>/gi, "").trim() !== "";
}

/**
 * Turns what the writer typed into what is stored: sanitized HTML (paragraphs for plain text)
 * and the body's word count. A body with nothing left for readers is refused beside its field.
 */
export async function prepareChapter(
  input: ChapterDraft,
): Promise<{ ok: true; content: ChapterContent } | { ok: false; errors: FieldErrors }> {
  const body = toSafeHtml(input.body, input.format);
  // Only markup left (say, "<p></p>" where a script was): there is nothing for readers to read.
  if (!hasReadableText(body)) {
    return {
      ok: false,
      errors: { body: "Nothing is left of this text once markup the archive does not allow is removed." },
    };
  }
  return {
    ok: true,
    content: {
      title: input.title,
      summary: toSafeHtml(input.summary, "html"),
      notes: toSafeHtml(input.notes, "html"),
      endNotes: toSafeHtml(input.endNotes, "html"),
      body,
      wordCount: await countWordsOffThread(body),
    },
  };
}

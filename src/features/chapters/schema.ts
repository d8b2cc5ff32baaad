import { z } from "zod";
import { type FieldErrors, type FormBody, type FormResult, formValue, validate } from "../../lib/forms";
import { normalizeText, normalizeTitle } from "../../lib/text";

/** Size limits of a chapter's fields (DESIGN §5), counted after NFC normalisation. */
export const CHAPTER_LIMITS = { title: 255, summary: 1250, notes: 5000, body: 510_000 } as const;

const n = (x: number) => x.toLocaleString("en-US");

const longText = (max: number, what: string) =>
  z
    .string()
    .transform(normalizeText)
    .pipe(z.string().max(max, `${what} can be at most ${n(max)} characters.`));

export const chapterActions = ["preview", "draft", "post"] as const;
export type ChapterAction = (typeof chapterActions)[number];

export const chapterFormSchema = z.object({
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
  position: z
    .string()
    .trim()
    .refine(
      (s) => s === "" || (/^[0-9]{1,6}$/.test(s) && Number(s) >= 1),
      "Enter a chapter number of 1 or more.",
    )
    .transform((s) => (s === "" ? null : Number(s))),
});

export type ChapterInput = z.output<typeof chapterFormSchema>;

/** The form's fields as typed, to show again beside the errors or below a preview. */
export interface ChapterFormValues {
  title: string;
  summary: string;
  notes: string;
  end_notes: string;
  body: string;
  format: string;
  position: string;
}

export function chapterFormValues(body: FormBody): ChapterFormValues {
  return {
    title: formValue(body, "title"),
    summary: formValue(body, "summary"),
    notes: formValue(body, "notes"),
    end_notes: formValue(body, "end_notes"),
    body: formValue(body, "body"),
    format: formValue(body, "format") || "html",
    position: formValue(body, "position"),
  };
}

/** Which button was pressed. Anything unexpected only previews, so nothing is saved by mistake. */
export function chapterAction(body: FormBody): ChapterAction {
  const a = formValue(body, "action");
  return (chapterActions as readonly string[]).includes(a) ? (a as ChapterAction) : "preview";
}

export function parseChapterForm(values: ChapterFormValues): FormResult<ChapterInput> {
  return validate(chapterFormSchema, values);
}

/**
 * Reads the manage form: one `position_<chapterId>` field per chapter, which together must number
 * the chapters 1..n with no gaps or repeats. Returns the chapter ids in their new order.
 */
export function parseChapterOrder(body: FormBody, chapterIds: number[]): FormResult<number[]> {
  const errors: FieldErrors = {};
  const wanted = new Map<number, number>();
  const count = chapterIds.length;
  for (const id of chapterIds) {
    const raw = formValue(body, `position_${id}`).trim();
    if (!/^[0-9]{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > count) {
      errors[`position_${id}`] = `Enter a number from 1 to ${count}.`;
    } else {
      wanted.set(id, Number(raw));
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const used = new Set(wanted.values());
  if (used.size !== count) {
    return {
      ok: false,
      errors: { _form: `Give each chapter a different number from 1 to ${count}, using each number once.` },
    };
  }
  const order = [...chapterIds].sort((a, b) => wanted.get(a)! - wanted.get(b)!);
  return { ok: true, data: order };
}

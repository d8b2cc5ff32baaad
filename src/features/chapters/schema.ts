import { z } from "zod";
import { chapterFields } from "../../core/chapter/content";
import { type FieldErrors, type FormBody, type FormResult, formValue, validate } from "../../lib/forms";

export const chapterActions = ["preview", "draft", "post"] as const;
export type ChapterAction = (typeof chapterActions)[number];

export const chapterFormSchema = z.object({
  ...chapterFields,
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

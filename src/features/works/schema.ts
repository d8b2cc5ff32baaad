import { z } from "zod";
import { chapterFields } from "../../core/chapter/content";
import { LANGUAGE_CODES } from "../../core/work/languages";
import type { TagType } from "../../db/types";
import type { FieldErrors, FormBody, FormResult } from "../../lib/forms";
import { formValue, formValues, validate } from "../../lib/forms";
import { nameKey, normalizeName, normalizeText, normalizeTitle, type TextFormat } from "../../lib/text";
import { formatNumber } from "../../lib/time";
import {
  categoriesSchema,
  ratingSchema,
  tagListSchema,
  userTagCountError,
  warningsSchema,
} from "../tags/schema";
import { DEFAULT_RATING, joinTagList, type WorkTags } from "../tags/tags";

export const TITLE_MAX = 255;
export const SUMMARY_MAX = 1_250;
export const NOTES_MAX = 5_000;
export const EXPECTED_CHAPTERS_MAX = 5_000;

/** What the work form holds, exactly as typed: used to fill the form again. */
export interface WorkFormValues {
  title: string;
  pseudIds: string[];
  coCreators: string;
  summary: string;
  notes: string;
  endNotes: string;
  rating: string;
  warnings: string[];
  categories: string[];
  fandoms: string;
  relationships: string;
  characters: string;
  freeforms: string;
  language: string;
  complete: boolean;
  expectedChapters: string;
  restricted: boolean;
  anonymous: boolean;
  chapterTitle: string;
  body: string;
  format: TextFormat;
}

/** The work's own fields, checked and normalised. */
export interface WorkFields {
  title: string;
  pseudIds: number[];
  coCreators: string[];
  summary: string;
  notes: string;
  endNotes: string;
  tags: WorkTags;
  language: string;
  complete: boolean;
  expectedChapters: number | null;
  restricted: boolean;
  anonymous: boolean;
}

export type WorkAction = "preview" | "draft" | "post";

/** A new work: its fields, its first chapter, and what the writer asked for. */
export interface NewWorkInput extends WorkFields {
  chapterTitle: string;
  body: string;
  format: TextFormat;
  action: WorkAction;
}

const checked = (body: FormBody, name: string) => {
  const v = formValue(body, name);
  return v !== "" && v !== "0";
};

export function workFormValues(body: FormBody): WorkFormValues {
  const v = (name: string) => formValue(body, name);
  return {
    title: v("title"),
    pseudIds: formValues(body, "pseud_ids"),
    coCreators: v("co_creators"),
    summary: v("summary"),
    notes: v("notes"),
    endNotes: v("end_notes"),
    rating: v("rating"),
    warnings: formValues(body, "warnings"),
    categories: formValues(body, "categories"),
    fandoms: v("fandoms"),
    relationships: v("relationships"),
    characters: v("characters"),
    freeforms: v("freeforms"),
    language: v("language"),
    complete: checked(body, "complete"),
    expectedChapters: v("expected_chapters"),
    restricted: checked(body, "restricted"),
    anonymous: checked(body, "anonymous"),
    chapterTitle: v("chapter_title"),
    body: v("body"),
    format: v("format") === "plain" ? "plain" : "html",
  };
}

function tooLong(label: string, max: number, length: number) {
  return `${label} must be at most ${formatNumber(max)} characters (it has ${formatNumber(length)}).`;
}

/** Free text (summary, notes, chapter text): NFC with Unix line endings, at most `max` characters. */
function longText(label: string, max: number, required?: string) {
  return z.string().transform((raw, ctx) => {
    const text = normalizeText(raw);
    if (required && text.trim() === "") {
      ctx.addIssue({ code: "custom", message: required });
      return z.NEVER;
    }
    if (text.length > max) {
      ctx.addIssue({ code: "custom", message: tooLong(label, max, text.length) });
      return z.NEVER;
    }
    return text;
  });
}

/** A one-line name (titles): normalised, without direction controls, at most `max` characters. */
function lineText(label: string, max: number, required?: string) {
  return z.string().transform((raw, ctx) => {
    const text = normalizeTitle(raw);
    if (required && text === "") {
      ctx.addIssue({ code: "custom", message: required });
      return z.NEVER;
    }
    if (text.length > max) {
      ctx.addIssue({ code: "custom", message: tooLong(label, max, text.length) });
      return z.NEVER;
    }
    return text;
  });
}

/** The most co-creators one save may invite. */
export const CO_CREATORS_MAX = 50;

/**
 * Names of people to invite: comma-separated, normalised, each once. It stops one past
 * CO_CREATORS_MAX, which is enough to tell the writer there are too many.
 */
function nameList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const piece of text.split(",")) {
    const name = normalizeName(piece);
    if (name === "" || seen.has(nameKey(name))) continue;
    seen.add(nameKey(name));
    out.push(name);
    if (out.length > CO_CREATORS_MAX) break;
  }
  return out;
}

const expectedChapters = z.string().transform((raw, ctx) => {
  const text = raw.trim();
  if (text === "" || text === "?") return null;
  const n = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 1 && n <= EXPECTED_CHAPTERS_MAX)) {
    ctx.addIssue({
      code: "custom",
      message: `Expected chapters must be a whole number from 1 to ${formatNumber(EXPECTED_CHAPTERS_MAX)}, or blank if you don't know yet.`,
    });
    return z.NEVER;
  }
  return n;
});

// Keys are the form's field names, so each message lands beside its field.
const workShape = {
  title: lineText("The title", TITLE_MAX, "Please give the work a title."),
  pseud_ids: z.array(z.string()).transform((ids) => ids.map((id) => Number(id))),
  co_creators: z.string().transform(nameList),
  summary: longText("The summary", SUMMARY_MAX),
  notes: longText("The notes", NOTES_MAX),
  end_notes: longText("The end notes", NOTES_MAX),
  rating: ratingSchema,
  warnings: warningsSchema,
  categories: categoriesSchema,
  fandoms: tagListSchema({ required: "Please add at least one fandom." }),
  relationships: tagListSchema(),
  characters: tagListSchema(),
  freeforms: tagListSchema(),
  language: z.enum(LANGUAGE_CODES, { message: "Choose a language from the list." }),
  complete: z.boolean(),
  expected_chapters: expectedChapters,
  restricted: z.boolean(),
  anonymous: z.boolean(),
};

// The first chapter is checked by the same rules as every later one.
const chapterShape = {
  chapter_title: chapterFields.title,
  body: chapterFields.body,
  format: chapterFields.format,
  action: z.enum(["preview", "draft", "post"]).catch("post"),
};

const editSchema = z.object(workShape);
const newSchema = z.object({ ...workShape, ...chapterShape });

function formInput(body: FormBody) {
  const v = workFormValues(body);
  return {
    title: v.title,
    pseud_ids: v.pseudIds,
    co_creators: v.coCreators,
    summary: v.summary,
    notes: v.notes,
    end_notes: v.endNotes,
    rating: v.rating,
    warnings: v.warnings,
    categories: v.categories,
    fandoms: v.fandoms,
    relationships: v.relationships,
    characters: v.characters,
    freeforms: v.freeforms,
    language: v.language || "en",
    complete: v.complete,
    expected_chapters: v.expectedChapters,
    restricted: v.restricted,
    anonymous: v.anonymous,
    chapter_title: v.chapterTitle,
    body: v.body,
    format: v.format,
    action: formValue(body, "action"),
  };
}

type ParsedWork = z.output<typeof editSchema>;

function workFields(d: ParsedWork): WorkFields {
  return {
    title: d.title,
    pseudIds: d.pseud_ids,
    coCreators: d.co_creators,
    summary: d.summary,
    notes: d.notes,
    endNotes: d.end_notes,
    tags: {
      rating: [d.rating],
      warning: d.warnings,
      category: d.categories,
      fandom: d.fandoms,
      relationship: d.relationships,
      character: d.characters,
      freeform: d.freeforms,
    },
    language: d.language,
    complete: d.complete,
    expectedChapters: d.expected_chapters,
    restricted: d.restricted,
    anonymous: d.anonymous,
  };
}

/** Checks with zod, then adds the rules that span fields; one message per field. */
function check<S extends z.ZodType>(schema: S, body: FormBody): FormResult<z.output<S>> {
  const result = validate(schema, formInput(body));
  const errors: FieldErrors = {};
  if (!result.ok) {
    // A bad item of a checkbox group ("warnings.0") is shown beside the group.
    for (const [key, message] of Object.entries(result.errors)) {
      const field = key.split(".")[0]!;
      if (!(field in errors)) errors[field] = message;
    }
  }
  for (const [field, message] of Object.entries(userTagCountError(body))) {
    if (!(field in errors)) errors[field] = message;
  }
  if (Object.keys(errors).length > 0 || !result.ok) return { ok: false, errors };
  return result;
}

/** The posting form. */
export function parseNewWork(body: FormBody): FormResult<NewWorkInput> {
  const r = check(newSchema, body);
  if (!r.ok) return r;
  const d = r.data;
  return {
    ok: true,
    data: {
      ...workFields(d),
      chapterTitle: d.chapter_title,
      body: d.body,
      format: d.format,
      action: d.action,
    },
  };
}

/** The edit form (a work's fields without chapter text). */
export function parseWorkEdit(body: FormBody): FormResult<WorkFields> {
  const r = check(editSchema, body);
  if (!r.ok) return r;
  return { ok: true, data: workFields(r.data) };
}

/** The posting form before anything is typed: the default pseud ticked, English, unrated. */
export function blankWorkValues(pseuds: { id: number; isDefault: boolean }[]): WorkFormValues {
  const credited = pseuds.find((p) => p.isDefault) ?? pseuds[0];
  return {
    ...workFormValues({}),
    pseudIds: credited ? [String(credited.id)] : [],
    rating: DEFAULT_RATING,
    language: "en",
  };
}

/** A saved work in the edit form. Summary and notes come back as the HTML they were saved as. */
export function savedWorkValues(
  work: {
    title: string;
    summary: string;
    notes: string;
    endNotes: string;
    language: string;
    complete: boolean;
    expectedChapters: number | null;
    restricted: boolean;
    anonymous: boolean;
  },
  tags: { type: TagType; name: string }[],
  creditedPseudIds: number[],
): WorkFormValues {
  const of = (type: TagType) => tags.filter((t) => t.type === type).map((t) => t.name);
  return {
    ...workFormValues({}),
    title: work.title,
    pseudIds: creditedPseudIds.map(String),
    summary: work.summary,
    notes: work.notes,
    endNotes: work.endNotes,
    rating: of("rating")[0] ?? DEFAULT_RATING,
    warnings: of("warning"),
    categories: of("category"),
    fandoms: joinTagList(of("fandom")),
    relationships: joinTagList(of("relationship")),
    characters: joinTagList(of("character")),
    freeforms: joinTagList(of("freeform")),
    language: work.language,
    complete: work.complete,
    expectedChapters: work.expectedChapters === null ? "" : String(work.expectedChapters),
    restricted: work.restricted,
    anonymous: work.anonymous,
  };
}

/** Just the creator fields: checked even when the rest of the form has errors. */
export function creatorFields(body: FormBody): { pseudIds: number[]; coCreators: string[] } {
  return {
    pseudIds: formValues(body, "pseud_ids").map((id) => Number(id)),
    coCreators: nameList(formValue(body, "co_creators")),
  };
}

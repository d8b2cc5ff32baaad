import type { PageCtx } from "../../../context";
import { CHAPTER_LIMITS, type ChapterContent } from "../../../core/chapter/content";
import type { FieldErrors } from "../../../lib/forms";
import { ChapterText, chapterLabel } from "../../../views/ChapterText";
import {
  ErrorSummary,
  PostForm,
  PostingButtons,
  TextArea,
  TextField,
  TextFormatField,
} from "../../../views/form";
import { Layout } from "../../../views/Layout";
import type { ChapterFormValues } from "../schema";

export interface ChapterFormPageProps {
  ctx: PageCtx;
  work: { id: number; title: string; posted: boolean };
  /** The chapter being edited; absent when adding one. */
  chapter?: { id: number; position: number; title: string; posted: boolean };
  /** How many chapters the work has now (drafts included). */
  chapterCount: number;
  values: ChapterFormValues;
  errors?: FieldErrors;
  preview?: ChapterContent & { number: number };
}

/**
 * Adding or editing a chapter, with the preview above the form when the writer asked for one.
 * Limits are checked by the server, which explains them beside the field, not by browser pop-ups.
 */
export function ChapterFormPage(p: ChapterFormPageProps) {
  const editing = p.chapter !== undefined;
  const heading = p.chapter ? `Edit ${chapterLabel(p.chapter.position, p.chapter.title)}` : "Add a chapter";
  const action = p.chapter ? `/works/${p.work.id}/chapters/${p.chapter.id}` : `/works/${p.work.id}/chapters`;
  const lastPosition = editing ? p.chapterCount : p.chapterCount + 1;
  return (
    <Layout ctx={p.ctx} title={`${heading} | ${p.work.title}`}>
      <h1>{heading}</h1>
      <p>
        of <a href={`/works/${p.work.id}`}>{p.work.title}</a>
        {!p.work.posted && " (a draft work)"}
      </p>
      {p.preview && (
        <section class="preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          <p>This is how the chapter will look. Nothing is saved yet: use the buttons below the form.</p>
          <ChapterText chapter={p.preview} wordCount />
        </section>
      )}
      <ErrorSummary errors={p.errors} />
      <PostForm action={action} csrf={p.ctx.csrf} class="chapter-form">
        {p.preview && <h2>Keep editing</h2>}
        <TextField
          name="title"
          label="Chapter title (optional)"
          value={p.values.title}
          errors={p.errors}
          maxLength={CHAPTER_LIMITS.title}
        />
        <TextField
          name="position"
          label="Chapter number"
          type="number"
          min={1}
          value={p.values.position}
          errors={p.errors}
          hint={
            editing
              ? `From 1 to ${lastPosition}; the other chapters move to make room.`
              : `Leave empty to add it after the last chapter (number ${lastPosition}).`
          }
        />
        <TextArea
          name="summary"
          label="Chapter summary (optional)"
          value={p.values.summary}
          errors={p.errors}
          rows={4}
          hint={`Up to ${CHAPTER_LIMITS.summary.toLocaleString("en-US")} characters. HTML is allowed.`}
        />
        <TextArea
          name="notes"
          label="Notes at the beginning (optional)"
          value={p.values.notes}
          errors={p.errors}
          rows={4}
          hint={`Up to ${CHAPTER_LIMITS.notes.toLocaleString("en-US")} characters. HTML is allowed.`}
        />
        <TextFormatField
          legend="How is the chapter text written?"
          value={p.values.format}
          errors={p.errors}
        />
        <TextArea
          name="body"
          label="Chapter text"
          value={p.values.body}
          errors={p.errors}
          rows={24}
          hint={`Up to ${CHAPTER_LIMITS.body.toLocaleString("en-US")} characters.`}
        />
        <TextArea
          name="end_notes"
          label="Notes at the end (optional)"
          value={p.values.end_notes}
          errors={p.errors}
          rows={4}
          hint={`Up to ${CHAPTER_LIMITS.notes.toLocaleString("en-US")} characters. HTML is allowed.`}
        />
        <Buttons posted={p.chapter?.posted ?? false} workPosted={p.work.posted} />
      </PostForm>
      {p.chapter && (
        <p>
          <a href={`/works/${p.work.id}/chapters/manage`}>Reorder chapters</a> ·{" "}
          <a href={`/works/${p.work.id}/chapters/${p.chapter.id}/delete`}>Delete this chapter</a>
        </p>
      )}
    </Layout>
  );
}

function Buttons(props: { posted: boolean; workPosted: boolean }) {
  return (
    <div class="actions">
      {!props.workPosted && (
        <p class="hint">
          This work is a draft, so its chapters are drafts too: they go up when you post the work from its
          page.
        </p>
      )}
      <PostingButtons posted={props.posted} />
    </div>
  );
}

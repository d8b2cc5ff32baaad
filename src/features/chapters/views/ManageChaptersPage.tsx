import type { PageCtx } from "../../../context";
import type { FieldErrors } from "../../../lib/forms";
import { chapterLabel } from "../../../views/ChapterText";
import { ErrorSummary, PostForm, TextField } from "../../../views/form";
import { Layout } from "../../../views/Layout";
import type { ChapterEntry } from "../queries";

/** Renumbering a work's chapters: one number per chapter, all saved at once. */
export function ManageChaptersPage(p: {
  ctx: PageCtx;
  work: { id: number; title: string };
  chapters: ChapterEntry[];
  /** The numbers as typed, by chapter id, when the form comes back with an error. */
  values?: Record<number, string>;
  errors?: FieldErrors;
}) {
  const n = p.chapters.length;
  return (
    <Layout ctx={p.ctx} title={`Manage chapters | ${p.work.title}`}>
      <h1>Manage chapters</h1>
      <p>
        of <a href={`/works/${p.work.id}`}>{p.work.title}</a>
      </p>
      <ErrorSummary errors={p.errors} />
      <PostForm action={`/works/${p.work.id}/chapters/manage`} csrf={p.ctx.csrf} class="manage-chapters">
        <p class="hint">Give each chapter its new number, from 1 to {n}, using each number once.</p>
        <ol>
          {p.chapters.map((c) => (
            <li>
              <TextField
                name={`position_${c.id}`}
                type="number"
                min={1}
                label={`Number for ${chapterLabel(c.position, c.title)}${c.posted ? "" : " (draft)"}`}
                value={p.values?.[c.id] ?? String(c.position)}
                errors={p.errors}
              />
            </li>
          ))}
        </ol>
        <button type="submit">Save</button>
      </PostForm>
      <p>
        <a href={`/works/${p.work.id}/chapters/new`}>Add a chapter</a>
      </p>
    </Layout>
  );
}

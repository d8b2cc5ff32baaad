import type { PageCtx } from "../../../context";
import type { FieldErrors } from "../../../lib/forms";
import { PostForm } from "../../../views/form";
import { Layout } from "../../../views/Layout";
import type { ChapterLine, PseudChoice, WorkForEdit } from "../queries";
import type { WorkFormValues } from "../schema";
import { WorkForm } from "./WorkForm";

export function EditWorkPage(p: {
  ctx: PageCtx;
  work: Pick<WorkForEdit, "id" | "title" | "posted">;
  values: WorkFormValues;
  pseuds: PseudChoice[] | null;
  chapters: ChapterLine[];
  errors?: FieldErrors;
}) {
  const id = p.work.id;
  return (
    <Layout ctx={p.ctx} title={`Edit ${p.work.title}`}>
      <h1>Edit “{p.work.title}”</h1>
      {!p.work.posted && (
        <div class="caution">
          <p>This work is a draft: only its creators can see it.</p>
          <PostForm action={`/works/${id}/post`} csrf={p.ctx.csrf} class="inline">
            <button type="submit">Post</button>
          </PostForm>
        </div>
      )}
      <WorkForm
        ctx={p.ctx}
        action={`/works/${id}`}
        values={p.values}
        pseuds={p.pseuds}
        errors={p.errors}
        chapters={{ workId: id, list: p.chapters }}
      />
      <ul class="actions">
        <li>
          <a href={`/works/${id}`}>Back to the work</a>
        </li>
        <li>
          <a href={`/works/${id}/delete`}>Delete this work</a>
        </li>
      </ul>
    </Layout>
  );
}

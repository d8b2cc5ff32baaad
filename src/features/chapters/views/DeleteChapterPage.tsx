import type { PageCtx } from "../../../context";
import { chapterLabel } from "../../../views/ChapterText";
import { PostForm } from "../../../views/form";
import { Layout } from "../../../views/Layout";

/** Asks before deleting: a deleted chapter and its text cannot be brought back. */
export function DeleteChapterPage(p: {
  ctx: PageCtx;
  work: { id: number; title: string };
  chapter: { id: number; position: number; title: string; wordCount: number };
}) {
  const label = chapterLabel(p.chapter.position, p.chapter.title);
  return (
    <Layout ctx={p.ctx} title={`Delete ${label} | ${p.work.title}`}>
      <h1>Delete {label}?</h1>
      <p>
        This deletes {label} of <a href={`/works/${p.work.id}`}>{p.work.title}</a> (
        {p.chapter.wordCount.toLocaleString("en-US")} words) for good. The chapters after it move up by one.
        This can't be undone.
      </p>
      <PostForm action={`/works/${p.work.id}/chapters/${p.chapter.id}/delete`} csrf={p.ctx.csrf}>
        <button type="submit" class="danger">
          Yes, delete the chapter
        </button>{" "}
        <a href={`/works/${p.work.id}/chapters/${p.chapter.id}/edit`}>No, keep it</a>
      </PostForm>
    </Layout>
  );
}

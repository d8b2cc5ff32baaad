import type { PageCtx } from "../../../context";
import { PostForm } from "../../../views/form";
import { Layout } from "../../../views/Layout";

export function DeletePage(p: { ctx: PageCtx; work: { id: number; title: string } }) {
  return (
    <Layout ctx={p.ctx} title={`Delete ${p.work.title}`}>
      <h1>Delete work</h1>
      <p>
        Delete <strong>{p.work.title}</strong>? This cannot be undone.
      </p>
      <PostForm action={`/works/${p.work.id}/delete`} csrf={p.ctx.csrf}>
        <div class="buttons">
          <button type="submit" class="danger">
            Yes, delete this work
          </button>
          <a href={`/works/${p.work.id}/edit`}>Cancel</a>
        </div>
      </PostForm>
    </Layout>
  );
}

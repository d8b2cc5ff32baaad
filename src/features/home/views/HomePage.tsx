import type { PageCtx } from "../../../context";
import type { WorkBlurb } from "../../../core/work/blurbs";
import { Layout } from "../../../views/Layout";
import { WorkBlurbList } from "../../../views/WorkBlurb";

/** The front page: what Quire is, where to start, and the newest works. */
export function HomePage({ ctx, works }: { ctx: PageCtx; works: WorkBlurb[] }) {
  return (
    <Layout ctx={ctx} title="Quire">
      <section class="welcome" aria-labelledby="welcome-heading">
        <h1 id="welcome-heading">Quire</h1>
        <p>
          Quire is a fan-fiction archive run by its own community. Writers post their works, chapter by
          chapter, and tag them; readers find them by fandom, character, relationship or any other tag, leave
          kudos and comments, and bookmark what they love.
        </p>
        <p class="actions">
          {ctx.viewer ? (
            <a href="/works/new">Post a work</a>
          ) : (
            <>
              <a href="/signup">Sign up</a> to post your own works, or <a href="/login">sign in</a> and{" "}
              <a href="/works/new">post a work</a>.
            </>
          )}{" "}
          Or <a href="/works">browse all works</a>.
        </p>
      </section>
      <section aria-labelledby="newest-heading">
        <h2 id="newest-heading">Newest works</h2>
        <WorkBlurbList blurbs={works} empty="No works have been posted yet. Yours could be the first." />
      </section>
    </Layout>
  );
}

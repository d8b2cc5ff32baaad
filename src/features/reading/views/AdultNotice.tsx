import type { PageCtx } from "../../../context";
import type { Work } from "../../../core/work/queries";
import { Layout } from "../../../views/Layout";
import { Html } from "../../../views/SafeHtml";
import type { Creator, WorkTags } from "../queries";
import { Byline } from "./Byline";
import { WorkMeta } from "./WorkMeta";

/** Shown before a Mature, Explicit or Not Rated work, with what the reader needs to decide. */
export function AdultNotice(props: {
  ctx: PageCtx;
  work: Work;
  creators: Creator[];
  tags: WorkTags;
  languageName: string;
  /** The page asked for, with view_adult=true. */
  continueHref: string;
}) {
  const { work } = props;
  return (
    <Layout ctx={props.ctx} title={work.title}>
      <h1>Adult content notice</h1>
      <div class="adult-notice" role="alert">
        <p>
          This work could have adult content. If you continue, you have agreed that you are willing to see
          such content.
        </p>
        <ul class="actions">
          <li>
            <a href={props.continueHref}>Yes, continue</a>
          </li>
          <li>
            <a href="/">No, go back</a>
          </li>
        </ul>
        {props.ctx.viewer && (
          <p>
            You can turn this notice off in your <a href="/account">account preferences</a>.
          </p>
        )}
      </div>
      <section class="work-blurb">
        <h2 class="title">{work.title}</h2>
        <Byline anonymous={work.anonymous} creators={props.creators} />
        <WorkMeta work={work} tags={props.tags} languageName={props.languageName} />
        {work.summary && (
          <section class="summary">
            <h3>Summary</h3>
            <div class="userstuff">
              <Html html={work.summary} />
            </div>
          </section>
        )}
      </section>
    </Layout>
  );
}

import type { PageCtx } from "../../../context";
import type { Work } from "../../../core/work/queries";
import { formatDate } from "../../../lib/time";
import { Layout } from "../../../views/Layout";
import type { ChapterEntry, Creator } from "../queries";
import type { Numbered } from "../reading";
import { Byline } from "./Byline";

/** The numbered list of a work's chapters with the day each was posted. */
export function ChapterIndex(props: {
  ctx: PageCtx;
  work: Work;
  creators: Creator[];
  chapters: Numbered<ChapterEntry>[];
}) {
  const { work, chapters } = props;
  return (
    <Layout ctx={props.ctx} title={`Chapter index – ${work.title}`}>
      <h1>
        Chapter index for <a href={`/works/${work.id}`}>{work.title}</a>
      </h1>
      <Byline anonymous={work.anonymous} creators={props.creators} />
      {chapters.length === 0 ? (
        <p>This work has no chapters to show yet.</p>
      ) : (
        <ol class="chapter-index">
          {chapters.map((ch) => (
            <li>
              <a href={`/works/${work.id}/chapters/${ch.id}`}>{ch.title || `Chapter ${ch.number}`}</a>{" "}
              {ch.posted && ch.postedAt !== null ? (
                <span class="datetime">({formatDate(ch.postedAt)})</span>
              ) : (
                <span class="draft">(Draft)</span>
              )}
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}

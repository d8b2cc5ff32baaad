import type { PageCtx } from "../../../context";
import type { Work } from "../../../core/work/queries";
import type { SafeHtml } from "../../../lib/sanitize";
import { ChapterText } from "../../../views/ChapterText";
import { PostForm } from "../../../views/form";
import { Layout } from "../../../views/Layout";
import { Html } from "../../../views/SafeHtml";
import type { ChapterEntry, Creator, ChapterText as ShownChapter, WorkTags } from "../queries";
import { chapterHeading, type Numbered } from "../reading";
import { Byline } from "./Byline";
import { WorkMeta } from "./WorkMeta";

export interface WorkPageProps {
  ctx: PageCtx;
  work: Work;
  creators: Creator[];
  tags: WorkTags;
  languageName: string;
  /** Every chapter this reader may open. */
  chapters: Numbered<ChapterEntry>[];
  /** The chapters on this page: one, or all of them with `full`. */
  shown: Numbered<ShownChapter>[];
  full: boolean;
  canEdit: boolean;
  isCreator: boolean;
  /** Links within the work keep view_adult=true so the notice is not shown again on every chapter. */
  viewAdult: boolean;
}

function link(path: string, viewAdult: boolean, query: Record<string, string> = {}): string {
  const params = new URLSearchParams(query);
  if (viewAdult) params.set("view_adult", "true");
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

/** A block of user HTML under its heading, or nothing when it is empty. */
function Notes(props: { heading: string; html: SafeHtml; class: string }) {
  if (!props.html) return null;
  return (
    <section class={props.class}>
      <h3>{props.heading}</h3>
      <div class="userstuff">
        <Html html={props.html} />
      </div>
    </section>
  );
}

function ChapterNav(props: WorkPageProps & { label: string }) {
  const { work, chapters, shown, full, viewAdult } = props;
  const base = `/works/${work.id}`;
  const at = full ? -1 : chapters.findIndex((c) => c.id === shown[0]?.id);
  const prev = at > 0 ? chapters[at - 1] : undefined;
  const next = at >= 0 ? chapters[at + 1] : undefined;
  return (
    <nav class="chapter-nav" aria-label={props.label}>
      <ul>
        {prev && (
          <li>
            <a rel="prev" href={link(`${base}/chapters/${prev.id}`, viewAdult)}>
              ← Previous chapter
            </a>
          </li>
        )}
        {next && (
          <li>
            <a rel="next" href={link(`${base}/chapters/${next.id}`, viewAdult)}>
              Next chapter →
            </a>
          </li>
        )}
        <li>
          {full ? (
            <a href={link(base, viewAdult)}>Chapter by chapter</a>
          ) : (
            <a href={link(base, viewAdult, { view_full_work: "true" })}>Entire work</a>
          )}
        </li>
        <li>
          <a href={`${base}/navigate`}>Chapter index</a>
        </li>
      </ul>
    </nav>
  );
}

function WorkActions(props: WorkPageProps) {
  const { work, shown, full, ctx } = props;
  const base = `/works/${work.id}`;
  const current = !full && shown.length === 1 ? shown[0] : undefined;
  return (
    <nav class="work-actions" aria-label="Work actions">
      <ul>
        <li>
          <a href={`${base}/edit`}>Edit work</a>
        </li>
        <li>
          <a href={`${base}/chapters/new`}>Add chapter</a>
        </li>
        {current && (
          <li>
            <a href={`${base}/chapters/${current.id}/edit`}>Edit chapter</a>
          </li>
        )}
        <li>
          <a href={`${base}/chapters/manage`}>Manage chapters</a>
        </li>
        <li>
          <a href={`${base}/delete`}>Delete work</a>
        </li>
        {!work.posted && (
          <li>
            <PostForm action={`${base}/post`} csrf={ctx.csrf} class="inline">
              <button type="submit">Post work</button>
            </PostForm>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** The work page: metadata, preface, one chapter (or all of them), navigation, the creators' tools. */
export function WorkPage(props: WorkPageProps) {
  const { work, chapters, shown, full, canEdit } = props;
  const multi = chapters.length > 1;
  const first = shown[0];
  const last = shown[shown.length - 1];
  // The work's summary and notes open the work; its end notes close it.
  const opensWork = !first || first.number === 1;
  const closesWork = !last || last.number === chapters.length;
  const title = !full && multi && first ? `${work.title} – ${chapterHeading(first)}` : work.title;
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1 class="visually-hidden">Work</h1>
      {!work.posted && (
        <p class="notice draft-notice">
          This work is a draft: only its creators can see it until it is posted.
        </p>
      )}
      {canEdit && <WorkActions {...props} />}
      <WorkMeta work={work} tags={props.tags} languageName={props.languageName} />
      {work.restricted && <p class="restricted">Only signed-in readers can see this work.</p>}
      <article class="work">
        <div class="preface">
          <h2 class="title">{work.title}</h2>
          <Byline anonymous={work.anonymous} creators={props.creators} />
          {work.anonymous && props.isCreator && (
            <p class="notice">This work is anonymous: readers see “Anonymous” instead of your name.</p>
          )}
          {opensWork && <Notes heading="Summary" html={work.summary} class="summary" />}
          {opensWork && <Notes heading="Notes" html={work.notes} class="notes" />}
        </div>
        {multi && <ChapterNav {...props} label="Chapters" />}
        {shown.map((ch) => (
          // A one-chapter work has no chapter heading to show; its text still gets one for screen readers.
          <ChapterText
            chapter={ch}
            titled={multi || ch.title !== ""}
            id={`chapter-${ch.number}`}
            editHref={canEdit && full ? `/works/${work.id}/chapters/${ch.id}/edit` : undefined}
          />
        ))}
        {closesWork && <Notes heading="End notes" html={work.endNotes} class="end-notes" />}
        {multi && <ChapterNav {...props} label="Chapters, end of page" />}
      </article>
    </Layout>
  );
}

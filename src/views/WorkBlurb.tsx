import type { WorkBlurb as Blurb } from "../core/work/blurbs";
import { languageName } from "../core/work/languages";
import { tagWorksPath } from "../lib/tagurl";
import { formatDate, formatNumber } from "../lib/time";
import { pseudPath } from "./paths";
import { Html } from "./SafeHtml";

function Creators({ blurb }: { blurb: Blurb }) {
  if (blurb.anonymous || blurb.creators.length === 0) return <span class="creator">Anonymous</span>;
  return (
    <>
      {blurb.creators.map((c, i) => (
        <>
          {i > 0 && (i === blurb.creators.length - 1 ? " and " : ", ")}
          <a rel="author" href={pseudPath(c.login, c.pseud)}>
            {c.pseud === c.login ? c.pseud : `${c.pseud} (${c.login})`}
          </a>
        </>
      ))}
    </>
  );
}

function TagLinks({ names }: { names: string[] }) {
  return (
    <>
      {names.map((name, i) => (
        <>
          {i > 0 && ", "}
          <a class="tag" href={tagWorksPath(name)}>
            {name}
          </a>
        </>
      ))}
    </>
  );
}

function TagItems({ names, kind }: { names: string[]; kind: string }) {
  return (
    <>
      {names.map((name) => (
        <li class={kind}>
          <a class="tag" href={tagWorksPath(name)}>
            {name}
          </a>
        </li>
      ))}
    </>
  );
}

/** Title heading level: 3 under a page's h2 section, 2 when the listing sits right under the h1. */
export type BlurbHeadingLevel = 2 | 3;

/** One work in a listing: what a reader needs to decide whether to open it. */
export function WorkBlurb({ blurb, level = 3 }: { blurb: Blurb; level?: BlurbHeadingLevel }) {
  const Heading = level === 2 ? "h2" : "h3";
  const t = blurb.tags;
  const chapters = `${formatNumber(blurb.chapterCount)}/${
    blurb.expectedChapters === null ? "?" : formatNumber(blurb.expectedChapters)
  }`;
  const hasTags = t.relationships.length + t.characters.length + t.freeforms.length > 0;
  return (
    <li class={`work blurb${blurb.posted ? "" : " draft"}`} id={`work-${blurb.id}`}>
      <div class="header">
        <Heading class="heading">
          <a href={`/works/${blurb.id}`}>{blurb.title}</a> by <Creators blurb={blurb} />
          {!blurb.posted && (
            <>
              {" "}
              <span class="badge draft-badge">Draft</span>
            </>
          )}
          {blurb.restricted && (
            <>
              {" "}
              <span class="badge restricted-badge" title="Only signed-in readers can see this work">
                <span aria-hidden="true">🔒 </span>Restricted
              </span>
            </>
          )}
        </Heading>
        <p class="fandoms">
          <span class="label">Fandoms: </span>
          {t.fandoms.length ? <TagLinks names={t.fandoms} /> : "none given"}
        </p>
        <ul class="required-tags" aria-label="Required tags">
          <li class="rating">Rating: {t.rating.length ? t.rating.join(", ") : "Not Rated"}</li>
          <li class="warnings">
            Warnings:{" "}
            {t.warnings.length ? t.warnings.join(", ") : "Creator Chose Not To Use Archive Warnings"}
          </li>
          <li class="categories">Categories: {t.categories.length ? t.categories.join(", ") : "None"}</li>
          <li class="iswip">{blurb.complete ? "Complete" : "Work in Progress"}</li>
        </ul>
        <p class="datetime">
          {blurb.posted ? "Updated" : "Last edited"}{" "}
          <time datetime={new Date(blurb.updatedAt).toISOString()}>{formatDate(blurb.updatedAt)}</time>
        </p>
      </div>
      {hasTags && (
        <ul class="tags" aria-label="Tags">
          <TagItems names={t.relationships} kind="relationships" />
          <TagItems names={t.characters} kind="characters" />
          <TagItems names={t.freeforms} kind="freeforms" />
        </ul>
      )}
      {blurb.summary && (
        <blockquote class="summary">
          <Html html={blurb.summary} />
        </blockquote>
      )}
      <dl class="stats">
        <dt>Language:</dt>
        {/* Each language is named in itself, so its name is marked with its own language. */}
        <dd class="language" lang={blurb.language}>
          {languageName(blurb.language)}
        </dd>
        <dt>Words:</dt>
        <dd class="words">{formatNumber(blurb.wordCount)}</dd>
        <dt>Chapters:</dt>
        <dd class="chapters">{chapters}</dd>
        <dt>Kudos:</dt>
        <dd class="kudos">{formatNumber(blurb.kudos)}</dd>
        <dt>Comments:</dt>
        <dd class="comments">{formatNumber(blurb.comments)}</dd>
        <dt>Bookmarks:</dt>
        <dd class="bookmarks">{formatNumber(blurb.bookmarks)}</dd>
        <dt>Hits:</dt>
        <dd class="hits">{formatNumber(blurb.hits)}</dd>
      </dl>
    </li>
  );
}

/** A listing of works; `empty` is what to say when there are none. */
export function WorkBlurbList(props: { blurbs: Blurb[]; empty: string; level?: BlurbHeadingLevel }) {
  if (props.blurbs.length === 0) return <p class="empty">{props.empty}</p>;
  return (
    <ol class="works">
      {props.blurbs.map((b) => (
        <WorkBlurb blurb={b} level={props.level} />
      ))}
    </ol>
  );
}

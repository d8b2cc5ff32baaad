import type { Work } from "../../../core/work/queries";
import type { TagType } from "../../../db/types";
import { tagWorksPath } from "../../../lib/tagurl";
import { formatDate, formatNumber } from "../../../lib/time";
import type { WorkTags } from "../queries";
import { chaptersLabel } from "../reading";

const TAG_GROUPS: { type: TagType; label: string }[] = [
  { type: "rating", label: "Rating" },
  { type: "warning", label: "Archive warnings" },
  { type: "category", label: "Categories" },
  { type: "fandom", label: "Fandoms" },
  { type: "relationship", label: "Relationships" },
  { type: "character", label: "Characters" },
  { type: "freeform", label: "Additional tags" },
];

function TagList({ names }: { names: string[] }) {
  return (
    <ul class="tags">
      {names.map((name) => (
        <li>
          <a class="tag" href={tagWorksPath(name)}>
            {name}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The work's tags, language and stats. The stat slots are filled by kudos, comments, bookmarks, hits. */
export function WorkMeta(props: { work: Work; tags: WorkTags; languageName: string }) {
  const { work, tags } = props;
  const published = work.postedAt === null ? null : formatDate(work.postedAt);
  const updated = formatDate(work.updatedAt);
  return (
    <dl class="work-meta">
      {TAG_GROUPS.filter((g) => tags[g.type].length > 0).map((g) => (
        <>
          <dt class={g.type}>{g.label}:</dt>
          <dd class={g.type}>
            <TagList names={tags[g.type]} />
          </dd>
        </>
      ))}
      <dt class="language">Language:</dt>
      <dd class="language" lang={work.language}>
        {props.languageName}
      </dd>
      <dt class="stats">Stats:</dt>
      <dd class="stats">
        <dl class="stats">
          <dt class="published">Published:</dt>
          <dd class="published">{published ?? "Not yet posted"}</dd>
          {published !== null && updated !== published && (
            <>
              <dt class="updated">Updated:</dt>
              <dd class="updated">{updated}</dd>
            </>
          )}
          <dt class="words">Words:</dt>
          <dd class="words">{formatNumber(work.wordCount)}</dd>
          <dt class="chapters">Chapters:</dt>
          <dd class="chapters">{chaptersLabel(work.chapterCount, work.expectedChapters)}</dd>
          <dt class="kudos">Kudos:</dt>
          <dd class="kudos">{formatNumber(work.kudosCount)}</dd>
          <dt class="comments">Comments:</dt>
          <dd class="comments">{formatNumber(work.commentsCount)}</dd>
          <dt class="bookmarks">Bookmarks:</dt>
          <dd class="bookmarks">{formatNumber(work.bookmarksCount)}</dd>
          <dt class="hits">Hits:</dt>
          <dd class="hits">{formatNumber(work.hits)}</dd>
        </dl>
      </dd>
    </dl>
  );
}

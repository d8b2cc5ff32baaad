import type { PageCtx } from "../../../context";
import type { TagType } from "../../../db/types";
import { tagPath, tagWorksPath } from "../../../lib/tagurl";
import { formatNumber } from "../../../lib/time";
import { Layout } from "../../../views/Layout";
import type { TagRelations, TagRow } from "../queries";
import { TAG_TYPE_LABELS, TAG_TYPE_ORDER } from "../tags";

/** One tag of a type, as the tag page names it. */
const TYPE_NAMES: Record<TagType, string> = {
  rating: "Rating",
  warning: "Archive Warning",
  category: "Category",
  fandom: "Fandom",
  relationship: "Relationship",
  character: "Character",
  freeform: "Additional Tag",
};

function TagLinks({ tags }: { tags: TagRow[] }) {
  return (
    <ul class="tags">
      {tags.map((t) => (
        <li>
          <a class="tag" href={tagPath(t.name)}>
            {t.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** A list of related tags under a heading; parents are grouped by type (fandoms, characters). */
function Related(props: { heading: string; tags: TagRow[]; byType?: boolean }) {
  if (props.tags.length === 0) return null;
  const id = `tag-${props.heading.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section class="tag-relations" aria-labelledby={id}>
      <h2 id={id}>{props.heading}</h2>
      {props.byType ? (
        <dl>
          {TAG_TYPE_ORDER.filter((type) => props.tags.some((t) => t.type === type)).map((type) => (
            <>
              <dt>{TAG_TYPE_LABELS[type]}</dt>
              <dd>
                <TagLinks tags={props.tags.filter((t) => t.type === type)} />
              </dd>
            </>
          ))}
        </dl>
      ) : (
        <TagLinks tags={props.tags} />
      )}
    </section>
  );
}

/** What a tag is, how wrangling links it to other tags, and the way to its works. */
export function TagPage(props: { ctx: PageCtx; tag: TagRow; relations: TagRelations; works: number }) {
  const { tag, relations, works } = props;
  return (
    <Layout ctx={props.ctx} title={tag.name}>
      <article class="tag-page">
        <h1>{tag.name}</h1>
        <p class="tag-kind">
          {`${TYPE_NAMES[tag.type]} tag`}
          {" · "}
          {tag.canonical ? "canonical" : "not canonical"}
        </p>
        {relations.merger ? (
          <p class="tag-merger">
            This tag is a synonym of <a href={tagPath(relations.merger.name)}>{relations.merger.name}</a>: its
            works are listed under that tag.
          </p>
        ) : tag.canonical ? (
          <p>Filtering by this tag also finds works under its synonyms and sub-tags.</p>
        ) : tag.unwrangleable ? (
          <p>Tag wranglers have marked this tag as one that cannot be made canonical.</p>
        ) : (
          <p>Tag wranglers have not made this tag canonical or a synonym of another tag yet.</p>
        )}
        <p class="tag-works">
          <a href={tagWorksPath(tag.name)}>
            {works === 1 ? "1 work" : `${formatNumber(works)} works`} in {tag.name}
          </a>
        </p>
        <Related heading="Synonyms" tags={relations.synonyms} />
        <Related heading="Parent tags" tags={relations.parents} byType />
        <Related heading="Meta tags" tags={relations.metas} />
        <Related heading="Sub-tags" tags={relations.subs} />
      </article>
    </Layout>
  );
}

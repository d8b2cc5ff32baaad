import { LANGUAGES } from "../../../core/work/languages";
import { formatNumber } from "../../../lib/time";
import { FACET_TYPES, type FacetType } from "../../../tagengine/core/types";
import type { Listing, SidebarTag } from "../browse";
import { PARAM, QUERY_MAX, SORT_COLUMNS, type SortColumn, tagIdParam } from "../schema";

const TYPE_LABELS: Record<FacetType, string> = {
  rating: "Ratings",
  warning: "Warnings",
  category: "Categories",
  fandom: "Fandoms",
  relationship: "Relationships",
  character: "Characters",
  freeform: "Additional Tags",
};

/** Where autocomplete (progressive JavaScript) looks up tag names as the reader types. */
const AUTOCOMPLETE = "/autocomplete/tag";

function TagBoxes(props: { mode: "include" | "exclude"; type: FacetType; tags: SidebarTag[] }) {
  const { mode, type } = props;
  // Including an excluded tag (or excluding an included one) could only empty the listing.
  const tags = props.tags.filter((t) => (mode === "include" ? !t.excluded : !t.included));
  if (tags.length === 0) return null;
  const name = tagIdParam(mode, type);
  return (
    <fieldset class={`tag-type ${type}`}>
      <legend>{TYPE_LABELS[type]}</legend>
      <ul>
        {tags.map((t) => {
          const id = `${mode}-${type}-${t.id}`;
          return (
            <li>
              <input
                type="checkbox"
                id={id}
                name={name}
                value={String(t.id)}
                checked={mode === "include" ? t.included : t.excluded}
              />
              <label for={id}>{`${t.name} (${formatNumber(t.count)})`}</label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function TextInput(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  type?: "text" | "number" | "date" | "search";
  hint?: string;
  autocomplete?: boolean;
  maxLength?: number;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value}
        min={props.type === "number" ? 0 : undefined}
        maxlength={props.maxLength}
        aria-describedby={hintId}
        data-autocomplete={props.autocomplete ? AUTOCOMPLETE : undefined}
        autocomplete={props.autocomplete ? "off" : undefined}
      />
    </div>
  );
}

function Choice(props: {
  name: string;
  options: { value: string; label: string }[];
  value: string;
  id: string;
}) {
  return (
    <ul class="choices">
      {props.options.map((o) => (
        <li>
          <input
            type="radio"
            id={`${props.id}-${o.value || "any"}`}
            name={props.name}
            value={o.value}
            checked={o.value === props.value}
          />
          <label for={`${props.id}-${o.value || "any"}`}>{o.label}</label>
        </li>
      ))}
    </ul>
  );
}

function Options(props: { options: { value: string; label: string }[]; value: string }) {
  return (
    <>
      {props.options.map((o) => (
        <option value={o.value} selected={o.value === props.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

/**
 * The sort and filter form beside a listing: a plain GET form, so every filtered page has its own
 * address and the form works without JavaScript.
 */
export function FilterForm({ listing, action }: { listing: Listing; action: string }) {
  const f = listing.filters;
  const sortOptions = (Object.keys(SORT_COLUMNS) as SortColumn[])
    .filter((c) => c !== "_score" || f.query)
    .map((c) => ({ value: c, label: SORT_COLUMNS[c].label }));
  const flag = (v: boolean | undefined) => (v === true ? "T" : v === false ? "F" : "");
  const crossover = f.crossover === "only" ? "T" : f.crossover === "exclude" ? "F" : "";
  return (
    <aside class="filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading">Sort and filter</h2>
      {listing.notFound.length > 0 && (
        <p class="notice" role="status">
          Not found: {listing.notFound.join(", ")}. No tag has{" "}
          {listing.notFound.length === 1 ? "that name" : "those names"}; the{" "}
          {listing.notFound.length === 1 ? "filter was" : "filters were"} left out.
        </p>
      )}
      <form method="get" action={action}>
        <div class="field">
          <label for="sort_column">Sort by</label>
          <select id="sort_column" name={PARAM.sortColumn}>
            <Options options={sortOptions} value={listing.sort.column} />
          </select>
        </div>
        <div class="field">
          <label for="sort_direction">Sort direction</label>
          <select id="sort_direction" name={PARAM.sortDirection}>
            <Options
              options={[
                { value: "", label: "Usual for the sort" },
                { value: "desc", label: "Descending" },
                { value: "asc", label: "Ascending" },
              ]}
              value={f.sortDirection ?? ""}
            />
          </select>
        </div>

        {(["include", "exclude"] as const).map((mode) => (
          <fieldset class={`tags ${mode}`}>
            <legend>{mode === "include" ? "Include" : "Exclude"}</legend>
            {FACET_TYPES.map((type) => (
              <TagBoxes mode={mode} type={type} tags={listing.sidebar[type]} />
            ))}
            <TextInput
              id={mode === "include" ? "other_tag_names" : "excluded_tag_names"}
              name={mode === "include" ? PARAM.otherTagNames : PARAM.excludedTagNames}
              label={mode === "include" ? "Other tags to include" : "Other tags to exclude"}
              hint="Tag names, separated by commas."
              value={mode === "include" ? f.otherTagNames : f.excludedTagNames}
              autocomplete
            />
          </fieldset>
        ))}

        <fieldset class="more">
          <legend>More options</legend>
          <fieldset>
            <legend>Crossovers</legend>
            <Choice
              id="crossover"
              name={PARAM.crossover}
              value={crossover}
              options={[
                { value: "", label: "Include crossovers" },
                { value: "F", label: "Exclude crossovers" },
                { value: "T", label: "Only crossovers" },
              ]}
            />
          </fieldset>
          <fieldset>
            <legend>Completion status</legend>
            <Choice
              id="complete"
              name={PARAM.complete}
              value={flag(f.complete)}
              options={[
                { value: "", label: "All works" },
                { value: "T", label: "Complete works only" },
                { value: "F", label: "Works in progress only" },
              ]}
            />
          </fieldset>
          <fieldset>
            <legend>Word count</legend>
            <TextInput
              id="words_from"
              name={PARAM.wordsFrom}
              label="From"
              type="number"
              value={f.wordsFrom === undefined ? "" : String(f.wordsFrom)}
            />
            <TextInput
              id="words_to"
              name={PARAM.wordsTo}
              label="To"
              type="number"
              value={f.wordsTo === undefined ? "" : String(f.wordsTo)}
            />
          </fieldset>
          <fieldset>
            <legend>Date updated</legend>
            <TextInput
              id="date_from"
              name={PARAM.dateFrom}
              label="From"
              type="date"
              value={f.dateFrom ?? ""}
            />
            <TextInput id="date_to" name={PARAM.dateTo} label="To" type="date" value={f.dateTo ?? ""} />
          </fieldset>
          <div class="field">
            <label for="language_id">Language</label>
            <select id="language_id" name={PARAM.language}>
              <Options
                options={[
                  { value: "", label: "Any language" },
                  ...LANGUAGES.map((l) => ({ value: l.code, label: l.name })),
                ]}
                value={f.language ?? ""}
              />
            </select>
          </div>
        </fieldset>

        <fieldset class="search">
          <legend>Search within results</legend>
          <TextInput
            id="work_query"
            name={PARAM.query}
            label="Search for"
            type="search"
            value={f.query}
            maxLength={QUERY_MAX}
            hint='Words must all appear; "a phrase" in quotes, -word to leave out, word* for any ending.'
          />
          {listing.chapterSearch && (
            <div class="field">
              <label for="query_scope">Search in</label>
              <select id="query_scope" name={PARAM.queryScope}>
                <Options
                  options={[
                    { value: "works", label: "Titles, summaries, notes, tags and creators" },
                    { value: "chapters", label: "The text of the chapters" },
                  ]}
                  value={f.queryScope}
                />
              </select>
            </div>
          )}
        </fieldset>

        <p class="actions">
          <button type="submit">Sort and Filter</button> <a href={action}>Clear filters</a>
        </p>
      </form>
    </aside>
  );
}

// Tag rules shared by every form that takes tags: how a typed list becomes names, which names are
// refused, and how a work's taggings are replaced.
import type { Kysely } from "kysely";
import type { Deps, Viewer } from "../../context";
import type { Database, TagType } from "../../db/types";
import { invisibleCharacter, nameKey, normalizeName } from "../../lib/text";
import { FACET_TYPES } from "../../tagengine/core/types";
import { type TagShown, tagVisibility } from "./policy";
import { findOrCreateTags, findTagsByKey, replaceTaggings, type TagRow, tagsOnWorksSeenBy } from "./queries";

/** The fixed canonical tags seeded by the first migration, in the order forms show them. */
export const RATINGS = [
  "General Audiences",
  "Teen And Up Audiences",
  "Mature",
  "Explicit",
  "Not Rated",
] as const;

export const WARNINGS = [
  "Creator Chose Not To Use Archive Warnings",
  "No Archive Warnings Apply",
  "Graphic Depictions Of Violence",
  "Major Character Death",
  "Rape/Non-Con",
  "Underage",
] as const;

export const CATEGORIES = ["F/F", "F/M", "Gen", "M/M", "Multi", "Other"] as const;

/** The rating a new work starts with until the writer picks one. */
export const DEFAULT_RATING = "Not Rated";

/** Types a writer types freely, as comma-separated text. */
export const USER_TAG_TYPES = ["fandom", "relationship", "character", "freeform"] as const;
export type UserTagType = (typeof USER_TAG_TYPES)[number];

/** Every tag type, in the order a work's header and the browse sidebar show them. */
export const TAG_TYPE_ORDER: readonly TagType[] = FACET_TYPES;

/** How the archive names each type of tag to readers (plural, as in a work's header). */
export const TAG_TYPE_LABELS: Record<TagType, string> = {
  rating: "Rating",
  warning: "Archive Warnings",
  category: "Categories",
  fandom: "Fandoms",
  relationship: "Relationships",
  character: "Characters",
  freeform: "Additional Tags",
};

export const TAG_NAME_MAX = 150;
export const USER_TAGS_MAX = 75;

/**
 * Characters a tag name may not hold: the comma separates names in a typed list, the others have
 * special meanings in tag URLs and searches, or look like markup.
 */
export const FORBIDDEN_TAG_CHARACTERS = [",", "^", "*", "<", ">", "{", "}", "=", "\\", "%"] as const;

/** A work's tags by type, as names. */
export type WorkTags = Record<TagType, string[]>;

/** A comma-separated list as typed, as names: normalised, blanks dropped, repeats (any case) once. */
export function splitTagList(text: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const piece of text.split(",")) {
    const name = normalizeName(piece);
    if (name === "") continue;
    const key = nameKey(name);
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return names;
}

/** Names back into the text a writer edits. */
export function joinTagList(names: readonly string[]): string {
  return names.join(", ");
}

/** Why a tag name is refused, or null when it is fine. */
export function tagNameProblem(name: string): string | null {
  if (normalizeName(name) === "") return "A tag needs a name.";
  for (const ch of FORBIDDEN_TAG_CHARACTERS) {
    if (name.includes(ch)) return `Tags can't include the character ${ch} (in "${shorten(name)}").`;
  }
  const invisible = invisibleCharacter(name);
  if (invisible) {
    return `Tags can't include invisible or text-direction characters such as ${invisible} (in "${shorten(name)}").`;
  }
  if ([...name].length > TAG_NAME_MAX) {
    return `Tags can be at most ${TAG_NAME_MAX} characters long ("${shorten(name)}" is longer).`;
  }
  return null;
}

function shorten(name: string): string {
  const chars = [...name];
  return chars.length > 40 ? `${chars.slice(0, 40).join("")}…` : name;
}

/** Saves a work's tags: finds or creates each tag by type and name key, then replaces its taggings. */
export async function setWorkTags(db: Kysely<Database>, workId: number, tags: WorkTags): Promise<void> {
  const ids: number[] = [];
  for (const type of TAG_TYPE_ORDER) {
    ids.push(...(await findOrCreateTags(db, type, tags[type])));
  }
  await replaceTaggings(db, workId, [...new Set(ids)]);
}

/**
 * When tags of several types share a name, the one a name in a URL means: a canonical tag first,
 * then by type. The fixed ratings, warnings and categories come before the typed types, then
 * fandom, character, relationship and additional tag, so "/tags/Sherlock Holmes" is the
 * character rather than a stray additional tag of the same name.
 */
export const NAME_PREFERENCE: TagType[] = [
  "rating",
  "warning",
  "category",
  "fandom",
  "character",
  "relationship",
  "freeform",
];

/**
 * Of `tags`, those whose names the reader may read: a tag typed on a work they may see, or a
 * canonical one. The tag engine's counts answer most at no cost (`tagVisibility`); the database
 * answers the rest: synonyms (whose counts are their canonical tag's), and for a signed-in reader
 * the tags of works the listings never hold but they may see (their own drafts and hidden works;
 * any work for an admin).
 */
export async function tagsNamedFor<T extends TagShown>(
  deps: Pick<Deps, "db" | "index">,
  viewer: Viewer | null,
  tags: T[],
): Promise<T[]> {
  const shown = tagVisibility(deps.index, viewer !== null);
  const unseen = tags.filter((t) => !shown(t));
  if (unseen.length === 0) return tags;
  const seen = await tagsOnWorksSeenBy(
    deps.db,
    viewer,
    unseen.map((t) => t.id),
  );
  return tags.filter((t) => shown(t) || seen.has(t.id));
}

/**
 * The tag a name stands for, among those the reader may see (tagsNamedFor): canonical first,
 * then by type, as the tag page and a tag's works page both pick it.
 */
export async function findTagByName(
  deps: Pick<Deps, "db" | "index">,
  viewer: Viewer | null,
  name: string,
): Promise<TagRow | null> {
  const normal = normalizeName(name);
  if (normal === "") return null;
  const tags = await tagsNamedFor(deps, viewer, await findTagsByKey(deps.db, nameKey(normal)));
  return tags.sort(byNamePreference)[0] ?? null;
}

/** Which of the tags sharing a name the name stands for first: canonical, then by type, then oldest. */
export function byNamePreference(
  a: { id: number; canonical: boolean; type: TagType },
  b: { id: number; canonical: boolean; type: TagType },
): number {
  return (
    Number(b.canonical) - Number(a.canonical) ||
    NAME_PREFERENCE.indexOf(a.type) - NAME_PREFERENCE.indexOf(b.type) ||
    a.id - b.id
  );
}

import { Hono } from "hono";
import type { AppEnv } from "../../context";
import { pageCtx } from "../../context";
import { notFound } from "../../lib/http";
import { tagNameFromSlug } from "../../lib/tagurl";
import { shownRelations, tagRelations } from "./queries";
import { AUTOCOMPLETE_TYPES, autocompleteTypeSchema } from "./schema";
import { suggestTags } from "./suggestions";
import { findTagByName, tagsNamedFor } from "./tags";
import { TagPage } from "./views/TagPage";

export const tagRoutes = new Hono<AppEnv>();

tagRoutes.get("/tags/:name", async (c) => {
  const deps = c.get("deps");
  const { db, index } = deps;
  const viewer = c.get("viewer");
  const signedIn = viewer !== null;
  // A tag whose name the reader may not see answers as a missing one does.
  await index.catchUp(db);
  const tag = await findTagByName(deps, viewer, tagNameFromSlug(c.req.param("name")));
  if (!tag) notFound("There is no tag with that name.");
  const all = await tagRelations(db, tag);
  const related = [
    ...(all.merger ? [all.merger] : []),
    ...all.synonyms,
    ...all.parents,
    ...all.metas,
    ...all.subs,
  ];
  const named = new Set((await tagsNamedFor(deps, viewer, related)).map((t) => t.id));
  const relations = shownRelations(all, (t) => named.has(t.id));
  const { total } = index.engine.query({
    signedIn,
    include: [index.filterTagOf(tag.id)],
    sort: "updated",
    direction: "desc",
    offset: 0,
    limit: 0,
  });
  return c.html(<TagPage ctx={pageCtx(c)} tag={tag} relations={relations} works={total} />);
});

tagRoutes.get("/autocomplete/:type", async (c) => {
  const type = autocompleteTypeSchema.safeParse(c.req.param("type"));
  if (!type.success) return c.json({ error: type.error.issues[0]!.message }, 400);
  const suggestions = await suggestTags(
    c.get("deps"),
    AUTOCOMPLETE_TYPES[type.data],
    c.req.query("term") ?? "",
    c.get("viewer") !== null,
  );
  return c.json(suggestions.map(({ name, type, canonical, uses }) => ({ name, type, canonical, uses })));
});

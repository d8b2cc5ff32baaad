import { Hono } from "hono";
import type { AppEnv } from "../../context";
import { pageCtx } from "../../context";
import { notFound } from "../../lib/http";
import { tagNameFromSlug, tagWorksPath } from "../../lib/tagurl";
import { pageHrefs } from "../../views/Pagination";
import { browseWorks, findListingTag } from "./browse";
import { readListingFilters } from "./schema";
import { BrowsePage } from "./views/BrowsePage";

export const browseRoutes = new Hono<AppEnv>();

browseRoutes.get("/works", async (c) => {
  const filters = readListingFilters(c.req.url);
  const listing = await browseWorks(c.get("deps"), c.get("viewer"), filters);
  return c.html(
    <BrowsePage
      ctx={pageCtx(c)}
      title="Works"
      listing={listing}
      basePath="/works"
      href={pageHrefs(c.req.url)}
    />,
  );
});

browseRoutes.get("/tags/:name/works", async (c) => {
  const filters = readListingFilters(c.req.url);
  const tag = await findListingTag(c.get("deps"), c.get("viewer"), tagNameFromSlug(c.req.param("name")));
  if (!tag) notFound("There is no tag by that name.");
  const listing = await browseWorks(c.get("deps"), c.get("viewer"), filters, { baseTagId: tag.filterId });
  const basePath = new URL(c.req.url).pathname;
  return c.html(
    <BrowsePage
      ctx={pageCtx(c)}
      title={`Works in ${tag.name}`}
      subject={`in ${tag.name}`}
      listing={listing}
      basePath={basePath}
      href={pageHrefs(c.req.url)}
      intro={
        tag.synonym && (
          <p class="synonym-note">
            “{tag.synonym}” is another name for <a href={tagWorksPath(tag.name)}>{tag.name}</a>: these are the
            works of both.
          </p>
        )
      }
    />,
  );
});

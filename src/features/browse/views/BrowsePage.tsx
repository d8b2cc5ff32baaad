import type { Child } from "hono/jsx";
import type { PageCtx } from "../../../context";
import type { WorkBlurb as Blurb } from "../../../core/work/blurbs";
import { formatNumber } from "../../../lib/time";
import { Layout } from "../../../views/Layout";
import { Pagination } from "../../../views/Pagination";
import { WorkBlurb, WorkBlurbList } from "../../../views/WorkBlurb";
import { type Listing, WORKS_PER_PAGE } from "../browse";
import { FilterForm } from "./FilterForm";

/** "1 – 20 of 3,412 Works", "12 Works", "1 Work": where this page sits in the listing. */
export function listingHeading(listing: Pick<Listing, "total" | "page" | "blurbs">): string {
  const { total, page, blurbs } = listing;
  const noun = total === 1 ? "Work" : "Works";
  if (total <= WORKS_PER_PAGE || blurbs.length === 0) return `${formatNumber(total)} ${noun}`;
  const first = (page - 1) * WORKS_PER_PAGE + 1;
  const last = first + blurbs.length - 1;
  return `${formatNumber(first)} – ${formatNumber(last)} of ${formatNumber(total)} ${noun}`;
}

function NoWorks(props: { listing: Listing; clearHref: string; firstHref: string }) {
  const { listing, clearHref } = props;
  if (listing.total > 0) {
    const pages = listing.totalPages;
    return (
      <p class="empty">
        There {pages === 1 ? "is only 1 page" : `are only ${formatNumber(pages)} pages`} of works here.{" "}
        <a href={props.firstHref}>Go to the first page</a>.
      </p>
    );
  }
  return (
    <div class="empty" role="status">
      <p>No works found{listing.filtered ? " matching these filters" : ""}.</p>
      {listing.filtered && (
        <p>
          <a href={clearHref}>Clear filters</a> to see every work here.
        </p>
      )}
    </div>
  );
}

/**
 * A filtered listing of works: the heading with the range, the works, numbered pages, and the
 * sort and filter form beside them.
 */
export function BrowsePage(props: {
  ctx: PageCtx;
  title: string;
  /** What the listing is of, after "Works": "in Pride and Prejudice", "by elinor". */
  subject?: string;
  listing: Listing;
  /** The listing's address without a query string: the form's action and "Clear filters". */
  basePath: string;
  href: (page: number) => string;
  /** Shown under the heading (a synonym's note). */
  intro?: Child;
  /** The reader's own drafts, above the filtered works (their own works page). */
  drafts?: Blurb[];
}) {
  const { listing } = props;
  const heading = `${listingHeading(listing)}${props.subject ? ` ${props.subject}` : ""}`;
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{heading}</h1>
      {props.intro}
      <div class="browse">
        <div class="browse-results">
          {props.drafts && props.drafts.length > 0 && (
            <section class="drafts" aria-labelledby="drafts-heading">
              <h2 id="drafts-heading">Drafts</h2>
              <p class="hint">Only you can see your drafts until you post them.</p>
              <ol class="works">
                {props.drafts.map((b) => (
                  <WorkBlurb blurb={b} level={3} />
                ))}
              </ol>
            </section>
          )}
          <section class="results" aria-labelledby="results-heading">
            <h2 id="results-heading" class={props.drafts?.length ? undefined : "visually-hidden"}>
              {props.drafts?.length ? "Posted works" : "Works"}
            </h2>
            {listing.blurbs.length === 0 ? (
              <NoWorks listing={listing} clearHref={props.basePath} firstHref={props.href(1)} />
            ) : (
              <WorkBlurbList blurbs={listing.blurbs} empty="" level={3} />
            )}
            <Pagination page={listing.page} totalPages={listing.totalPages} href={props.href} />
          </section>
        </div>
        <FilterForm listing={listing} action={props.basePath} />
      </div>
    </Layout>
  );
}

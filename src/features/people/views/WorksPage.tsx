import type { Child } from "hono/jsx";
import type { PageCtx } from "../../../context";
import type { WorkBlurb } from "../../../core/work/blurbs";
import { formatNumber } from "../../../lib/time";
import { Layout } from "../../../views/Layout";
import { Pagination } from "../../../views/Pagination";
import { WorkBlurbList } from "../../../views/WorkBlurb";

export interface WorksListing {
  blurbs: WorkBlurb[];
  total: number;
  page: number;
  totalPages: number;
  href: (page: number) => string;
}

/** "Works 21–40 of 57": where this page sits in the listing. */
function Range({ listing, perPage }: { listing: WorksListing; perPage: number }) {
  const { total, page, blurbs } = listing;
  if (total === 0 || blurbs.length === 0) return null;
  const first = (page - 1) * perPage + 1;
  const last = first + blurbs.length - 1;
  return (
    <p class="listing-range">
      {total <= perPage
        ? `${formatNumber(total)} ${total === 1 ? "work" : "works"}`
        : `Works ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)}`}
    </p>
  );
}

/** A paginated listing of works under a heading: a user's works or a pseud's. */
export function WorksPage(props: {
  ctx: PageCtx;
  title: string;
  heading: string;
  listing: WorksListing;
  perPage: number;
  empty: string;
  /** Shown between the heading and the listing (a pseud's description). */
  intro?: Child;
}) {
  const { listing } = props;
  const pastEnd = listing.total > 0 && listing.blurbs.length === 0;
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{props.heading}</h1>
      {props.intro}
      {props.intro && <h2>Works</h2>}
      <Range listing={listing} perPage={props.perPage} />
      <WorkBlurbList
        blurbs={listing.blurbs}
        level={props.intro ? 3 : 2}
        empty={
          pastEnd
            ? `There ${listing.totalPages === 1 ? "is only 1 page" : `are only ${listing.totalPages} pages`} of works here.`
            : props.empty
        }
      />
      <Pagination page={listing.page} totalPages={listing.totalPages} href={listing.href} />
    </Layout>
  );
}

/** Builds the link to a page of a listing: `page` set (or dropped for page 1), other parameters kept. */
export function pageHrefs(url: string): (page: number) => string {
  const u = new URL(url, "http://quire.invalid");
  return (page: number) => {
    const params = new URLSearchParams(u.search);
    if (page <= 1) params.delete("page");
    else params.set("page", String(page));
    const query = params.toString();
    return query ? `${u.pathname}?${query}` : u.pathname;
  };
}

/**
 * The page numbers to offer: the first, the last, and two either side of the current one, with
 * "gap" where numbers are left out.
 */
export function pageWindow(page: number, totalPages: number): (number | "gap")[] {
  const shown = new Set<number>([1, totalPages]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= totalPages) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  let prev = 0;
  for (const p of sorted) {
    // A gap of exactly one number shows that number rather than an ellipsis.
    if (p === prev + 2) out.push(prev + 1);
    else if (p > prev + 2) out.push("gap");
    out.push(p);
    prev = p;
  }
  return out;
}

/** Numbered pagination for a listing; nothing when everything fits on one page. */
export function Pagination(props: { page: number; totalPages: number; href: (page: number) => string }) {
  const { page, totalPages, href } = props;
  if (totalPages <= 1) return null;
  return (
    <nav class="pagination" aria-label="Pagination">
      <ol>
        <li class="previous">
          {page > 1 ? (
            <a href={href(page - 1)} rel="prev">
              ← Previous
            </a>
          ) : (
            <span aria-disabled="true">← Previous</span>
          )}
        </li>
        {pageWindow(page, totalPages).map((p) =>
          p === "gap" ? (
            <li class="gap" aria-hidden="true">
              …
            </li>
          ) : p === page ? (
            <li>
              <a href={href(p)} aria-current="page">
                <span class="visually-hidden">Page </span>
                {p}
              </a>
            </li>
          ) : (
            <li>
              <a href={href(p)}>
                <span class="visually-hidden">Page </span>
                {p}
              </a>
            </li>
          ),
        )}
        <li class="next">
          {page < totalPages ? (
            <a href={href(page + 1)} rel="next">
              Next →
            </a>
          ) : (
            <span aria-disabled="true">Next →</span>
          )}
        </li>
      </ol>
    </nav>
  );
}

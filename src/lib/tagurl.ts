// Tag names travel in URL paths (/tags/:name/works). Names may hold "/", "&", ".", "?" and "#"
// (relationships such as "Elizabeth Bennet/Fitzwilliam Darcy"), which a path segment cannot carry
// as-is. We write the escapes fans already know from AO3 and also accept percent-encoding.

const TO_ESCAPE: Record<string, string> = { "/": "*s*", "&": "*a*", ".": "*d*", "?": "*q*", "#": "*h*" };
const FROM_ESCAPE: Record<string, string> = { s: "/", a: "&", d: ".", q: "?", h: "#" };

/** The path segment for a tag name. */
export function tagSlug(name: string): string {
  return encodeURIComponent(name.replace(/[/&.?#]/g, (c) => TO_ESCAPE[c]!)).replace(/%2A/gi, "*");
}

/** The tag name a path segment stands for (Hono has already percent-decoded it). */
export function tagNameFromSlug(slug: string): string {
  return slug.replace(/\*([sadqh])\*/g, (_, c: string) => FROM_ESCAPE[c]!);
}

export function tagPath(name: string): string {
  return `/tags/${tagSlug(name)}`;
}

export function tagWorksPath(name: string): string {
  return `/tags/${tagSlug(name)}/works`;
}

import { raw } from "hono/html";
import type { SafeHtml } from "../lib/sanitize";

/** The only way a view inserts HTML that is not escaped: it takes a SafeHtml, nothing else. */
export function Html({ html }: { html: SafeHtml }) {
  return <>{raw(html)}</>;
}

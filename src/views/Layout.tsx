import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { PageCtx } from "../context";
import { PostForm } from "./form";

/** The frame of every page: skip link, header with the reader's menu, main landmark, footer. */
export function Layout(props: { ctx: PageCtx; title: string; children?: Child; head?: Child }) {
  const { viewer, csrf, flash } = props.ctx;
  return (
    <>
      {/* A string child would be escaped into visible text before <html>. */}
      {raw("<!doctype html>")}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title === "Quire" ? "Quire" : `${props.title} | Quire`}</title>
          <link rel="stylesheet" href="/assets/quire.css" />
          <script src="/assets/autocomplete.js" defer />
          {props.head}
        </head>
        <body>
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="site">
            <p class="brand">
              <a href="/">Quire</a>
            </p>
            <nav aria-label="Site">
              <ul>
                <li>
                  <a href="/works">Works</a>
                </li>
                {viewer ? (
                  <>
                    <li>
                      <a href="/works/new">Post new work</a>
                    </li>
                    <li>
                      <a href={`/users/${encodeURIComponent(viewer.login)}/works`}>My works</a>
                    </li>
                    <li>
                      <a href={`/users/${encodeURIComponent(viewer.login)}`}>{viewer.login}</a>
                    </li>
                    <li>
                      <a href="/account">Account</a>
                    </li>
                    <li>
                      <PostForm action="/logout" csrf={csrf} class="inline">
                        <button type="submit" class="link">
                          Sign out
                        </button>
                      </PostForm>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <a href="/login">Sign in</a>
                    </li>
                    <li>
                      <a href="/signup">Sign up</a>
                    </li>
                  </>
                )}
              </ul>
            </nav>
          </header>
          <main id="main" tabindex={-1}>
            {flash && (
              <p class="flash" role="status">
                {flash}
              </p>
            )}
            {props.children}
          </main>
          <footer class="site">
            <p>Quire — an archive run by its fans.</p>
          </footer>
        </body>
      </html>
    </>
  );
}

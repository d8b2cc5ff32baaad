import type { PageCtx } from "../context";
import { Layout } from "./Layout";

const TEXT: Record<number, { title: string; body: string }> = {
  400: { title: "Bad request", body: "Something in that request wasn't right." },
  403: { title: "Not allowed", body: "Sorry, you don't have permission to do that." },
  404: {
    title: "Not found",
    body: "We couldn't find that page. It may have been deleted, or the link may be wrong.",
  },
  413: {
    title: "Too large",
    body: "That was more than the archive accepts in one request. Try splitting the text into chapters.",
  },
  429: { title: "Too many attempts", body: "Please wait a little and try again." },
  500: {
    title: "Something went wrong",
    body: "The archive hit an error. Nothing was saved; please try again.",
  },
  503: {
    title: "Back in a moment",
    body: "The archive cannot reach its database just now. Please try again in a few seconds.",
  },
};

export function ErrorPage({ ctx, status, message }: { ctx: PageCtx; status: number; message?: string }) {
  const t = TEXT[status] ?? TEXT[500]!;
  return (
    <Layout ctx={ctx} title={t.title}>
      <h1>{t.title}</h1>
      <p>{message ?? t.body}</p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </Layout>
  );
}

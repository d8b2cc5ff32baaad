import type { ChapterContent } from "../core/chapter/content";
import { Html } from "./SafeHtml";

/** "Chapter 3: The Long Way Home", or "Chapter 3" for an untitled chapter. */
export function chapterLabel(position: number, title: string): string {
  return title ? `Chapter ${position}: ${title}` : `Chapter ${position}`;
}

/**
 * A chapter as readers will see it, for the preview: heading, summary, notes, text, end notes.
 * `level` is the heading level of the chapter's title, so the page keeps its headings in order.
 */
export function ChapterText(props: { chapter: ChapterContent & { position: number }; level: 2 | 3 }) {
  const { chapter } = props;
  const Title = props.level === 2 ? "h2" : "h3";
  const Sub = props.level === 2 ? "h3" : "h4";
  return (
    <article class="chapter">
      <Title>{chapterLabel(chapter.position, chapter.title)}</Title>
      {chapter.summary && (
        <section class="summary">
          <Sub>Summary</Sub>
          <blockquote class="userstuff">
            <Html html={chapter.summary} />
          </blockquote>
        </section>
      )}
      {chapter.notes && (
        <section class="notes">
          <Sub>Notes</Sub>
          <blockquote class="userstuff">
            <Html html={chapter.notes} />
          </blockquote>
        </section>
      )}
      <div class="userstuff chapter-text">
        <Html html={chapter.body} />
      </div>
      {chapter.endNotes && (
        <section class="end-notes">
          <Sub>End notes</Sub>
          <blockquote class="userstuff">
            <Html html={chapter.endNotes} />
          </blockquote>
        </section>
      )}
      <p class="word-count">
        {chapter.wordCount.toLocaleString("en-US")} {chapter.wordCount === 1 ? "word" : "words"}
      </p>
    </article>
  );
}

import type { ChapterContent } from "../core/chapter/content";
import type { SafeHtml } from "../lib/sanitize";
import { Html } from "./SafeHtml";

/** "Chapter 3: The Long Way Home", or "Chapter 3" for an untitled chapter. */
export function chapterLabel(number: number, title: string): string {
  return title ? `Chapter ${number}: ${title}` : `Chapter ${number}`;
}

/** A block of the chapter's own HTML under its heading, or nothing when it is empty. */
function Part(props: { heading: string; html: SafeHtml; class: string }) {
  if (!props.html) return null;
  return (
    <section class={props.class}>
      <h4>{props.heading}</h4>
      <div class="userstuff">
        <Html html={props.html} />
      </div>
    </section>
  );
}

/**
 * A chapter as readers see it, on the work page and in both previews (a new work's first chapter,
 * a chapter added or edited later): heading, summary, notes, text, end notes.
 */
export function ChapterText(props: {
  /** `number` is the chapter's place among those the reader can open. */
  chapter: ChapterContent & { number: number; posted?: boolean };
  /** false on a one-chapter work's page, whose text needs no visible chapter heading. */
  titled?: boolean;
  id?: string;
  editHref?: string;
  /** Previews show how many words are about to be saved. */
  wordCount?: boolean;
}) {
  const { chapter } = props;
  const titled = props.titled ?? true;
  return (
    <section class="chapter" id={props.id}>
      <h3 class={titled ? "chapter-title" : "visually-hidden"}>
        {titled ? chapterLabel(chapter.number, chapter.title) : "Work text"}
        {chapter.posted === false && <span class="draft"> (Draft)</span>}
      </h3>
      {props.editHref && (
        <p class="chapter-actions">
          <a href={props.editHref}>Edit chapter</a>
        </p>
      )}
      <Part heading="Chapter summary" html={chapter.summary} class="chapter-summary" />
      <Part heading="Chapter notes" html={chapter.notes} class="chapter-notes" />
      <div class="userstuff chapter-text">
        <Html html={chapter.body} />
      </div>
      <Part heading="Chapter end notes" html={chapter.endNotes} class="chapter-end-notes" />
      {props.wordCount && (
        <p class="word-count">
          {chapter.wordCount.toLocaleString("en-US")} {chapter.wordCount === 1 ? "word" : "words"}
        </p>
      )}
    </section>
  );
}

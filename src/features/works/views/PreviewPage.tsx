import type { PageCtx } from "../../../context";
import { languageName } from "../../../core/work/languages";
import type { TagType } from "../../../db/types";
import { ChapterText } from "../../../views/ChapterText";
import { Layout } from "../../../views/Layout";
import { Html } from "../../../views/SafeHtml";
import { TAG_TYPE_LABELS, TAG_TYPE_ORDER } from "../../tags/tags";
import type { PseudChoice } from "../queries";
import type { NewWorkInput, WorkFormValues } from "../schema";
import type { PreparedWork } from "../works";
import { WorkForm } from "./WorkForm";

/** The work as readers would see it, nothing saved yet, with the form below to post or change it. */
export function PreviewPage(p: {
  ctx: PageCtx;
  input: NewWorkInput;
  prepared: PreparedWork;
  creditNames: string[];
  inviteNames: string[];
  values: WorkFormValues;
  pseuds: PseudChoice[];
}) {
  const { input, prepared } = p;
  const status = input.complete
    ? "Complete"
    : `Chapters: 1/${input.expectedChapters === null ? "?" : input.expectedChapters}`;
  return (
    <Layout ctx={p.ctx} title={`Preview: ${input.title}`}>
      <h1>Preview</h1>
      <p class="caution">
        This is a preview: nothing is saved until you post the work or save it as a draft.
      </p>
      <article class="preview" aria-labelledby="preview-title">
        <dl class="work-meta">
          {TAG_TYPE_ORDER.map((type: TagType) =>
            input.tags[type].length === 0 ? null : (
              <>
                <dt>{TAG_TYPE_LABELS[type]}:</dt>
                <dd>
                  <ul class="tags">
                    {input.tags[type].map((name) => (
                      <li class={type === "warning" ? "tag-warning" : undefined}>{name}</li>
                    ))}
                  </ul>
                </dd>
              </>
            ),
          )}
          <dt>Language:</dt>
          <dd>{languageName(input.language)}</dd>
          <dt>Status:</dt>
          <dd>
            {status} · {prepared.chapter.wordCount.toLocaleString("en-US")} words
            {input.restricted && <span class="restricted-badge"> Registered readers only</span>}
          </dd>
        </dl>
        <div class="preface">
          <h2 id="preview-title">{input.title}</h2>
          <p class="byline">
            {input.anonymous ? "by Anonymous" : `by ${p.creditNames.join(", ")}`}
            {p.inviteNames.length > 0 && ` (inviting ${p.inviteNames.join(", ")})`}
          </p>
        </div>
        {prepared.summary && (
          <section class="summary">
            <h3>Summary:</h3>
            <Html html={prepared.summary} />
          </section>
        )}
        {prepared.notes && (
          <section class="notes">
            <h3>Notes:</h3>
            <Html html={prepared.notes} />
          </section>
        )}
        <ChapterText
          chapter={{ ...prepared.chapter, number: 1 }}
          titled={prepared.chapter.title !== ""}
          wordCount
        />
        {prepared.endNotes && (
          <section class="end-notes">
            <h3>End notes:</h3>
            <Html html={prepared.endNotes} />
          </section>
        )}
      </article>
      <h2>Post, save or keep editing</h2>
      <WorkForm ctx={p.ctx} action="/works" values={p.values} pseuds={p.pseuds} />
    </Layout>
  );
}

import type { PageCtx } from "../../../context";
import { LANGUAGES } from "../../../core/work/languages";
import type { FieldErrors } from "../../../lib/forms";
import {
  Checkbox,
  ErrorSummary,
  FieldError,
  PostForm,
  PostingButtons,
  Select,
  TextArea,
  TextField,
  TextFormatField,
} from "../../../views/form";
import { CATEGORIES, RATINGS, WARNINGS } from "../../tags/tags";
import type { ChapterLine, PseudChoice } from "../queries";
import type { WorkFormValues } from "../schema";

export interface WorkFormProps {
  ctx: PageCtx;
  /** "/works" for a new work, "/works/:id" for an existing one. */
  action: string;
  values: WorkFormValues;
  errors?: FieldErrors;
  /** The viewer's pseuds; null when the viewer edits a work they don't create (a moderator). */
  pseuds: PseudChoice[] | null;
  /** An existing work's chapters: listed with links to their own edit pages instead of a text box. */
  chapters?: { workId: number; list: ChapterLine[] };
}

const TAG_HINT = "Separate tags with commas.";

/** A group of checkboxes with its legend and its one message. */
function CheckboxGroup(p: {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  checked: readonly string[];
  errors?: FieldErrors;
  hint?: string;
}) {
  const error = p.errors?.[p.name];
  const described = [p.hint ? `${p.name}-hint` : "", error ? `${p.name}-error` : ""].filter(Boolean);
  return (
    <fieldset
      id={p.name}
      class={error ? "has-error" : undefined}
      aria-describedby={described.length ? described.join(" ") : undefined}
    >
      <legend>{p.legend}</legend>
      {p.hint && (
        <p class="hint" id={`${p.name}-hint`}>
          {p.hint}
        </p>
      )}
      {p.options.map((o) => (
        <Checkbox name={p.name} value={o.value} label={o.label} checked={p.checked.includes(o.value)} />
      ))}
      <FieldError name={p.name} errors={p.errors} />
    </fieldset>
  );
}

const asOptions = (names: readonly string[]) => names.map((n) => ({ value: n, label: n }));

/** The form that posts a work or edits one; also shown under a preview. */
export function WorkForm(p: WorkFormProps) {
  const v = p.values;
  const e = p.errors;
  const isNew = !p.chapters;
  return (
    <PostForm action={p.action} csrf={p.ctx.csrf} class="work-form">
      <ErrorSummary errors={e} />
      <TextField name="title" label="Title" value={v.title} errors={e} />

      {p.pseuds && (
        <fieldset>
          <legend>Creators</legend>
          <CheckboxGroup
            name="pseud_ids"
            legend="Credit this work to"
            options={p.pseuds.map((ps) => ({ value: String(ps.id), label: ps.name }))}
            checked={v.pseudIds}
            errors={e}
          />
          <TextField
            name="co_creators"
            label="Invite co-creators"
            hint="Login names or pseuds of other people, separated by commas. They are credited once they accept."
            value={v.coCreators}
            errors={e}
          />
        </fieldset>
      )}

      <fieldset>
        <legend>Tags</legend>
        <Select name="rating" label="Rating" options={asOptions(RATINGS)} value={v.rating} errors={e} />
        <CheckboxGroup
          name="warnings"
          legend="Archive warnings"
          hint="Choose at least one."
          options={asOptions(WARNINGS)}
          checked={v.warnings}
          errors={e}
        />
        <CheckboxGroup
          name="categories"
          legend="Categories"
          options={asOptions(CATEGORIES)}
          checked={v.categories}
          errors={e}
        />
        <TextField
          name="fandoms"
          label="Fandoms"
          hint={`At least one. ${TAG_HINT}`}
          value={v.fandoms}
          suggest="/autocomplete/fandom"
          errors={e}
        />
        <TextField
          name="relationships"
          label="Relationships"
          hint={TAG_HINT}
          value={v.relationships}
          suggest="/autocomplete/relationship"
          errors={e}
        />
        <TextField
          name="characters"
          label="Characters"
          hint={TAG_HINT}
          value={v.characters}
          suggest="/autocomplete/character"
          errors={e}
        />
        <TextField
          name="freeforms"
          label="Additional tags"
          hint={TAG_HINT}
          value={v.freeforms}
          suggest="/autocomplete/freeform"
          errors={e}
        />
      </fieldset>

      <fieldset>
        <legend>Preface</legend>
        <TextArea
          name="summary"
          label="Summary"
          hint="Up to 1,250 characters; HTML allowed."
          value={v.summary}
          errors={e}
        />
        <TextArea
          name="notes"
          label="Notes"
          hint="Shown before the work; HTML allowed."
          value={v.notes}
          errors={e}
        />
        <TextArea
          name="end_notes"
          label="End notes"
          hint="Shown after the work; HTML allowed."
          value={v.endNotes}
          errors={e}
        />
      </fieldset>

      <fieldset>
        <legend>About the work</legend>
        <Select
          name="language"
          label="Language"
          options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
          value={v.language || "en"}
          errors={e}
        />
        <Checkbox name="complete" label="This work is complete" checked={v.complete} />
        <TextField
          name="expected_chapters"
          label="Expected number of chapters"
          type="number"
          min={1}
          max={5000}
          hint="Leave blank if you don't know yet."
          value={v.expectedChapters}
          errors={e}
        />
      </fieldset>

      <fieldset>
        <legend>Privacy</legend>
        <Checkbox
          name="restricted"
          label="Only show this work to registered readers"
          checked={v.restricted}
        />
        <Checkbox
          name="anonymous"
          label="Post anonymously: readers won't see who wrote it"
          checked={v.anonymous}
        />
      </fieldset>

      {isNew ? (
        <fieldset>
          <legend>Chapter 1</legend>
          <TextField
            name="chapter_title"
            label="Chapter title"
            hint="Optional."
            value={v.chapterTitle}
            errors={e}
          />
          <TextFormatField legend="Text format" value={v.format} errors={e} />
          <TextArea name="body" label="Work text" rows={20} value={v.body} errors={e} />
        </fieldset>
      ) : (
        <ChapterLinks {...p.chapters!} />
      )}

      <div class="buttons">{isNew ? <PostingButtons /> : <button type="submit">Save changes</button>}</div>
    </PostForm>
  );
}

function ChapterLinks({ workId, list }: { workId: number; list: ChapterLine[] }) {
  return (
    <fieldset>
      <legend>Chapters</legend>
      <p class="hint">Each chapter's text is edited on its own page.</p>
      <ol>
        {list.map((ch) => (
          <li>
            <a href={`/works/${workId}/chapters/${ch.id}/edit`}>
              Edit chapter {ch.position}
              {ch.title ? `: ${ch.title}` : ""}
            </a>
            {!ch.posted && <span class="draft-badge"> Draft</span>}
          </li>
        ))}
      </ol>
    </fieldset>
  );
}

import type { Child } from "hono/jsx";
import type { FieldErrors } from "../lib/forms";

/** The hidden CSRF field every POST form carries. */
export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** A POST form with its CSRF token. */
export function PostForm(props: {
  action: string;
  csrf: string;
  children?: Child;
  class?: string;
  id?: string;
}) {
  return (
    <form method="post" action={props.action} class={props.class} id={props.id}>
      <Csrf token={props.csrf} />
      {props.children}
    </form>
  );
}

function errorId(name: string) {
  return `${name.replace(/[^\w-]/g, "_")}-error`;
}

/** The message beside a field, announced by screen readers through aria-describedby. */
export function FieldError({ name, errors }: { name: string; errors?: FieldErrors }) {
  const message = errors?.[name];
  if (!message) return null;
  return (
    <p class="field-error" id={errorId(name)}>
      {message}
    </p>
  );
}

interface FieldProps {
  name: string;
  label: string;
  value?: string | number | null;
  errors?: FieldErrors;
  hint?: string;
  type?: "text" | "email" | "password" | "number" | "date" | "search" | "url";
  required?: boolean;
  maxLength?: number;
  autocomplete?: string;
  /** Where tag suggestions for this comma-separated field come from (public/autocomplete.js). */
  suggest?: string;
  min?: number;
  max?: number;
}

function describedBy(name: string, errors?: FieldErrors, hint?: string) {
  const ids = [hint ? `${name}-hint` : "", errors?.[name] ? errorId(name) : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function TextField(p: FieldProps) {
  const invalid = p.errors?.[p.name] ? "true" : undefined;
  return (
    <div class={`field${invalid ? " has-error" : ""}`}>
      <label for={p.name}>{p.label}</label>
      {p.hint && (
        <p class="hint" id={`${p.name}-hint`}>
          {p.hint}
        </p>
      )}
      <input
        id={p.name}
        name={p.name}
        type={p.type ?? "text"}
        value={p.value ?? ""}
        required={p.required}
        maxlength={p.maxLength}
        autocomplete={p.autocomplete}
        data-autocomplete={p.suggest}
        min={p.min}
        max={p.max}
        aria-invalid={invalid}
        aria-describedby={describedBy(p.name, p.errors, p.hint)}
      />
      <FieldError name={p.name} errors={p.errors} />
    </div>
  );
}

export function TextArea(p: FieldProps & { rows?: number }) {
  const invalid = p.errors?.[p.name] ? "true" : undefined;
  return (
    <div class={`field${invalid ? " has-error" : ""}`}>
      <label for={p.name}>{p.label}</label>
      {p.hint && (
        <p class="hint" id={`${p.name}-hint`}>
          {p.hint}
        </p>
      )}
      <textarea
        id={p.name}
        name={p.name}
        rows={p.rows ?? 6}
        required={p.required}
        maxlength={p.maxLength}
        aria-invalid={invalid}
        aria-describedby={describedBy(p.name, p.errors, p.hint)}
      >
        {p.value ?? ""}
      </textarea>
      <FieldError name={p.name} errors={p.errors} />
    </div>
  );
}

export function Checkbox(p: {
  name: string;
  label: string;
  checked?: boolean;
  value?: string;
  hint?: string;
}) {
  const id = `${p.name}-${p.value ?? "1"}`.replace(/[^\w-]/g, "_");
  return (
    <div class="field checkbox">
      <input type="checkbox" id={id} name={p.name} value={p.value ?? "1"} checked={p.checked} />
      <label for={id}>{p.label}</label>
      {p.hint && <p class="hint">{p.hint}</p>}
    </div>
  );
}

export function Select(p: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string;
  errors?: FieldErrors;
}) {
  const invalid = p.errors?.[p.name] ? "true" : undefined;
  return (
    <div class={`field${invalid ? " has-error" : ""}`}>
      <label for={p.name}>{p.label}</label>
      <select
        id={p.name}
        name={p.name}
        aria-invalid={invalid}
        aria-describedby={describedBy(p.name, p.errors)}
      >
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError name={p.name} errors={p.errors} />
    </div>
  );
}

/** A summary at the top of a form that failed, linking to each field in error. */
export function ErrorSummary({ errors }: { errors?: FieldErrors }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>We couldn't save this</h2>
      <ul>
        {Object.entries(errors).map(([name, message]) => (
          <li>{name === "_form" ? message : <a href={`#${name}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

const TEXT_FORMATS = [
  { value: "html", label: "Rich text (HTML)" },
  { value: "plain", label: "Plain text: blank lines make paragraphs" },
] as const;

/** Whether a chapter's text is written as HTML or as plain text; anything but "plain" is HTML. */
export function TextFormatField(p: { legend: string; value: string; errors?: FieldErrors }) {
  const checked = p.value === "plain" ? "plain" : "html";
  const invalid = p.errors?.format ? "true" : undefined;
  return (
    <fieldset id="format" class={`field${invalid ? " has-error" : ""}`}>
      <legend>{p.legend}</legend>
      {TEXT_FORMATS.map((o) => (
        <div class="radio">
          <input
            type="radio"
            id={`format-${o.value}`}
            name="format"
            value={o.value}
            checked={checked === o.value}
          />
          <label for={`format-${o.value}`}>{o.label}</label>
        </div>
      ))}
      <FieldError name="format" errors={p.errors} />
    </fieldset>
  );
}

/**
 * The buttons under a form for writing: preview, then save as a draft or post; once it is
 * posted, a single button updates it.
 */
export function PostingButtons(p: { posted?: boolean }) {
  return (
    <>
      <button type="submit" name="action" value="preview">
        Preview
      </button>
      {p.posted ? (
        <button type="submit" name="action" value="post">
          Update
        </button>
      ) : (
        <>
          <button type="submit" name="action" value="draft">
            Save as draft
          </button>
          <button type="submit" name="action" value="post">
            Post
          </button>
        </>
      )}
    </>
  );
}

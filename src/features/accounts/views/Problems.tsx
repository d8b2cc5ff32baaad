import type { FieldErrors } from "../../../lib/forms";

/**
 * The summary at the top of a form that failed, headed by what could not be done, linking to each
 * field in error (the form's own messages, keyed "_form", stand as plain text).
 */
export function Problems(props: { heading: string; errors?: FieldErrors; level?: 2 | 3 }) {
  const { heading, errors } = props;
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      {props.level === 3 ? <h3>{heading}</h3> : <h2>{heading}</h2>}
      <ul>
        {Object.entries(errors).map(([name, message]) => (
          <li>{name === "_form" ? message : <a href={`#${name}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

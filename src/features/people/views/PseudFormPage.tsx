import type { PageCtx } from "../../../context";
import type { FieldErrors } from "../../../lib/forms";
import { ErrorSummary, PostForm, TextArea, TextField } from "../../../views/form";
import { Layout } from "../../../views/Layout";
import { defaultPseudPath, editPseudPath, newPseudPath, pseudsPath } from "../../../views/paths";
import type { PseudRow } from "../queries";
import { PSEUD_DESCRIPTION_MAX, PSEUD_NAME_MAX } from "../schema";

/** The new-pseud form, or the edit form of an existing pseud (`pseud` given). */
export function PseudFormPage(props: {
  ctx: PageCtx;
  login: string;
  /** The pseud being edited, as saved; absent for a new pseud. */
  pseud?: PseudRow;
  values: { name: string; description: string };
  errors?: FieldErrors;
}) {
  const { ctx, login, pseud } = props;
  const title = pseud ? `Edit pseud ${pseud.name}` : "New pseud";
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <ErrorSummary errors={props.errors} />
      <PostForm action={pseud ? editPseudPath(login, pseud.name) : newPseudPath(login)} csrf={ctx.csrf}>
        <TextField
          name="name"
          label="Name"
          value={props.values.name}
          errors={props.errors}
          required
          maxLength={PSEUD_NAME_MAX}
          hint={`Up to ${PSEUD_NAME_MAX} letters, digits, spaces, underscores (_) or hyphens (-). Each of your pseuds needs a different name.`}
        />
        <TextArea
          name="description"
          label="Description"
          value={props.values.description}
          errors={props.errors}
          maxLength={PSEUD_DESCRIPTION_MAX}
          rows={5}
          hint={`Plain text, up to ${PSEUD_DESCRIPTION_MAX} characters. Shown on the pseud's page.`}
        />
        <p class="actions">
          <button type="submit">{pseud ? "Save changes" : "Create pseud"}</button>{" "}
          <a href={pseudsPath(login)}>Cancel</a>
        </p>
      </PostForm>
      {pseud && !pseud.isDefault && (
        <PostForm action={defaultPseudPath(login, pseud.name)} csrf={ctx.csrf}>
          <p>
            <button type="submit">Make this my default pseud</button>
          </p>
        </PostForm>
      )}
    </Layout>
  );
}

import type { PageCtx } from "../../../context";
import type { FieldErrors } from "../../../lib/forms";
import { formatNumber } from "../../../lib/time";
import { FieldError, PostForm, TextField } from "../../../views/form";
import { Layout } from "../../../views/Layout";
import type { WorksChoice } from "../schema";
import { Problems } from "./Problems";

const CHOICES: { value: WorksChoice; label: string; hint: string }[] = [
  {
    value: "orphan",
    label: "Orphan my works",
    hint: "Your works stay on the archive, credited to orphan_account instead of you. Drafts only you could see are deleted.",
  },
  {
    value: "delete",
    label: "Delete my works",
    hint: "Works only you created are deleted with their chapters. Works you share with other creators stay, without your name.",
  },
];

const works = (n: number) => `${formatNumber(n)} ${n === 1 ? "work" : "works"}`;

export function DeleteAccountPage(props: {
  ctx: PageCtx;
  login: string;
  credited: { sole: number; shared: number };
  choice?: WorksChoice;
  errors?: FieldErrors;
}) {
  const { ctx, login, credited, choice, errors } = props;
  const invalid = errors?.works ? "true" : undefined;
  return (
    <Layout ctx={ctx} title="Delete account">
      <h1>Delete account</h1>
      <p>
        This deletes the account <strong>{login}</strong>, its pseuds and its sessions. It can't be undone.
      </p>
      <p>
        You are the only creator of {works(credited.sole)} and share {works(credited.shared)} with other
        creators.
      </p>
      <Problems heading="We couldn't delete your account" errors={errors} />
      <PostForm action="/account/delete" csrf={ctx.csrf}>
        <fieldset
          id="works"
          class={`field${invalid ? " has-error" : ""}`}
          aria-invalid={invalid}
          aria-describedby={invalid ? "works-error" : undefined}
        >
          <legend>What should happen to your works?</legend>
          {CHOICES.map((c) => (
            <div class="field radio">
              <input
                type="radio"
                id={`works-${c.value}`}
                name="works"
                value={c.value}
                checked={choice === c.value}
                required
                aria-describedby={`works-${c.value}-hint`}
              />
              <label for={`works-${c.value}`}>{c.label}</label>
              <p class="hint" id={`works-${c.value}-hint`}>
                {c.hint}
              </p>
            </div>
          ))}
          <FieldError name="works" errors={errors} />
        </fieldset>
        <TextField
          name="current_password"
          label="Current password"
          type="password"
          errors={errors}
          required
          maxLength={200}
          autocomplete="current-password"
        />
        <button type="submit" class="danger">
          Delete my account
        </button>
      </PostForm>
      <p>
        <a href="/account">Keep my account</a>
      </p>
    </Layout>
  );
}

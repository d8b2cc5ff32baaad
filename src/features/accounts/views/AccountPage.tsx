import type { PageCtx } from "../../../context";
import type { FieldErrors } from "../../../lib/forms";
import { Checkbox, PostForm, TextField } from "../../../views/form";
import { Layout } from "../../../views/Layout";
import { Problems } from "./Problems";

export type AccountForm = "password" | "email" | "preferences";

export interface AccountPageProps {
  ctx: PageCtx;
  account: { login: string; email: string; skipAdultNotice: boolean };
  /** The form that failed, with its messages and what the reader typed. */
  failed?: { form: AccountForm; errors: FieldErrors; email?: string };
}

export function AccountPage({ ctx, account, failed }: AccountPageProps) {
  const errorsOf = (form: AccountForm) => (failed?.form === form ? failed.errors : undefined);
  return (
    <Layout ctx={ctx} title="Account settings">
      <h1>Account settings</h1>
      <p>
        Signed in as <strong>{account.login}</strong>. Your email address is <strong>{account.email}</strong>.
      </p>
      <ul>
        <li>
          <a href={`/users/${encodeURIComponent(account.login)}/pseuds`}>Your pseuds</a>
        </li>
        <li>
          <a href="/creatorships">Co-creator invitations</a>
        </li>
      </ul>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">Change password</h2>
        <p>Changing your password signs you out everywhere else.</p>
        <Problems heading="We couldn't change your password" errors={errorsOf("password")} level={3} />
        <PostForm action="/account/password" csrf={ctx.csrf}>
          <TextField
            name="current_password"
            label="Current password"
            type="password"
            errors={errorsOf("password")}
            required
            maxLength={200}
            autocomplete="current-password"
          />
          <TextField
            name="password"
            label="New password"
            type="password"
            hint="8 to 200 characters."
            errors={errorsOf("password")}
            required
            maxLength={200}
            autocomplete="new-password"
          />
          <TextField
            name="password_confirmation"
            label="Confirm new password"
            type="password"
            errors={errorsOf("password")}
            required
            maxLength={200}
            autocomplete="new-password"
          />
          <button type="submit">Change password</button>
        </PostForm>
      </section>

      <section aria-labelledby="email-heading">
        <h2 id="email-heading">Change email</h2>
        <Problems heading="We couldn't change your email" errors={errorsOf("email")} level={3} />
        <PostForm action="/account/email" csrf={ctx.csrf}>
          <TextField
            name="email"
            label="New email"
            type="email"
            value={failed?.form === "email" ? failed.email : ""}
            errors={errorsOf("email")}
            required
            maxLength={254}
            autocomplete="email"
          />
          <TextField
            name="email_password"
            label="Current password"
            type="password"
            errors={errorsOf("email")}
            required
            maxLength={200}
            autocomplete="current-password"
          />
          <button type="submit">Change email</button>
        </PostForm>
      </section>

      <section aria-labelledby="preferences-heading">
        <h2 id="preferences-heading">Preferences</h2>
        <Problems heading="We couldn't save your preferences" errors={errorsOf("preferences")} level={3} />
        <PostForm action="/account/preferences" csrf={ctx.csrf}>
          <Checkbox
            name="skip_adult_notice"
            label="Show me Mature, Explicit and Not Rated works without the adult-content notice"
            checked={account.skipAdultNotice}
          />
          <button type="submit">Save preferences</button>
        </PostForm>
      </section>

      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete account</h2>
        <p>
          <a href="/account/delete">Delete your account</a>, and choose what happens to your works.
        </p>
      </section>
    </Layout>
  );
}

import type { PageCtx } from "../../../context";
import type { FieldErrors } from "../../../lib/forms";
import { PostForm, TextField } from "../../../views/form";
import { Layout } from "../../../views/Layout";
import { Problems } from "./Problems";

export interface SignUpValues {
  login: string;
  email: string;
}

export function SignUpPage(props: { ctx: PageCtx; values?: SignUpValues; errors?: FieldErrors }) {
  const { ctx, values, errors } = props;
  return (
    <Layout ctx={ctx} title="Sign up">
      <h1>Sign up</h1>
      <p>
        An account lets you post works, leave kudos under your name and keep bookmarks. Already have one?{" "}
        <a href="/login">Sign in</a>.
      </p>
      <Problems heading="We couldn't create your account" errors={errors} />
      <PostForm action="/signup" csrf={ctx.csrf}>
        <TextField
          name="login"
          label="Login name"
          hint="3 to 40 letters, digits or underscores. It is also your first pseud and appears in your profile's address."
          value={values?.login}
          errors={errors}
          required
          maxLength={40}
          autocomplete="username"
        />
        <TextField
          name="email"
          label="Email"
          type="email"
          hint="Never shown to other readers."
          value={values?.email}
          errors={errors}
          required
          maxLength={254}
          autocomplete="email"
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          hint="8 to 200 characters."
          errors={errors}
          required
          maxLength={200}
          autocomplete="new-password"
        />
        <TextField
          name="password_confirmation"
          label="Confirm password"
          type="password"
          errors={errors}
          required
          maxLength={200}
          autocomplete="new-password"
        />
        <button type="submit">Create account</button>
      </PostForm>
    </Layout>
  );
}

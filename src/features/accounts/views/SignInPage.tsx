import type { PageCtx } from "../../../context";
import type { FieldErrors } from "../../../lib/forms";
import { PostForm, TextField } from "../../../views/form";
import { Layout } from "../../../views/Layout";
import { Problems } from "./Problems";

export function SignInPage(props: { ctx: PageCtx; returnTo: string; login?: string; errors?: FieldErrors }) {
  const { ctx, returnTo, login, errors } = props;
  return (
    <Layout ctx={ctx} title="Sign in">
      <h1>Sign in</h1>
      <Problems heading="We couldn't sign you in" errors={errors} />
      <PostForm action="/login" csrf={ctx.csrf}>
        <input type="hidden" name="return_to" value={returnTo} />
        <TextField
          name="login"
          label="Login name or email"
          value={login}
          errors={errors}
          required
          maxLength={254}
          autocomplete="username"
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          errors={errors}
          required
          maxLength={200}
          autocomplete="current-password"
        />
        <button type="submit">Sign in</button>
      </PostForm>
      <p>
        New here? <a href="/signup">Sign up</a>.
      </p>
    </Layout>
  );
}

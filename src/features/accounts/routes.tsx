import { Hono } from "hono";
import type { AppEnv, Ctx } from "../../context";
import { pageCtx } from "../../context";
import { flash } from "../../lib/cookies";
import { formValue, validate } from "../../lib/forms";
import { requireViewer, signedIn } from "../../lib/guard";
import { clientIp, notFound, readForm, safeReturnTo } from "../../lib/http";
import type { RateLimiter } from "../../lib/ratelimit";
import { nameKey } from "../../lib/text";
import {
  authenticate,
  changeEmail,
  changePassword,
  deleteAccount,
  findSignInAccount,
  setPreferences,
  signUp,
  WRONG_CREDENTIALS,
} from "./accounts";
import { countCreditedWorks, deleteSession, findAccount } from "./queries";
import {
  changeEmailSchema,
  changePasswordSchema,
  deleteAccountSchema,
  preferencesSchema,
  signInSchema,
  signUpSchema,
  WORKS_CHOICES,
  type WorksChoice,
} from "./schema";
import { currentSessionHash, endSession, fromKnownDevice, rememberThisDevice, startSession } from "./session";
import { AccountPage, type AccountPageProps } from "./views/AccountPage";
import { DeleteAccountPage } from "./views/DeleteAccountPage";
import { SignInPage } from "./views/SignInPage";
import { SignUpPage } from "./views/SignUpPage";

export const accountRoutes = new Hono<AppEnv>();

/** "3 minutes", "40 seconds": how long a rate-limited reader must wait. */
function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? "second" : "seconds"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}

/** Counts one attempt against each limiter; the seconds to wait when any is over, else 0. */
function overLimit(c: Ctx, checks: [RateLimiter, string][]): number {
  let wait = 0;
  for (const [limiter, key] of checks) {
    if (!limiter.hit(key)) wait = Math.max(wait, limiter.retryAfter(key));
  }
  if (wait) c.header("Retry-After", String(wait));
  return wait;
}

/** Swaps any session the browser held for a new one: a fresh token at every sign-in. */
async function beginFreshSession(c: Ctx, userId: number) {
  const old = currentSessionHash(c);
  if (old) await deleteSession(c.get("deps").db, old);
  await startSession(c, userId);
}

// Sign up -----------------------------------------------------------------------------------

accountRoutes.get("/signup", (c) => c.html(<SignUpPage ctx={pageCtx(c)} />));

accountRoutes.post("/signup", async (c) => {
  const deps = c.get("deps");
  const body = await readForm(c);
  const values = { login: formValue(body, "login"), email: formValue(body, "email") };
  const render = (errors: Record<string, string>, status: 422 | 429) =>
    c.html(<SignUpPage ctx={pageCtx(c)} values={values} errors={errors} />, status);
  const parsed = validate(signUpSchema, {
    ...values,
    password: formValue(body, "password"),
    password_confirmation: formValue(body, "password_confirmation"),
  });
  if (!parsed.ok) return render(parsed.errors, 422);
  // Only well-formed attempts count: a reader fixing a typo is not held back by it.
  const wait = overLimit(c, [[deps.limits.signUpPerIp, clientIp(c)]]);
  if (wait)
    return render(
      { _form: `Too many sign-ups from your network. Please wait ${waitText(wait)} and try again.` },
      429,
    );
  const created = await signUp(deps, parsed.data);
  if (!created.ok) return render(created.errors, 422);
  await rememberThisDevice(c, created.value);
  await beginFreshSession(c, created.value);
  flash(c, `Welcome to Quire, ${parsed.data.login}! You're signed in.`);
  return c.redirect(`/users/${encodeURIComponent(parsed.data.login)}`, 303);
});

// Sign in and out ---------------------------------------------------------------------------

accountRoutes.get("/login", (c) =>
  c.html(<SignInPage ctx={pageCtx(c)} returnTo={safeReturnTo(c.req.query("return_to"))} />),
);

accountRoutes.post("/login", async (c) => {
  const deps = c.get("deps");
  const body = await readForm(c);
  const returnTo = safeReturnTo(formValue(body, "return_to"));
  const typed = formValue(body, "login");
  const render = (errors: Record<string, string>, status: 422 | 429) =>
    c.html(<SignInPage ctx={pageCtx(c)} returnTo={returnTo} login={typed} errors={errors} />, status);
  const parsed = validate(signInSchema, { login: typed, password: formValue(body, "password") });
  if (!parsed.ok) return render(parsed.errors, 422);
  const loginKey = nameKey(parsed.data.login);
  // Guesses count against this address and this name at this address: a stranger's guesses use
  // up their own allowance, never the owner's.
  const atAddress = `${loginKey}\n${clientIp(c)}`;
  const wait = overLimit(c, [
    [deps.limits.signInPerIp, clientIp(c)],
    [deps.limits.signInPerLoginAndIp, atAddress],
  ]);
  if (wait)
    return render({ _form: `Too many sign-in attempts. Please wait ${waitText(wait)} and try again.` }, 429);
  const account = await findSignInAccount(deps, parsed.data.login);
  // Guesses spread over many addresses meet a slower brake per name, which holds every browser
  // but the ones the account signed in from before.
  if (!(account && (await fromKnownDevice(c, account.id)))) {
    const braked = overLimit(c, [[deps.limits.signInPerLogin, loginKey]]);
    if (braked)
      return render(
        {
          _form: `Too many sign-in attempts for this account. Please wait ${waitText(braked)} and try again, or sign in from a browser you have used for this account before.`,
        },
        429,
      );
  }
  const user = await authenticate(deps, account, parsed.data.password);
  if (!user) return render({ _form: WRONG_CREDENTIALS }, 422);
  deps.limits.signInPerLoginAndIp.reset(atAddress);
  await rememberThisDevice(c, user.id);
  await beginFreshSession(c, user.id);
  flash(c, `Welcome back, ${user.login}.`);
  return c.redirect(returnTo, 303);
});

accountRoutes.post("/logout", async (c) => {
  await endSession(c);
  flash(c, "You've signed out.");
  return c.redirect("/", 303);
});

// Settings ----------------------------------------------------------------------------------

/** The signed-in reader's account (a session outlives no account, so it is there). */
async function accountOf(c: Ctx) {
  return (await findAccount(c.get("deps").db, signedIn(c).id)) ?? notFound();
}

function renderAccount(
  c: Ctx,
  account: AccountPageProps["account"],
  failed?: AccountPageProps["failed"],
  status: 200 | 422 | 429 = failed ? 422 : 200,
) {
  return c.html(<AccountPage ctx={pageCtx(c)} account={account} failed={failed} />, status);
}

/**
 * Counts one re-check of a signed-in account's password (changing email or password, deleting):
 * a stolen session must not become a way to guess the password. The message when over, else null.
 */
function recheckLimited(c: Ctx, userId: number): string | null {
  const wait = overLimit(c, [[c.get("deps").limits.passwordCheckPerAccount, String(userId)]]);
  return wait ? `Too many password attempts. Please wait ${waitText(wait)} and try again.` : null;
}

/** A re-check that succeeded starts the count afresh. */
function recheckPassed(c: Ctx, userId: number): void {
  c.get("deps").limits.passwordCheckPerAccount.reset(String(userId));
}

accountRoutes.get("/account", requireViewer(), async (c) => {
  const account = await accountOf(c);
  return renderAccount(c, account);
});

accountRoutes.post(
  "/account/password",
  requireViewer(() => "/account"),
  async (c) => {
    const account = await accountOf(c);
    const body = await readForm(c);
    const parsed = validate(changePasswordSchema, {
      current_password: formValue(body, "current_password"),
      password: formValue(body, "password"),
      password_confirmation: formValue(body, "password_confirmation"),
    });
    if (!parsed.ok) return renderAccount(c, account, { form: "password", errors: parsed.errors });
    const limited = recheckLimited(c, account.id);
    if (limited)
      return renderAccount(c, account, { form: "password", errors: { current_password: limited } }, 429);
    const changed = await changePassword(c.get("deps"), account.id, {
      current: parsed.data.current_password,
      next: parsed.data.password,
      keepSessionHash: currentSessionHash(c),
    });
    if (!changed.ok) return renderAccount(c, account, { form: "password", errors: changed.errors });
    recheckPassed(c, account.id);
    flash(c, "Your password has been changed, and your other sessions have been signed out.");
    return c.redirect("/account", 303);
  },
);

accountRoutes.post(
  "/account/email",
  requireViewer(() => "/account"),
  async (c) => {
    const account = await accountOf(c);
    const body = await readForm(c);
    const email = formValue(body, "email");
    const parsed = validate(changeEmailSchema, { email, email_password: formValue(body, "email_password") });
    if (!parsed.ok) return renderAccount(c, account, { form: "email", errors: parsed.errors, email });
    const limited = recheckLimited(c, account.id);
    if (limited)
      return renderAccount(c, account, { form: "email", errors: { email_password: limited }, email }, 429);
    const changed = await changeEmail(c.get("deps"), account.id, {
      email: parsed.data.email,
      password: parsed.data.email_password,
    });
    if (!changed.ok) {
      if (!changed.errors.email_password) recheckPassed(c, account.id);
      return renderAccount(c, account, { form: "email", errors: changed.errors, email });
    }
    recheckPassed(c, account.id);
    flash(c, `Your email address is now ${parsed.data.email}.`);
    return c.redirect("/account", 303);
  },
);

accountRoutes.post(
  "/account/preferences",
  requireViewer(() => "/account"),
  async (c) => {
    const account = await accountOf(c);
    const body = await readForm(c);
    const parsed = validate(preferencesSchema, { skip_adult_notice: formValue(body, "skip_adult_notice") });
    if (!parsed.ok) return renderAccount(c, account, { form: "preferences", errors: parsed.errors });
    await setPreferences(c.get("deps"), account.id, { skipAdultNotice: parsed.data.skip_adult_notice });
    flash(c, "Your preferences have been saved.");
    return c.redirect("/account", 303);
  },
);

// Delete ------------------------------------------------------------------------------------

accountRoutes.get("/account/delete", requireViewer(), async (c) => {
  const account = await accountOf(c);
  const credited = await countCreditedWorks(c.get("deps").db, account.id);
  return c.html(<DeleteAccountPage ctx={pageCtx(c)} login={account.login} credited={credited} />);
});

accountRoutes.post("/account/delete", requireViewer(), async (c) => {
  const deps = c.get("deps");
  const account = await accountOf(c);
  const body = await readForm(c);
  const works = formValue(body, "works");
  const parsed = validate(deleteAccountSchema, {
    works,
    current_password: formValue(body, "current_password"),
  });
  const limited = parsed.ok ? recheckLimited(c, account.id) : null;
  const result = !parsed.ok
    ? parsed
    : limited
      ? { ok: false as const, errors: { current_password: limited } }
      : await deleteAccount(deps, account.id, {
          password: parsed.data.current_password,
          works: parsed.data.works,
        });
  if (!result.ok) {
    const credited = await countCreditedWorks(deps.db, account.id);
    const choice = (WORKS_CHOICES as readonly string[]).includes(works) ? (works as WorksChoice) : undefined;
    return c.html(
      <DeleteAccountPage
        ctx={pageCtx(c)}
        login={account.login}
        credited={credited}
        choice={choice}
        errors={result.errors}
      />,
      limited ? 429 : 422,
    );
  }
  await endSession(c);
  flash(c, "Your account has been deleted.");
  return c.redirect("/", 303);
});

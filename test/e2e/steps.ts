// Steps the journeys share, written the way a reader uses the pages: by labels and roles.
import assert from "node:assert/strict";
import type { Page, Response } from "playwright-core";

export interface Account {
  login: string;
  email: string;
  password: string;
}

let seq = 0;
/** A new account's details, unique within this process. */
export function newAccount(prefix = "writer"): Account {
  const login = `${prefix}${process.pid}x${++seq}`;
  return { login, email: `${login}@example.org`, password: "a long enough password" };
}

/** Fails with the page's heading and URL, which say more than a timeout does. */
export async function expectStatus(response: Response | null, status: number, page: Page): Promise<void> {
  const got = response?.status();
  if (got !== status) {
    const heading = await page
      .locator("h1")
      .first()
      .textContent()
      .catch(() => "");
    assert.fail(`expected ${status} at ${page.url()}, got ${got} (h1: ${heading?.trim()})`);
  }
}

export function signOutButton(page: Page) {
  return page.getByRole("banner").getByRole("button", { name: "Sign out" });
}

export async function signUp(page: Page, account: Account): Promise<void> {
  await expectStatus(await page.goto("/signup"), 200, page);
  await page.getByLabel("Login name", { exact: true }).fill(account.login);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByLabel("Confirm password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await signOutButton(page).waitFor();
}

export async function signIn(page: Page, account: Pick<Account, "login" | "password">): Promise<void> {
  const onForm = new URL(page.url()).pathname === "/login";
  if (!onForm) await expectStatus(await page.goto("/login"), 200, page);
  await fillSignIn(page, account);
  await signOutButton(page).waitFor();
}

/** Fills and sends the sign-in form the page shows now. */
export async function fillSignIn(page: Page, account: Pick<Account, "login" | "password">): Promise<void> {
  await page.getByLabel("Login name or email").fill(account.login);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page): Promise<void> {
  await signOutButton(page).click();
  await page.getByRole("banner").getByRole("link", { name: "Sign in" }).waitFor();
}

/** The work id in a /works/:id… address. */
export function workIdFrom(url: string): number {
  const m = new URL(url).pathname.match(/^\/works\/(\d+)/);
  assert.ok(m, `not a work address: ${url}`);
  return Number(m[1]);
}

/** The text of the page's main landmark, as a reader sees it. */
export async function mainText(page: Page): Promise<string> {
  return ((await page.getByRole("main").textContent()) ?? "").replace(/\s+/g, " ");
}

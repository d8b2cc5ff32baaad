import type { createApp } from "../../src/app";

type App = ReturnType<typeof createApp>;

export interface Page {
  status: number;
  headers: Headers;
  text: string;
  /** The Location header of a redirect. */
  location: string | null;
}

/**
 * Drives the app like a browser without JavaScript: keeps cookies, sends the CSRF token with every
 * POST, follows nothing unless asked. Requests go through `app.request()`, no socket.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  private headers = new Map<string, string>();

  constructor(private app: App) {}

  get csrf(): string {
    return this.cookies.get("quire_csrf") ?? "";
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  /** A header sent with every request from now on (such as `x-forwarded-for`). */
  setHeader(name: string, value: string): void {
    this.headers.set(name, value);
  }

  get signedIn(): boolean {
    return this.cookies.has("quire_session");
  }

  async get(path: string): Promise<Page> {
    return this.send(path, { method: "GET" });
  }

  /** Posts a form. The CSRF token is added unless `_csrf` is given (pass "" to send none). */
  async post(path: string, form: Record<string, string | string[] | number | boolean> = {}): Promise<Page> {
    if (!this.cookies.has("quire_csrf")) await this.get("/");
    const body = new URLSearchParams();
    if (!("_csrf" in form)) body.append("_csrf", this.csrf);
    for (const [k, v] of Object.entries(form)) {
      if (Array.isArray(v)) for (const x of v) body.append(k, x);
      else body.append(k, String(v));
    }
    return this.send(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
  }

  /** GET, following redirects (at most five). */
  async follow(path: string): Promise<Page> {
    let page = await this.get(path);
    for (let i = 0; i < 5 && page.location; i++) page = await this.get(page.location);
    return page;
  }

  async send(path: string, init: RequestInit): Promise<Page> {
    const headers = new Headers(init.headers);
    for (const [k, v] of this.headers) if (!headers.has(k)) headers.set(k, v);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await this.app.request(path, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some(
        (a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()),
      );
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const location = res.headers.get("location");
    return { status: res.status, headers: res.headers, text: await res.text(), location };
  }
}

/** Where a redirect to the sign-in page will bring the reader back to, or null for another redirect. */
export function signInReturnTo(location: string | null): string | null {
  if (!location) return null;
  const url = new URL(location, "http://quire.invalid");
  return url.pathname === "/login" ? url.searchParams.get("return_to") : null;
}

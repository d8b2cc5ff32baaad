import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Ctx } from "../context";

export const SESSION_COOKIE = "quire_session";
export const CSRF_COOKIE = "quire_csrf";
export const FLASH_COOKIE = "quire_flash";
/** A browser's own random token, kept a year: it marks the browsers an account signed in from. */
export const DEVICE_COOKIE = "quire_device";

/** httpOnly, SameSite=Lax, Secure behind https. */
export function setAppCookie(c: Ctx, name: string, value: string, maxAgeSeconds?: number) {
  setCookie(c, name, value, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.get("deps").config.secureCookies,
    path: "/",
    maxAge: maxAgeSeconds,
  });
}

export function readCookie(c: Ctx, name: string): string | undefined {
  return getCookie(c, name);
}

export function clearCookie(c: Ctx, name: string) {
  deleteCookie(c, name, { path: "/" });
}

/** Leaves a one-time message for the next page (shown after a redirect). */
export function flash(c: Ctx, message: string) {
  setAppCookie(c, FLASH_COOKIE, encodeURIComponent(message.slice(0, 300)), 60);
}

import { z } from "zod";
import { badRequest } from "../../lib/http";

/** The highest page number a listing accepts; beyond it a request is surely not a reader's. */
export const MAX_PAGE = 100_000;

/** `?page=`: absent (or empty) means 1; otherwise a positive whole number. */
export const pageParam = z
  .string()
  .regex(/^[1-9][0-9]{0,5}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_PAGE))
  .optional();

/** The page a listing asks for, or a 400 page that names the parameter. */
export function readPage(value: string | undefined): number {
  const result = pageParam.safeParse(value === "" ? undefined : value);
  if (!result.success) {
    badRequest(`The "page" parameter must be a whole number from 1 to ${MAX_PAGE.toLocaleString("en-US")}.`);
  }
  return result.data ?? 1;
}

/** How many pages a listing of `total` items spans (at least one, so page 1 always exists). */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

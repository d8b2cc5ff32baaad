// Signed-in users for the benchmarks that write over HTTP, made straight in the database: the
// sign-in form is rate limited, and a benchmark's users never type a password.
import type { Kysely } from "kysely";
import type { Database } from "../src/db/types";
import { randomToken, sha256 } from "../src/lib/security";
import { nameKey } from "../src/lib/text";

export interface BenchUser {
  id: number;
  pseudId: number;
  /** The session cookie's value. */
  token: string;
}

/** A user with a default pseud and a session of `days` days; no password can sign them in. */
export async function makeSignedInUser(db: Kysely<Database>, login: string, days = 1): Promise<BenchUser> {
  const now = Date.now();
  const user = await db
    .insertInto("users")
    .values({
      login,
      login_key: nameKey(login),
      email: `${login}@example.org`,
      email_key: `${login}@example.org`,
      password_hash: "",
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const pseud = await db
    .insertInto("pseuds")
    .values({ user_id: user.id, name: login, name_key: nameKey(login), is_default: 1, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  const token = randomToken();
  await db
    .insertInto("sessions")
    .values({
      token_hash: sha256(token),
      user_id: user.id,
      created_at: now,
      expires_at: now + days * 86_400_000,
    })
    .execute();
  return { id: user.id, pseudId: pseud.id, token };
}

import { randomBytes } from "node:crypto";
import type { Deps } from "./context";
import { loadDemo } from "./demo/index";
import { hashPassword } from "./features/accounts/password";
import { nameKey } from "./lib/text";

/**
 * First-start work: make sure an admin exists and, in an empty archive, load the demo content.
 * The admin is the account `admin`; its password is QUIRE_ADMIN_PASSWORD, or a random one that is
 * printed once on the first start.
 */
export async function prepareArchive(deps: Deps, log: (line: string) => void): Promise<void> {
  const { db, config } = deps;
  const admin = await db.selectFrom("users").select("id").where("is_admin", "=", 1).executeTakeFirst();
  if (!admin) {
    const password = config.adminPassword ?? randomBytes(12).toString("base64url");
    const now = Date.now();
    const user = await db
      .insertInto("users")
      .values({
        login: "admin",
        login_key: nameKey("admin"),
        email: "admin@localhost",
        email_key: "admin@localhost",
        password_hash: await hashPassword(password, deps.hashCost),
        is_admin: 1,
        is_tag_wrangler: 1,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("pseuds")
      .values({ user_id: user.id, name: "admin", name_key: "admin", is_default: 1, created_at: now })
      .execute();
    log("Quire: created the admin account.");
    log(`Quire: sign in at /login as "admin" with password: ${password}`);
    if (!config.adminPassword)
      log("Quire: (set QUIRE_ADMIN_PASSWORD to choose it; change it under Account.)");
  }
  if (config.demo) {
    const anyWork = await db.selectFrom("works").select("id").limit(1).executeTakeFirst();
    if (!anyWork) await loadDemo(deps, log);
  }
}

import argon2 from "argon2";
import type { PasswordHashCost } from "../../context";

export function hashPassword(password: string, cost: PasswordHashCost): Promise<string> {
  return argon2.hash(password.normalize("NFC"), { type: argon2.argon2id, ...cost });
}

/** False for a wrong password and for accounts that have no password (system accounts). */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, password.normalize("NFC"));
  } catch {
    return false;
  }
}

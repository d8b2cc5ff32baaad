/**
 * A fixed-window counter per key (an IP, a login name), held in this process. Enough for one
 * server; each app server of a larger archive counts on its own.
 */
export class RateLimiter {
  private hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one attempt; false when the key is over its limit for this window. */
  hit(key: string, now = Date.now()): boolean {
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.hits.size > 100_000) this.sweep(now);
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return this.limit >= 1;
    }
    entry.count++;
    return entry.count <= this.limit;
  }

  /** Seconds until the key may try again. */
  retryAfter(key: string, now = Date.now()): number {
    const entry = this.hits.get(key);
    return entry ? Math.max(1, Math.ceil((entry.resetAt - now) / 1000)) : 0;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(now: number): void {
    for (const [k, v] of this.hits) if (v.resetAt <= now) this.hits.delete(k);
  }
}

/**
 * The archive's limits. Sign-in guesses are counted per address and per login name at that
 * address, so a stranger's guesses never lock the owner out; the per-login brake is slower and
 * holds only browsers the account has not signed in from before.
 */
export function defaultLimits() {
  return {
    /** Any login names, from one address. */
    signInPerIp: new RateLimiter(30, 5 * 60_000),
    /** One login name from one address. */
    signInPerLoginAndIp: new RateLimiter(10, 5 * 60_000),
    /** One login name from anywhere, except its known browsers. */
    signInPerLogin: new RateLimiter(100, 60 * 60_000),
    signUpPerIp: new RateLimiter(5, 60 * 60_000),
    /** Password re-checks of one signed-in account (email, password, deletion). */
    passwordCheckPerAccount: new RateLimiter(10, 15 * 60_000),
  };
}

export type Limits = ReturnType<typeof defaultLimits>;

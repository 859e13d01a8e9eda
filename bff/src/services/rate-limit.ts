import { sql } from 'drizzle-orm';
import { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client';
import { rateLimits } from '../db/schema';
import { withTransaction, type Executor, type Tx } from '../db/tx';
import { AppError } from '../lib/errors';

export type RateLimitHit = {
  /** False once this hit went over the limit. */
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  count: number;
  limit: number;
  /** When the current window ends (ms since epoch). */
  resetAt: number;
  /** Whole seconds until the window ends (≥ 1): the Retry-After value. */
  retryAfterSeconds: number;
};

/**
 * Counts one hit on `key` in a fixed window of `windowMs` that starts at the
 * key's first hit, and says whether the hit is within `limit`.
 *
 * The counter lives in the database (`rate_limits`) so that it holds across
 * restarts and across instances sharing one libSQL server. One upsert does the
 * read-and-increment, so concurrent hits can never both read the same count.
 * A window whose start lies in the future (the clock went back) starts over.
 *
 * Pass the database, or an open transaction when the hit must commit or roll
 * back with other writes; with the database, the write is queued through
 * withTransaction like every other write.
 */
export async function hitRateLimit(db: Executor, key: string, limit: number, windowMs: number, now: Date): Promise<RateLimitHit> {
  const t = now.getTime();
  const run = async (tx: Executor) => {
    const expired = sql`(${t} - ${rateLimits.windowStart} >= ${windowMs} OR ${t} < ${rateLimits.windowStart})`;
    const row = await tx
      .insert(rateLimits)
      .values({ key, windowStart: t, count: 1 })
      .onConflictDoUpdate({
        target: rateLimits.key,
        // Both right-hand sides read the row as it was before this update (SQLite semantics).
        set: {
          count: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.count} + 1 END`,
          windowStart: sql`CASE WHEN ${expired} THEN ${t} ELSE ${rateLimits.windowStart} END`,
        },
      })
      .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart })
      .get();
    if (!row) throw new Error('rate limit upsert returned no row');
    return row;
  };
  const row = db instanceof SQLiteTransaction ? await run(db as Tx) : await withTransaction(db as Db, run);
  const resetAt = row.windowStart + windowMs;
  return {
    allowed: row.count <= limit,
    count: row.count,
    limit,
    resetAt,
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt - t) / 1000)),
  };
}

/**
 * 429 RATE_LIMITED. Routers that use the `retryAfter` middleware (lib/auth.ts)
 * turn `retryAfterSeconds` into a Retry-After header.
 */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message?: string,
  ) {
    super('RATE_LIMITED', 429, message, { retryAfterSeconds });
  }
}

/** hitRateLimit, throwing RateLimitedError when the hit is over the limit. */
export async function enforceRateLimit(
  db: Executor,
  key: string,
  limit: number,
  windowMs: number,
  now: Date,
  message?: string,
): Promise<RateLimitHit> {
  const hit = await hitRateLimit(db, key, limit, windowMs, now);
  if (!hit.allowed) throw new RateLimitedError(hit.retryAfterSeconds, message);
  return hit;
}

/**
 * The part of a client address one attacker controls: an IPv4 address, or the
 * /64 prefix of an IPv6 one (a single home or phone gets a whole /64 and can
 * rotate through it freely). IPv4-mapped IPv6 (::ffff:1.2.3.4) is the IPv4 address.
 */
export function attackerOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Guesses of a secret (a query code, a password), slowed per attacker and never
 * by locking the target for everyone. Every attempt is counted first, per
 * address and per address + target, so that parallel guesses cannot slip past
 * the limit; an attempt that turns out right gives its hits back, so only
 * failures use up the allowance and a busy shared address (a service hall's
 * Wi-Fi) is not held back by the people who got it right.
 */
export async function guardGuesses(
  db: Db,
  keys: { perAddress: string; perTarget: string },
  limits: { perAddress: number; perTarget: number; windowMs: number },
  now: Date,
  /** The 429's message, or a function of the seconds to wait when it names them. */
  message: string | ((retryAfterSeconds: number) => string),
): Promise<{ succeeded: () => Promise<void> }> {
  const [address, pair] = await withTransaction(db, async (tx) => [
    await hitRateLimit(tx, keys.perAddress, limits.perAddress, limits.windowMs, now),
    await hitRateLimit(tx, keys.perTarget, limits.perTarget, limits.windowMs, now),
  ]);
  const over = [address, pair].filter((h) => !h.allowed);
  if (over.length) {
    const retryAfter = Math.max(...over.map((h) => h.retryAfterSeconds));
    throw new RateLimitedError(retryAfter, typeof message === 'string' ? message : message(retryAfter));
  }
  return {
    succeeded: () =>
      withTransaction(db, async (tx) => {
        await tx
          .update(rateLimits)
          .set({ count: sql`max(${rateLimits.count} - 1, 0)` })
          .where(sql`${rateLimits.key} IN (${keys.perAddress}, ${keys.perTarget})`);
      }),
  };
}

/** Deletes counters whose window ended before `now - keepMs` (housekeeping; safe at any time). */
export async function pruneRateLimits(db: Db, now: Date, keepMs: number): Promise<number> {
  const cutoff = now.getTime() - keepMs;
  return withTransaction(db, async (tx) => {
    const rows = await tx
      .delete(rateLimits)
      .where(sql`${rateLimits.windowStart} < ${cutoff}`)
      .returning({ key: rateLimits.key });
    return rows.length;
  });
}

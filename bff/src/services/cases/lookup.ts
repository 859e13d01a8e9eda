import type { CitizenCase, LookupBody } from '@zw/shared';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { cases } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import type { VerbArgs } from '../../lib/service';
import { attackerOf, enforceRateLimit, guardGuesses } from '../rate-limit';
import { queryCodeHash } from './submit';
import { safeEqual } from './secrets';
import { citizenView } from './views';

/** Wrong tries allowed per 15 minutes: per address (all numbers), and per address for one number. */
const LIMITS = { perAddress: 30, perTarget: 5, windowMs: 15 * 60_000 };
const LEGACY_TRACKING_NO_LENGTH = 'QX'.length + 10;
const TOO_OFTEN = '查询码错误次数太多，请 15 分钟后再试，或拨打 12345 咨询';

/**
 * A case by tracking number and query code, read-only: acting on a case needs
 * the identity that submitted it. Query codes are given to anonymous messages
 * and to messages staff recorded at the counter or on the phone (帮办代办);
 * a case without one stores '-', which no code's HMAC equals. Wrong tries are
 * slowed per address and per address + number (rate-limit.ts guardGuesses),
 * never per number alone: a stranger's wrong guesses must not lock the owner
 * out, and 10-digit codes (shared/src/tracking.ts) make that safe. A wrong
 * code, a case without a code and a missing number are the same 404.
 */
export async function lookupCase({ ctx, input: { trackingNo, queryCode } }: VerbArgs<z.infer<typeof LookupBody>>): Promise<CitizenCase> {
  const who = attackerOf(ctx.ip);
  const guess = await guardGuesses(
    ctx.db,
    { perAddress: `lookup:ip:${who}`, perTarget: `lookup:pair:${who}:${trackingNo}` },
    LIMITS,
    ctx.now,
    TOO_OFTEN,
  );
  // Numbers issued before the current format came with 6-digit codes (10⁶): those keep a limit per number too.
  if (trackingNo.length === LEGACY_TRACKING_NO_LENGTH)
    await enforceRateLimit(ctx.db, `lookup:case:${trackingNo}`, 10, LIMITS.windowMs, ctx.now, TOO_OFTEN);
  const row = await ctx.db.select().from(cases).where(eq(cases.trackingNo, trackingNo)).get();
  const fail = new NotFoundError('受理编号或查询码不正确');
  if (!row || row.queryCodeHash === '-') throw fail;
  if (!safeEqual(await queryCodeHash(ctx.config, trackingNo, queryCode), row.queryCodeHash)) throw fail;
  await guess.succeeded();
  const view = await citizenView(ctx, row);
  return { ...view, availableActions: [] };
}

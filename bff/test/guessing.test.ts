import { trackingNoOf } from '@zw/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../src/db/schema';
import { withTransaction } from '../src/db/tx';
import { queryCodeHash } from '../src/services/cases/submit';
import { attackerOf } from '../src/services/rate-limit';
import { call, departmentId, key, message } from './cases-support';
import { createTestContext, type TestContext } from './helpers';

let ctx: TestContext;
let mzjId: number;
beforeAll(async () => {
  ctx = await createTestContext({ config: (c) => ({ ...c, trustProxy: true }) });
  mzjId = await departmentId(ctx, 'mzj');
});
afterAll(() => ctx.cleanup());

const lookup = (trackingNo: string, queryCode: string, ip: string) =>
  call(ctx, 'POST', '/api/cases/lookup', null, { trackingNo, queryCode }, { 'x-forwarded-for': ip });

async function guestCase(ip = '198.51.100.200') {
  const r = await call(ctx, 'POST', '/api/cases/guest', null, message(mzjId, { anonymous: true, contact: undefined, consent: false }), {
    'idempotency-key': key(),
    'x-forwarded-for': ip,
  });
  expect(r.status).toBe(201);
  return r.body as { trackingNo: string; queryCode: string; id: number };
}

const wrong = (code: string) => String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');

describe('guessing the query code of an anonymous message', () => {
  it('holds back the guessing address and never the owner: 200 wrong tries from 40 addresses leave the right code working', async () => {
    ctx.clock.set('2026-12-03T02:00:00.000Z');
    const c = await guestCase();
    const statuses: Record<number, number> = {};
    for (let a = 0; a < 40; a++) {
      for (let i = 0; i < 5; i++) {
        const res = await lookup(c.trackingNo, wrong(c.queryCode), `203.0.113.${a}`);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
      // The sixth try from the same address is held back (per address + number)…
      const held = await lookup(c.trackingNo, c.queryCode, `203.0.113.${a}`);
      expect(held.status).toBe(429);
      expect(held.headers.get('retry-after')).toBe('900');
      expect(held.body.error.message).toMatch(/15 分钟后再试/);
    }
    expect(statuses).toEqual({ 404: 200 });
    // …and the owner, from anywhere else, gets in at once.
    const owner = await lookup(c.trackingNo, c.queryCode, '192.0.2.10');
    expect(owner.status).toBe(200);
    expect(owner.body.id).toBe(c.id);
  });

  it('counts only wrong tries: a service hall’s shared address looks up its people’s cases without limit', async () => {
    ctx.clock.set('2026-12-03T03:00:00.000Z');
    const mine = await Promise.all(Array.from({ length: 8 }, () => guestCase()));
    for (let round = 0; round < 5; round++) {
      for (const c of mine) expect((await lookup(c.trackingNo, c.queryCode, '203.0.114.1')).status).toBe(200);
    }
  });

  it('holds back one address trying many numbers (30 wrong tries in 15 minutes), and frees it when the window ends', async () => {
    ctx.clock.set('2026-12-03T04:00:00.000Z');
    const cs = await Promise.all(Array.from({ length: 7 }, () => guestCase()));
    const ip = '203.0.115.9';
    let n = 0;
    for (const c of cs)
      for (let i = 0; i < 5 && n < 30; i++, n++) expect((await lookup(c.trackingNo, wrong(c.queryCode), ip)).status).toBe(404);
    const held = await lookup(cs[6]!.trackingNo, cs[6]!.queryCode, ip);
    expect(held.status).toBe(429);
    ctx.clock.advance(15 * 60_000 + 1_000);
    expect((await lookup(cs[6]!.trackingNo, cs[6]!.queryCode, ip)).status).toBe(200);
  });

  it('treats a whole IPv6 /64 as one address: rotating within it gains nothing', async () => {
    ctx.clock.set('2026-12-03T05:00:00.000Z');
    const c = await guestCase();
    for (let i = 0; i < 5; i++) expect((await lookup(c.trackingNo, wrong(c.queryCode), `2001:db8:1:2::${i + 1}`)).status).toBe(404);
    expect((await lookup(c.trackingNo, c.queryCode, '2001:db8:1:2:ffff:1:2:3')).status).toBe(429);
    expect((await lookup(c.trackingNo, c.queryCode, '2001:db8:1:3::1')).status).toBe(200);
    expect(attackerOf('2001:0db8:0001:0002:0000:0000:0000:0001')).toBe('2001:db8:1:2::/64');
    expect(attackerOf('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(attackerOf('::1')).toBe('0:0:0:0::/64');
  });

  it('answers a wrong code, a missing number and a typed-wrong number without telling them apart (or a 400 for a broken check digit)', async () => {
    ctx.clock.set('2026-12-03T06:00:00.000Z');
    const c = await guestCase();
    const wrongCode = await lookup(c.trackingNo, wrong(c.queryCode), '192.0.2.30');
    const missing = await lookup(trackingNoOf('261203', '00000000'), c.queryCode, '192.0.2.31');
    expect(wrongCode.status).toBe(404);
    expect(missing.body).toEqual(wrongCode.body);
    const last = Number(c.trackingNo.at(-1));
    const typo = await lookup(c.trackingNo.slice(0, -1) + String((last + 1) % 10), c.queryCode, '192.0.2.32');
    expect(typo.status).toBe(400);
    expect(typo.body.error.details.issues[0]).toMatchObject({ field: 'body.trackingNo' });
    // Read out in groups and typed with spaces: the same case.
    const spoken = await lookup(
      `${c.trackingNo.slice(0, 8)} ${c.trackingNo.slice(8, 12)} ${c.trackingNo.slice(12)}`,
      `${c.queryCode.slice(0, 5)} ${c.queryCode.slice(5)}`,
      '192.0.2.33',
    );
    expect(spoken.status).toBe(200);
  });

  it('keeps a per-number limit for the numbers issued with 6-digit codes before', async () => {
    ctx.clock.set('2026-12-03T07:00:00.000Z');
    const c = await guestCase();
    const legacyNo = 'QX2612010042';
    await withTransaction(ctx.db, async (tx) => {
      await tx
        .update(cases)
        .set({ trackingNo: legacyNo, queryCodeHash: await queryCodeHash(ctx.config, legacyNo, '123456') })
        .where(sql`${cases.id} = ${c.id}`);
    });
    expect((await lookup(legacyNo, '123456', '192.0.2.40')).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await lookup(legacyNo, '654321', `192.0.2.${50 + i}`)).status).toBe(404);
    expect((await lookup(legacyNo, '123456', '192.0.2.99')).status).toBe(429);
  });
});

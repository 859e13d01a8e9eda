import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, loginCitizen, type TestContext } from './helpers';
import { departmentId, key, message, submit } from './cases-support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.cleanup());

describe('concurrent submissions', () => {
  it('lands all of 500 distinct concurrent submissions, none lost, no SQLITE_BUSY reaching a client', async () => {
    const mzjId = await departmentId(ctx, 'mzj');
    // 25 citizens × 20 messages: within the per-citizen limit of 20 an hour.
    const citizens = await Promise.all(Array.from({ length: 25 }, (_, i) => loginCitizen(ctx.app, `c${i}`)));
    const jobs = Array.from({ length: 500 }, (_, i) => ({
      token: citizens[i % 25]!,
      body: message(mzjId, { content: `并发第 ${i} 件：小区路灯损坏已经一个月，晚上出行不便，请尽快维修。` }),
      key: key(),
    }));
    const results = await Promise.all(jobs.map((j) => submit(ctx, j.token, j.body, j.key)));
    const failures = results.filter((r) => r.status !== 201);
    expect(failures.map((f) => `${f.status} ${JSON.stringify(f.body)}`)).toEqual([]);
    const numbers = new Set(results.map((r) => r.body.trackingNo));
    expect(numbers.size).toBe(500);
    const n = (await ctx.client.execute("SELECT count(*) n FROM cases WHERE content LIKE '并发第 %'")).rows[0]!.n;
    expect(n).toBe(500);
    const events = (
      await ctx.client.execute(
        "SELECT count(*) n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.content LIKE '并发第 %' AND e.action = 'submit'",
      )
    ).rows[0]!.n;
    expect(events).toBe(500);
    // The 21st message of a citizen within the hour is refused, with Retry-After.
    const extra = await submit(ctx, citizens[0]!, message(mzjId), key());
    expect(extra.status).toBe(429);
    expect(Number(extra.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

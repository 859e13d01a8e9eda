import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, getJson, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.cleanup());

describe('policies and interpretations', () => {
  it('lists policies newest first with their interpretation counts', async () => {
    const { status, body } = await getJson(ctx.app, '/api/policies?pageSize=50');
    expect(status).toBe(200);
    expect(body.total).toBeGreaterThanOrEqual(15);
    const dates = body.data.map((p: any) => p.issuedAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(body.data.every((p: any) => p.interpretationCount >= 1)).toBe(true);
    expect(body.data[0]).not.toHaveProperty('body');
  });

  it('filters by validity and keyword', async () => {
    const valid = await getJson(ctx.app, `/api/policies?validity=${encodeURIComponent('有效')}&pageSize=50`);
    expect(valid.body.data.every((p: any) => p.validity === '有效')).toBe(true);
    const repealed = await getJson(ctx.app, `/api/policies?validity=${encodeURIComponent('已废止')}`);
    expect(repealed.body.total).toBeGreaterThanOrEqual(1);
    expect(valid.body.total + repealed.body.total).toBeLessThanOrEqual((await getJson(ctx.app, '/api/policies?pageSize=50')).body.total);
    const kw = await getJson(ctx.app, `/api/policies?q=${encodeURIComponent('低保')}`);
    expect(kw.body.total).toBeGreaterThanOrEqual(1);
  });

  it('returns a policy with its interpretations, their parts and linked items', async () => {
    const list = await getJson(ctx.app, '/api/policies?pageSize=50');
    for (const p of list.body.data.slice(0, 15)) {
      const { status, body } = await getJson(ctx.app, `/api/policies/${p.id}`);
      expect(status).toBe(200);
      expect(body.docNumber).toMatch(/〔\d{4}〕/);
      expect(body.body.length).toBeGreaterThan(200);
      expect(body.interpretations.length).toBeGreaterThanOrEqual(1);
      const i = body.interpretations[0];
      for (const part of ['background', 'purpose', 'scope']) expect(i[part].length).toBeGreaterThan(0);
      expect(i.mainPoints.length).toBeGreaterThan(0);
      expect(i.items.length).toBeGreaterThan(0);
    }
  });

  it('returns one interpretation with its policy', async () => {
    const list = await getJson(ctx.app, '/api/policies?pageSize=1');
    const policy = await getJson(ctx.app, `/api/policies/${list.body.data[0].id}`);
    const interpId = policy.body.interpretations[0].id;
    const { status, body } = await getJson(ctx.app, `/api/interpretations/${interpId}`);
    expect(status).toBe(200);
    expect(body.policy.id).toBe(policy.body.id);
    expect(body.policy.docNumber).toBe(policy.body.docNumber);
  });

  it('404s and 400s', async () => {
    expect((await getJson(ctx.app, '/api/policies/424242')).status).toBe(404);
    expect((await getJson(ctx.app, '/api/interpretations/424242')).status).toBe(404);
    const bad = await getJson(ctx.app, '/api/policies/x');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].field).toBe('path.id');
    const badValidity = await getJson(ctx.app, '/api/policies?validity=maybe');
    expect(badValidity.status).toBe(400);
    expect(badValidity.body.error.details.issues[0].field).toBe('query.validity');
  });

  it('hides the interpretations of an unpublished policy', async () => {
    const list = await getJson(ctx.app, '/api/policies?pageSize=1');
    const policy = await getJson(ctx.app, `/api/policies/${list.body.data[0].id}`);
    await ctx.client.execute({ sql: "UPDATE policies SET status = 'draft' WHERE id = ?", args: [policy.body.id] });
    try {
      expect((await getJson(ctx.app, `/api/policies/${policy.body.id}`)).status).toBe(404);
      expect((await getJson(ctx.app, `/api/interpretations/${policy.body.interpretations[0].id}`)).status).toBe(404);
    } finally {
      await ctx.client.execute({ sql: "UPDATE policies SET status = 'published' WHERE id = ?", args: [policy.body.id] });
    }
  });
});

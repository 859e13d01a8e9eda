import { ErrorCode } from '@zw/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, getJson, loginStaff, bearer, type TestContext } from './helpers';

/*
 * Error answers: validation messages in Chinese (zod's zh-CN locale with the
 * project's wording, configured once in @zw/shared), and every error response
 * in the OpenAPI document is the shared ErrorBody with the closed code enum.
 */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.cleanup());

const han = /[\u4e00-\u9fff]/;

describe('validation messages', () => {
  it('a bad enum value in a query answers 400 in Chinese, listing the choices', async () => {
    const { status, body } = await getJson(ctx.app, '/api/search?q=%E7%A4%BE%E4%BF%9D&type=bogus');
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.issues).toEqual([{ field: 'query.type', message: '不是可选的值，应为以下之一：all、item、policy' }]);
    expect(body.error.message).toBe('query.type：不是可选的值，应为以下之一：all、item、policy');
  });

  it('a bad enum value in a list filter (事项类型) answers 400 in Chinese', async () => {
    const { status, body } = await getJson(ctx.app, '/api/items?type=%E8%AE%B8%E5%8F%AF');
    expect(status).toBe(400);
    expect(body.error.details.issues[0].field).toBe('query.type');
    expect(body.error.message).toMatch(han);
    expect(body.error.message).not.toMatch(/Invalid|expected/i);
  });

  it('ids have one spelling: only canonical decimals are accepted, in paths, queries and bodies', async () => {
    const id = (await getJson(ctx.app, '/api/items?pageSize=1')).body.data[0].id as number;
    expect((await getJson(ctx.app, `/api/items/${id}`)).status).toBe(200);
    for (const spelled of [`0x${id.toString(16)}`, `%20${id}`, `%2B${id}`, `0${id}`, `${id}.0`, `${id / 10}e1`, '0', '-1', '99999999999'])
      expect((await getJson(ctx.app, `/api/items/${spelled}`)).status, spelled).toBe(400);
    const bad = await getJson(ctx.app, `/api/items?department=0x1`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0]).toEqual({ field: 'query.department', message: '必须是正整数' });
  });

  it('a bad enum value in a staff body answers 400 in Chinese too', async () => {
    const token = await loginStaff(ctx.app, 'mz_staff');
    const res = await ctx.app.request('/api/staff/cases/1/actions', {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'fly' }),
    });
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toMatch(han);
    expect(body.error.message).not.toMatch(/Invalid|expected/i);
  });
});

describe('error responses in the OpenAPI document', () => {
  it('every 4xx/5xx JSON answer is ErrorBody, whose code is the ErrorCode enum', async () => {
    const { body: doc } = await getJson(ctx.app, '/api/openapi.json');
    let checked = 0;
    for (const [path, methods] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(methods)) {
        for (const [status, response] of Object.entries<any>(op.responses ?? {})) {
          if (Number(status) < 400) continue;
          const schema = response.content?.['application/json']?.schema;
          expect(schema, `${method} ${path} ${status}`).toBeDefined();
          const code = schema.properties?.error?.properties?.code;
          expect(code?.enum, `${method} ${path} ${status}`).toEqual(ErrorCode.options);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

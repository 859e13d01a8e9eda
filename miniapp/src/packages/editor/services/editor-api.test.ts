import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBff, type LiveBff } from '../../../../test-setup/bff';
import { fake } from '../../../../test-setup/taro-fake';

/**
 * The editor client in WeChat against a real BFF: wx.request has no PATCH, so a
 * save goes out as POST + X-HTTP-Method-Override and must still be the same
 * versioned edit (a stale one refused with who changed what).
 */
let bff: LiveBff;
let editorApi: typeof import('./editor-api').editorApi;
let ApiError: typeof import('./editor-api').ApiError;

beforeAll(async () => {
  bff = await startBff({}, 'weapp');
  ({ editorApi, ApiError } = await import('./editor-api'));
});

/** The stand-in's storage is emptied before each test: sign in inside it. */
async function signIn() {
  const { staffApi } = await import('../../staff/services/staff-api');
  const { saveSession } = await import('../../../services/staff-session');
  saveSession(await staffApi.login('editor', 'qingxi-demo-2026'));
}
afterAll(() => bff.close());

describe('editor API client in WeChat', () => {
  it('saves with POST + X-HTTP-Method-Override: PATCH, and a stale save is a 409 naming the change', async () => {
    await signIn();
    const first = (await editorApi.items({ status: 'published', pageSize: 1 })).data[0]!;
    expect(first.problemCount).toBe(0);
    const item = await editorApi.item(first.id);
    fake.requests.length = 0;
    const saved = await editorApi.save(item.id, item.version, { summary: `${item.summary.slice(0, 150)}（小程序保存）` });
    expect(saved.version).toBe(item.version + 1);
    const sent = fake.requests.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.header['x-http-method-override']).toBe('PATCH');

    const stale = await editorApi.save(item.id, item.version, { summary: '旧版本上的修改' }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ApiError);
    expect((stale as InstanceType<typeof ApiError>).status).toBe(409);
    const since = ((stale as InstanceType<typeof ApiError>).details as { changedSince: Array<{ changedLabels: string[] }> }).changedSince;
    expect(since[0]!.changedLabels).toContain('简介');
    expect((await editorApi.item(item.id)).summary).toBe(saved.summary);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBff, type LiveBff } from '../../test-setup/bff';
import { fake } from '../../test-setup/taro-fake';

/**
 * The client against a real BFF on loopback. '@tarojs/taro' is the in-memory
 * stand-in of test-setup/ (requests made with fetch, storage in a Map), so the
 * client code itself is real.
 */
let bff: LiveBff;
let api: typeof import('./api').api;
let ApiError: typeof import('./api').ApiError;
let files: string;

beforeAll(async () => {
  bff = await startBff();
  ({ api, ApiError } = await import('./api'));
  files = mkdtempSync(join(tmpdir(), 'zw-miniapp-'));
});
afterAll(async () => {
  await bff.close();
  rmSync(files, { recursive: true, force: true });
});

const TOKEN_KEY = 'zw:citizen-token';

async function department() {
  return (await api.departments()).data[0]!;
}
const key = () => `${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`.padEnd(32, '0').slice(0, 32);
const caseBody = (deptId: number, content: string) => ({
  type: '咨询' as const,
  target: { type: 'department' as const, id: deptId },
  content,
  anonymous: true,
  photoIds: [],
  consent: false,
});

describe('the mini-program API client', () => {
  it('returns typed content from the BFF', async () => {
    const list = await api.items({ pageSize: 3 });
    expect(list.data).toHaveLength(3);
    const item = await api.item(list.data[0]!.id);
    expect(item.legalBasis.length).toBeGreaterThan(0);
    const found = await api.search({ q: '社保' });
    expect(found.data.map((h) => h.title.map((s) => s.text).join(''))).toContain('社会保障卡申领');
  });

  it('sends its query parameters, leaving out empty ones', async () => {
    const dept = await department();
    const list = await api.items({ department: dept.id, pageSize: 50, q: '', type: undefined });
    expect(list.data.length).toBeGreaterThan(0);
    expect(list.data.every((i) => i.department.id === dept.id)).toBe(true);
    expect(fake.requests.at(-1)!.url).toBe(`${bff.url}/api/items?department=${dept.id}&pageSize=50`);
  });

  it('resolves a printed code however it was typed', async () => {
    const item = await api.item((await api.items({ pageSize: 1 })).data[0]!.id);
    const target = await api.qr(`  ${item.qrCode.toUpperCase()} `);
    expect(target.path).toBe(`/pages/guide/index?id=${item.id}`);
    expect(fake.requests.at(-1)!.url).toBe(`${bff.url}/api/qr/${item.qrCode}`);
  });

  it('throws the server’s Chinese message, never resolves a failure', async () => {
    await expect(api.item(999999)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND', message: expect.stringMatching(/没有找到/) });
    const tooLong = await api.search({ q: 'x'.repeat(60) }).catch((e) => e);
    expect(tooLong).toBeInstanceOf(ApiError);
    expect(tooLong).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', network: false });
    expect(tooLong.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('keeps the field errors of a refused submission in details', async () => {
    const dept = await department();
    const err = await api.submitCase({ ...caseBody(dept.id, ''), anonymous: false }, key()).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', network: false });
    const fields = ((err.details as { issues?: Array<{ field: string }> }).issues ?? []).map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['body.content']));
  });

  it('reports a lost network as a retryable network error', async () => {
    fake.offline = true;
    const err = await api.items().catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.network).toBe(true);
    expect(err.status).toBeUndefined();
    expect(err.message).toMatch(/网络/);
  });

  it('an answer from a gateway instead of the BFF still becomes a plain message', async () => {
    bff.gateway = () =>
      new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'content-type': 'text/html' } });
    try {
      const err = await api.items().catch((e) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ status: 502, code: undefined, network: false, message: '系统繁忙，请稍后再试' });

      bff.gateway = () =>
        new Response('<html>413 Request Entity Too Large</html>', { status: 413, headers: { 'content-type': 'text/html' } });
      await expect(api.lookup('X', '123456')).rejects.toMatchObject({ status: 413, code: undefined, message: '请求没有成功，请稍后再试' });

      bff.gateway = () =>
        new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: '' } }), {
          status: 429,
          headers: { 'content-type': 'application/json' },
        });
      await expect(api.items()).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED', message: '请求没有成功，请稍后再试' });
    } finally {
      bff.gateway = null;
    }
  });

  it('signs the citizen in once, and a retried submission returns the same case', async () => {
    const dept = await department();
    const body = caseBody(dept.id, '请问办理居住证需要在本地住满多久？');
    const k = key();
    const first = await api.submitCase(body, k);
    const again = await api.submitCase(body, k);
    expect(again.trackingNo).toBe(first.trackingNo);
    expect(first.queryCode).toMatch(/^\d{10}$/);
    const mine = await api.myCases();
    expect(mine.data.map((c) => c.id)).toContain(first.id);
    const looked = await api.lookup(first.trackingNo, first.queryCode!);
    expect(looked.id).toBe(first.id);
    expect(fake.requests.filter((r) => r.url.endsWith('/api/auth/dev-login'))).toHaveLength(1);
  });

  it('a submission whose answer was lost is a network error, and the retry with the same key makes no second case', async () => {
    const dept = await department();
    const content = `丢失回答的留言 ${key()}`;
    const body = caseBody(dept.id, content);
    const k = key();
    await api.myCases(); // signed in first, so only the submission loses its answer
    fake.lostAnswers = 1;
    const err = await api.submitCase(body, k).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.network).toBe(true);
    const retried = await api.submitCase(body, k);
    // This citizen (storage is fresh in every test) has exactly the one case.
    const mine = await api.myCases();
    expect(mine.total).toBe(1);
    expect(mine.data[0]!.id).toBe(retried.id);
    expect((await api.myCase(retried.id)).content).toBe(content);
  });

  it('refuses the same key for different content, with the code the page branches on', async () => {
    const dept = await department();
    const k = key();
    await api.submitCase(caseBody(dept.id, '第一次写的内容，已经提交了。'), k);
    await expect(api.submitCase(caseBody(dept.id, '改过以后的内容，用了同一个编号。'), k)).rejects.toMatchObject({
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
      network: false,
    });
  });

  it('drops a token the server no longer accepts and signs in again, once, for the same request', async () => {
    fake.storage.set(TOKEN_KEY, { token: 'not-a-token', expiresAt: new Date(Date.now() + 7 * 86400_000).toISOString() });
    const mine = await api.myCases();
    expect(mine.total).toBeGreaterThanOrEqual(0);
    const renewed = fake.storage.get(TOKEN_KEY) as { token: string };
    expect(renewed.token).not.toBe('not-a-token');
  });

  it('gives up after one fresh sign-in still gets 401, and keeps no token', async () => {
    let calls = 0;
    bff.gateway = (req) => {
      if (new URL(req.url).pathname === '/api/auth/dev-login') return bff.ctx.app.fetch(req);
      calls++;
      return new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } }), { status: 401 });
    };
    try {
      await expect(api.myCases()).rejects.toMatchObject({ status: 401, message: '请先登录' });
    } finally {
      bff.gateway = null;
    }
    expect(calls).toBe(2);
    expect(fake.storage.has(TOKEN_KEY)).toBe(false);
  });

  it('a 401 on a public request leaves the token alone', async () => {
    await api.myCases();
    const saved = fake.storage.get(TOKEN_KEY);
    bff.gateway = () => new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } }), { status: 401 });
    try {
      await expect(api.items()).rejects.toMatchObject({ status: 401, message: '请先登录' });
    } finally {
      bff.gateway = null;
    }
    expect(fake.storage.get(TOKEN_KEY)).toEqual(saved);
  });
});

describe('uploadPhoto', () => {
  it('uploads one photo and returns its id for the submission', async () => {
    const path = join(files, 'photo.png');
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#1456f0' } })
      .png()
      .toFile(path);
    const res = await api.uploadPhoto(path);
    expect(res).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{32}$/), width: 40, height: 30 });
    const upload = fake.requests.at(-1)!;
    expect(upload.url).toBe(`${bff.url}/api/uploads`);
    expect(upload.header.authorization).toMatch(/^Bearer /);
  });

  it('a file that is not a photo is refused with the server’s message', async () => {
    const path = join(files, 'notes.txt');
    writeFileSync(path, '这不是照片');
    await expect(api.uploadPhoto(path)).rejects.toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringMatching(/JPG/),
    });
  });

  it('an answer that is not JSON is a failure, not a photo', async () => {
    await api.myCases(); // signed in, so the gateway only answers the upload
    const path = join(files, 'photo2.png');
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .png()
      .toFile(path);
    bff.gateway = () => new Response('<html>504 Gateway Time-out</html>', { status: 504 });
    try {
      await expect(api.uploadPhoto(path)).rejects.toMatchObject({ status: 504, message: '照片上传失败，请稍后再试' });
    } finally {
      bff.gateway = null;
    }
  });

  it('a lost network is a retryable network error', async () => {
    await api.myCases();
    fake.offline = true;
    const err = await api.uploadPhoto(join(files, 'photo.png')).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.network).toBe(true);
    expect(err.message).toBe('照片上传失败，请检查网络后重试');
  });
});

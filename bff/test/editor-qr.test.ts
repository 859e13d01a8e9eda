import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../src/lib/logger';
import { bearer, createTestContext, getJson, loginStaff, type TestContext } from './helpers';
import { call, createDraft, departmentId } from './editor-support';
import { startFakeWechat, type FakeWechat } from './support/wechat-server';
import { addWxacode, type WxacodeFake } from './support/wechat-wxacode';

/** Decodes the QR code in an image (PNG, JPEG or SVG) with jsQR. */
async function decode(bytes: Uint8Array | string): Promise<string | null> {
  const input = typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes);
  const { data, info } = await sharp(input, { density: 300 })
    .flatten({ background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

const logs: string[] = [];
const logger: Logger = {
  info: (o, m) => logs.push(JSON.stringify([o, m])),
  warn: (o, m) => logs.push(JSON.stringify([o, m])),
  error: (o, m) => logs.push(JSON.stringify([o, m])),
};

let plain: TestContext; // no WeChat credentials
let ctx: TestContext; // WeChat configured, pointing at the fake
let wx: FakeWechat;
let fake: WxacodeFake;
let editor: string;

beforeAll(async () => {
  wx = await startFakeWechat();
  fake = addWxacode(wx);
  [plain, ctx] = await Promise.all([
    createTestContext({ env: { PUBLIC_BASE_URL: 'https://zw.qingxi.example/h5' } }),
    createTestContext({
      logger,
      env: { PUBLIC_BASE_URL: 'https://zw.qingxi.example/h5' },
      config: (c) => ({ ...c, wechat: { ...c.wechat, apiBase: wx.url, appId: wx.appId, appSecret: wx.appSecret } }),
    }),
  ]);
  editor = await loginStaff(ctx.app, 'editor');
});
afterAll(async () => {
  plain?.cleanup();
  ctx?.cleanup();
  await wx?.close();
});

async function image(c: TestContext, path: string, token = editor) {
  const res = await c.app.request(path, { headers: bearer(token) });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    bytes: new Uint8Array(await res.arrayBuffer()),
    headers: res.headers,
  };
}

describe('printable QR codes', () => {
  it('describes the code of a hall, a window and an item: the URL under PUBLIC_BASE_URL that opens its page', async () => {
    const token = await loginStaff(plain.app, 'editor');
    const hall = (await getJson(plain.app, '/api/halls')).body.data[0];
    const win = (await getJson(plain.app, `/api/halls/${hall.id}`)).body.windows[0];
    const item = (await getJson(plain.app, '/api/items/by-code/36112300GA-GG-0001')).body;
    for (const [type, id, code, page] of [
      ['hall', hall.id, hall.qrCode, '/pages/hall/index'],
      ['window', win.id, win.qrCode, '/pages/window/index'],
      ['item', item.id, item.qrCode, '/pages/guide/index'],
    ] as const) {
      const r = await call(plain, 'GET', `/api/editor/qr/${type}/${id}`, token);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({
        type,
        id,
        code,
        title: expect.any(String),
        url: `https://zw.qingxi.example/h5/pages/qr/index?code=${code}`,
        path: `${page}?id=${id}`,
        scene: code,
        wxacodeAvailable: false,
      });
      // The URL's code resolves to that page for citizens.
      expect((await getJson(plain.app, `/api/qr/${code}`)).body.path).toBe(`${page}?id=${id}`);
    }
  });

  it('PNG and SVG decode to that URL', async () => {
    const token = await loginStaff(plain.app, 'editor');
    const hall = (await getJson(plain.app, '/api/halls')).body.data[0];
    const win = (await getJson(plain.app, `/api/halls/${hall.id}`)).body.windows[0];
    const url = `https://zw.qingxi.example/h5/pages/qr/index?code=${win.qrCode}`;

    const png = await image(plain, `/api/editor/qr/window/${win.id}/png?size=300`, token);
    expect(png.status).toBe(200);
    expect(png.type).toBe('image/png');
    expect(png.headers.get('content-disposition')).toContain(`qr-window-${win.id}-${win.qrCode}.png`);
    const meta = await sharp(Buffer.from(png.bytes)).metadata();
    expect(meta.width).toBe(300);
    expect(await decode(png.bytes)).toBe(url);

    const svg = await image(plain, `/api/editor/qr/window/${win.id}/svg`, token);
    expect(svg.status).toBe(200);
    expect(svg.type).toContain('image/svg+xml');
    const text = new TextDecoder().decode(svg.bytes);
    expect(text).toMatch(/^<svg[^>]+viewBox=/);
    expect(await decode(text)).toBe(url);
  });

  it('drafts have codes too (editors print before publishing); bad input is a 4xx', async () => {
    const token = await loginStaff(plain.app, 'editor');
    const draft = await createDraft(plain, token, {
      code: '36112300MZ-XK-0701',
      name: '草稿事项',
      itemType: '行政许可',
      departmentId: await departmentId(plain, 'mzj'),
    });
    const info = await call(plain, 'GET', `/api/editor/qr/item/${draft.id}`, token);
    expect(info.body.code).toBe(draft.qrCode);
    expect(await decode((await image(plain, `/api/editor/qr/item/${draft.id}/png`, token)).bytes)).toBe(info.body.url);
    expect((await call(plain, 'GET', '/api/editor/qr/item/99999/png', token)).status).toBe(404);
    expect((await call(plain, 'GET', '/api/editor/qr/case/1', token)).status).toBe(400);
    expect((await call(plain, 'GET', '/api/editor/qr/item/1/png?size=50', token)).status).toBe(400);
    expect((await call(plain, 'GET', '/api/editor/qr/item/1/wxacode?width=100', token)).status).toBe(400);
  });

  it('without WeChat credentials the mini-program code is 503 with a reason', async () => {
    const token = await loginStaff(plain.app, 'editor');
    const r = await call(plain, 'GET', '/api/editor/qr/item/1/wxacode', token);
    expect(r.status).toBe(503);
    expect(r.body.error).toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'not_configured' } });
    expect(r.body.error.message).toContain('WX_APPID');
  });
});

describe('mini-program codes through WeChat (getwxacodeunlimit)', () => {
  it('fetches a stable token once, asks for the code page with the QR code as scene, and passes the image on', async () => {
    wx.requests.length = 0; // not reset(): that would drop the wxacode handlers
    const hall = (await getJson(ctx.app, '/api/halls')).body.data[0];
    const info = await call(ctx, 'GET', `/api/editor/qr/hall/${hall.id}`, editor);
    expect(info.body.wxacodeAvailable).toBe(true);
    const r = await image(ctx, `/api/editor/qr/hall/${hall.id}/wxacode?width=600`);
    expect(r.status).toBe(200);
    expect(r.type).toBe('image/jpeg');
    expect(await decode(r.bytes)).toBe(hall.qrCode);
    expect(hall.qrCode.length).toBeLessThanOrEqual(32);

    const [codeReq] = fake.codeRequests();
    expect(codeReq!.json).toEqual({ scene: hall.qrCode, page: 'pages/qr/index', check_path: true, env_version: 'release', width: 600 });
    expect(codeReq!.headers['content-type']).toContain('application/json');
    expect(fake.tokenRequests()[0]!.json).toEqual({
      grant_type: 'client_credential',
      appid: wx.appId,
      secret: wx.appSecret,
      force_refresh: false,
    });

    // The token is cached.
    expect((await image(ctx, `/api/editor/qr/item/1/wxacode`)).status).toBe(200);
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(fake.codeRequests()).toHaveLength(2);
  });

  it('gets a new token once when WeChat says the token is no longer valid', async () => {
    wx.requests.length = 0; // not reset(): that would drop the wxacode handlers
    fake.revokeTokens();
    const r = await image(ctx, `/api/editor/qr/item/1/wxacode`);
    expect(r.status).toBe(200);
    expect(fake.codeRequests().map((q) => q.query.access_token !== undefined)).toEqual([true, true]);
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it('turns WeChat errcodes into our error body: 41030 → 502, 45009 → 429, -1 → 503', async () => {
    fake.fail(41030);
    const page = await call(ctx, 'GET', '/api/editor/qr/item/1/wxacode', editor);
    expect(page.status).toBe(502);
    expect(page.body.error).toMatchObject({ code: 'WECHAT_ERROR', details: { wechat: { errcode: 41030 } } });
    expect(page.body.error.message).toContain('41030');

    fake.fail(45009);
    const quota = await call(ctx, 'GET', '/api/editor/qr/item/1/wxacode', editor);
    expect(quota.status).toBe(429);
    expect(quota.headers.get('retry-after')).toBe('60');

    fake.fail(-1);
    const busy = await call(ctx, 'GET', '/api/editor/qr/item/1/wxacode', editor);
    expect(busy.status).toBe(503);
  });

  it('a trial build skips check_path (the page is not released yet)', async () => {
    const trial = await createTestContext({
      config: (c) => ({ ...c, wechat: { ...c.wechat, apiBase: wx.url, appId: wx.appId, appSecret: wx.appSecret, qrEnvVersion: 'trial' } }),
    });
    try {
      fake.releasedPages.delete('pages/qr/index');
      wx.requests.length = 0;
      const r = await image(trial, '/api/editor/qr/item/1/wxacode', await loginStaff(trial.app, 'editor'));
      expect(r.status).toBe(200);
      expect(fake.codeRequests()[0]!.json).toMatchObject({ check_path: false, env_version: 'trial' });
      // The release build would be refused for that page.
      fake.releasedPages.delete('pages/qr/index');
      expect((await call(ctx, 'GET', '/api/editor/qr/item/1/wxacode', editor)).status).toBe(502);
    } finally {
      fake.releasedPages.add('pages/qr/index');
      trial.cleanup();
    }
  });

  it('a wrong secret or an unreachable WeChat are clear errors, and no secret or token leaks', async () => {
    const wrong = await createTestContext({
      logger,
      config: (c) => ({ ...c, wechat: { ...c.wechat, apiBase: wx.url, appId: wx.appId, appSecret: 'not-the-secret-123' } }),
    });
    const away = await createTestContext({
      logger,
      config: (c) => ({ ...c, wechat: { ...c.wechat, apiBase: 'http://127.0.0.1:9', appId: wx.appId, appSecret: wx.appSecret } }),
    });
    try {
      const r = await call(wrong, 'GET', '/api/editor/qr/item/1/wxacode', await loginStaff(wrong.app, 'editor'));
      expect(r.status).toBe(502);
      expect(r.body.error.details.wechat.errcode).toBe(40125);
      expect(r.body.error.message).toContain('WX_SECRET');
      const u = await call(away, 'GET', '/api/editor/qr/item/1/wxacode', await loginStaff(away.app, 'editor'));
      expect(u.status).toBe(503);
      const all = logs.join('\n') + JSON.stringify(r.body) + JSON.stringify(u.body);
      expect(all).not.toContain(wx.appSecret);
      expect(all).not.toContain('not-the-secret-123');
      for (const t of fake.tokens) expect(all).not.toContain(t);
    } finally {
      wrong.cleanup();
      away.cleanup();
    }
  });
});

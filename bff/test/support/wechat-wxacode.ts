import QRCode from 'qrcode';
import sharp from 'sharp';
import type { FakeRequest, FakeResponse, FakeWechat } from './wechat-server';

/**
 * Adds WeChat's stable access token and unlimited mini-program code APIs to a
 * fake WeChat server (wechat-server.ts), following their contracts:
 *
 *   POST /cgi-bin/stable_token  { grant_type: 'client_credential', appid, secret, force_refresh? }
 *        → { access_token, expires_in: 7200 }: the same token until it expires or
 *          force_refresh; errors 47001 (not JSON), 40002 (grant_type), 40013 (appid), 40125 (secret)
 *   POST /wxa/getwxacodeunlimit?access_token=…  { scene, page, check_path, env_version, width, … }
 *        → image/jpeg on success; otherwise HTTP 200 with { errcode, errmsg }:
 *          41001 no token, 40001 invalid token, 47001 body not JSON,
 *          40169 scene missing or longer than 32, 40129 scene with characters outside
 *          [0-9A-Za-z!#$&'()*+,/:;=?@-._~], 41030 page with a leading / or a query, or
 *          (check_path true, the default) not a page of the released mini-program,
 *          40097 width outside 280–1280 or an unknown env_version.
 *
 * The image is a real QR code (JPEG) whose content is the scene, so tests can
 * decode it. `fail(errcode)` makes the next code requests answer that error.
 */
export type WxacodeFake = {
  /** Pages of the "released" mini-program (check_path true). */
  releasedPages: Set<string>;
  tokens: string[];
  tokenRequests(): FakeRequest[];
  codeRequests(): FakeRequest[];
  /** Every token issued so far stops working (as after a forced refresh elsewhere). */
  revokeTokens(): void;
  /** The next code requests answer `{ errcode, errmsg }`, in order. */
  fail(...errcodes: number[]): void;
};

const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]+$/;

export function addWxacode(wx: FakeWechat, released: string[] = ['pages/index/index', 'pages/qr/index']): WxacodeFake {
  const valid = new Set<string>();
  let current: string | null = null;
  let counter = 0;
  const queued: number[] = [];
  const error = (errcode: number, errmsg: string): FakeResponse => ({ json: { errcode, errmsg: `${errmsg} rid: fake-${counter}` } });

  const fake: WxacodeFake = {
    releasedPages: new Set(released),
    tokens: [],
    tokenRequests: () => wx.requests.filter((r) => r.path === '/cgi-bin/stable_token'),
    codeRequests: () => wx.requests.filter((r) => r.path === '/wxa/getwxacodeunlimit'),
    revokeTokens() {
      valid.clear();
      current = null;
    },
    fail(...errcodes) {
      queued.push(...errcodes);
    },
  };

  wx.on('POST', '/cgi-bin/stable_token', (req) => {
    const body = req.json as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return error(47001, 'data format error');
    if (body.grant_type !== 'client_credential') return error(40002, 'invalid grant_type');
    if (body.appid !== wx.appId) return error(40013, 'invalid appid');
    if (body.secret !== wx.appSecret) return error(40125, 'invalid appsecret');
    if (!current || body.force_refresh === true) {
      current = `stable-token-${++counter}-${Math.random().toString(36).slice(2)}`;
      valid.add(current);
      fake.tokens.push(current);
    }
    return { json: { access_token: current, expires_in: 7200 } };
  });

  wx.on('POST', '/wxa/getwxacodeunlimit', async (req) => {
    const token = req.query.access_token;
    if (!token) return error(41001, 'access_token missing');
    if (!valid.has(token)) return error(40001, 'invalid credential, access_token is invalid or not latest');
    const body = req.json as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object') return error(47001, 'data format error');
    const queuedError = queued.shift();
    if (queuedError !== undefined) return error(queuedError, `queued error ${queuedError}`);
    const scene = body.scene;
    if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32)
      return error(40169, 'invalid length for scene, or the data is not json string');
    if (!SCENE.test(scene)) return error(40129, 'invalid scene');
    const page = typeof body.page === 'string' ? body.page : 'pages/index/index';
    if (page.startsWith('/') || page.includes('?')) return error(41030, 'invalid page');
    if (body.check_path !== false && !fake.releasedPages.has(page)) return error(41030, 'invalid page');
    const env = body.env_version ?? 'release';
    if (!['release', 'trial', 'develop'].includes(String(env))) return error(40097, 'invalid args');
    const width = body.width ?? 430;
    if (typeof width !== 'number' || width < 280 || width > 1280) return error(40097, 'invalid args');
    const png = await QRCode.toBuffer(scene, { type: 'png', width, margin: 2 });
    const jpeg = await sharp(png).flatten({ background: '#ffffff' }).jpeg({ quality: 92 }).toBuffer();
    return { text: jpeg as unknown as string, headers: { 'content-type': 'image/jpeg' } };
  });

  return fake;
}

import { defaultErrorMessages } from '@zw/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../../bff/src/lib/ports';
import { createTestContext, type TestContext } from '../../../bff/test/helpers';
import { startFakeWechat, type FakeWechat } from '../../../bff/test/support/wechat-server';
import { startBff, type LiveBff } from '../../test-setup/bff';
import { fake } from '../../test-setup/taro-fake';

/**
 * The citizen's login against a real BFF on loopback; in WeChat mode the BFF
 * talks to a local server that follows WeChat's code2Session contract.
 */
let wx: FakeWechat;
let bff: LiveBff;
let noDevLogin: TestContext;
let auth: typeof import('./auth');

const TOKEN_KEY = 'zw:citizen-token';
const DEVICE_KEY = 'zw:device-name';

beforeAll(async () => {
  wx = await startFakeWechat();
  bff = await startBff({
    seed: false,
    config: (c: AppConfig) => ({ ...c, wechat: { ...c.wechat, apiBase: wx.url, appId: wx.appId, appSecret: wx.appSecret } }),
  });
  noDevLogin = await createTestContext({ seed: false, env: { DEV_LOGIN: 'false' } });
  auth = await import('./auth');
});
afterAll(async () => {
  await bff.close();
  noDevLogin.cleanup();
  await wx.close();
});
afterEach(() => {
  process.env.TARO_ENV = 'h5';
  bff.gateway = null;
});

/** Who the BFF says a token belongs to. */
async function me(token: string): Promise<{ kind: string; id: number }> {
  const res = await fetch(`${bff.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { kind: string; id: number };
}
const logins = (path: string) => fake.requests.filter((r) => r.url === `${bff.url}${path}`);

describe('the citizen’s token in the browser (H5)', () => {
  it('logs in through the development login once, and keeps the token in storage', async () => {
    const token = await auth.ensureCitizen();
    expect((await me(token)).kind).toBe('citizen');
    expect(fake.storage.get(TOKEN_KEY)).toEqual({ token, expiresAt: expect.any(String) });
    expect(await auth.ensureCitizen()).toBe(token);
    expect(await auth.authHeader()).toEqual({ authorization: `Bearer ${token}` });
    expect(logins('/api/auth/dev-login')).toHaveLength(1);
  });

  it('callers at the same moment share one login', async () => {
    const [a, b, header] = await Promise.all([auth.ensureCitizen(), auth.ensureCitizen(), auth.authHeader()]);
    expect(b).toBe(a);
    expect(header).toEqual({ authorization: `Bearer ${a}` });
    expect(logins('/api/auth/dev-login')).toHaveLength(1);
  });

  it('comes back as the same citizen after the token is dropped (the name stays on the device)', async () => {
    const first = await auth.ensureCitizen();
    const name = fake.storage.get(DEVICE_KEY);
    expect(name).toMatch(/^h5-/);
    auth.clearToken();
    expect(fake.storage.has(TOKEN_KEY)).toBe(false);
    const second = await auth.ensureCitizen();
    expect(logins('/api/auth/dev-login')).toHaveLength(2);
    expect(fake.storage.get(DEVICE_KEY)).toBe(name);
    expect((await me(second)).id).toBe((await me(first)).id);
  });

  it('another device is another citizen', async () => {
    const mine = await me(await auth.ensureCitizen());
    fake.reset(); // a different phone: empty storage
    const theirs = await me(await auth.ensureCitizen());
    expect(theirs.id).not.toBe(mine.id);
  });

  it('renews a token that expires within a day instead of failing halfway', async () => {
    const token = await auth.ensureCitizen();
    fake.storage.set(TOKEN_KEY, { token, expiresAt: new Date(Date.now() + 12 * 3600_000).toISOString() });
    const renewed = await auth.ensureCitizen();
    expect(logins('/api/auth/dev-login')).toHaveLength(2);
    expect((await me(renewed)).id).toBe((await me(token)).id);
    const saved = fake.storage.get(TOKEN_KEY) as { token: string; expiresAt: string };
    expect(saved.token).toBe(renewed);
    expect(Date.parse(saved.expiresAt) - Date.now()).toBeGreaterThan(24 * 3600_000);
  });

  it('ignores a stored token that is malformed', async () => {
    for (const junk of ['', 'abc', { token: 'x' }, { expiresAt: new Date(Date.now() + 7 * 86400_000).toISOString() }]) {
      fake.storage.set(TOKEN_KEY, junk);
      const token = await auth.ensureCitizen();
      expect((await me(token)).kind).toBe('citizen');
    }
  });

  it('a lost network is reported in plain words, and the next try logs in', async () => {
    fake.offline = true;
    await expect(auth.ensureCitizen()).rejects.toThrow('网络连接失败，请检查网络后重试');
    expect(fake.storage.has(TOKEN_KEY)).toBe(false);
    fake.offline = false;
    expect((await me(await auth.ensureCitizen())).kind).toBe('citizen');
  });

  it('a refused login shows the server’s message and stores nothing', async () => {
    bff.gateway = (req) => noDevLogin.app.fetch(req); // a BFF without the development login
    await expect(auth.ensureCitizen()).rejects.toThrow(defaultErrorMessages.ROUTE_NOT_FOUND);
    expect(fake.storage.has(TOKEN_KEY)).toBe(false);

    bff.gateway = () => new Response('<html>502 Bad Gateway</html>', { status: 502 });
    await expect(auth.ensureCitizen()).rejects.toThrow('登录失败，请稍后再试');
    expect(fake.storage.has(TOKEN_KEY)).toBe(false);
  });
});

describe('the browser against a production server (SMS sign-in only)', () => {
  it('asks the server once which sign-ins it offers, and without the development login needs the sign-in page', async () => {
    bff.gateway = (req) => noDevLogin.app.fetch(req);
    auth.forgetAuthMethods();
    auth.clearToken();
    expect(await auth.canActSilently()).toBe(false);
    await expect(auth.ensureCitizen()).rejects.toBeInstanceOf(auth.LoginRequired);
    expect(fake.storage.has(TOKEN_KEY)).toBe(false);
    // A token from the SMS page is used as it is.
    auth.saveToken('a-token-from-sms', new Date(Date.now() + 7 * 86_400_000).toISOString());
    expect(await auth.canActSilently()).toBe(true);
    expect(await auth.ensureCitizen()).toBe('a-token-from-sms');
    auth.clearToken();
    auth.forgetAuthMethods();
  });
});

describe('the citizen’s token in WeChat', () => {
  it('sends wx.login’s code to the BFF, which exchanges it with WeChat', async () => {
    process.env.TARO_ENV = 'weapp';
    let code = '';
    fake.loginCode = () => (code = wx.issueCode(`openid-${Date.now()}`));
    const token = await auth.ensureCitizen();
    expect(fake.callsOf('login')).toHaveLength(1);
    expect(logins('/api/auth/dev-login')).toHaveLength(0);
    expect(logins('/api/auth/wx-login').map((r) => r.data)).toEqual([{ code }]);
    expect(wx.requests.at(-1)!.query.js_code).toBe(code);
    expect((await me(token)).kind).toBe('citizen');
    expect(fake.storage.has(DEVICE_KEY)).toBe(false); // no made-up name in WeChat
  });

  it('the same WeChat user is the same citizen after the token is dropped', async () => {
    process.env.TARO_ENV = 'weapp';
    const openid = `openid-again-${Date.now()}`;
    fake.loginCode = () => wx.issueCode(openid);
    const first = await auth.ensureCitizen();
    auth.clearToken();
    const second = await auth.ensureCitizen();
    expect(fake.callsOf('login')).toHaveLength(2); // a fresh code each time: codes are single-use
    expect(logins('/api/auth/wx-login')).toHaveLength(2);
    expect((await me(second)).id).toBe((await me(first)).id);
  });

  it('a code WeChat refuses is a failure with a message, not a token', async () => {
    process.env.TARO_ENV = 'weapp';
    fake.loginCode = () => wx.failingCode(40029, 'invalid code');
    await expect(auth.ensureCitizen()).rejects.toThrow('微信登录凭证无效或已过期，请重新进入小程序再试');
    expect(fake.storage.has(TOKEN_KEY)).toBe(false);
  });
});

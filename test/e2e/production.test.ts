import type { CitizenCase, SubmitCaseResult } from '@zw/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { smsConfigFor, startTencentSmsDouble, type TencentSmsDouble } from '../../bff/test/support/tencent-sms-server';
import { setupE2e } from '../support/e2e';
import { button, field, visible } from '../support/pages';
import { shoot } from '../support/shoot';

/**
 * The browser build as a citizen meets it in production: NODE_ENV=production
 * with test secrets, real staff passwords, no development login, SMS through
 * the real Tencent adapter to a local server that follows Tencent's contract
 * (and checks the TC3 signature). The citizen signs in with the code the SMS
 * double received, leaves a message, staff answer, the SMS double receives the
 * notice, and the citizen rates from home's 待评价.
 */
let sms!: TencentSmsDouble;
afterAll(() => sms?.close());

const smsEnv = () => {
  const c = smsConfigFor(sms);
  return {
    SMS_PROVIDER: 'tencent',
    SMS_ENDPOINT: c.endpoint,
    SMS_SECRET_ID: c.secretId,
    SMS_SECRET_KEY: c.secretKey,
    SMS_SDK_APP_ID: c.sdkAppId,
    SMS_SIGN_NAME: c.signName,
    SMS_TEMPLATE_LOGIN: c.templates.loginCode,
    SMS_TEMPLATE_NOTICE: c.templates.notice,
  };
};

// The SMS double starts first, so the server is configured with its address.
const e2e = setupE2e({
  production: true,
  env: async () => {
    sms = await startTencentSmsDouble();
    return smsEnv();
  },
});

const PHONE = '13912340001';

describe('production mode (browser, SMS sign-in)', () => {
  it('refuses the development login and offers the SMS sign-in', async () => {
    expect((await e2e.api('/api/auth/dev-login', { method: 'POST', body: { name: 'x' } })).status).toBe(404);
    expect((await e2e.api('/api/auth/methods')).body).toEqual({ devLogin: false, sms: true, wechat: false });
  });

  it('a citizen signs in with the SMS code, staff answer, the SMS notice arrives, the citizen rates from 待评价', async () => {
    const page = await e2e.newPage();
    // 我的诉求 needs a sign-in: the app sends the citizen to the SMS page and back.
    await page.goto(e2e.url('/packages/cases/mine/index'));
    await page.waitForURL(/\/packages\/cases\/login\/index/, { timeout: 20_000 });
    await field(page, '.case-login-phone').fill(PHONE);
    await button(page, '.case-login-send').click();
    await visible(page, /验证码已发送/).waitFor({ timeout: 10_000 });
    await expect.poll(() => sms.lastParamsFor(PHONE, '100001')).not.toBeNull();
    await visible(page, /秒后可重新获取/).waitFor();
    await shoot(page, 'citizen-sms-login');
    await field(page, '.case-login-code').fill(sms.lastParamsFor(PHONE, '100001')![0]!);
    await button(page, '.case-login-submit').click();
    await page.waitForURL(/\/packages\/cases\/mine\/index/, { timeout: 20_000 });
    const token = (await page.evaluate(() => {
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i)!;
        if (k.includes('zw:citizen-token')) return JSON.parse(localStorage.getItem(k)!);
      }
      return null;
    })) as { data?: { token: string }; token?: string } | null;
    const bearerToken = token?.data?.token ?? token?.token;
    expect(bearerToken).toBeTruthy();

    // The message (through the API with the browser's token), then staff accept and answer.
    const dept = await e2e.departmentId('mzj');
    const submitted = await e2e.api<SubmitCaseResult>('/api/cases', {
      method: 'POST',
      token: bearerToken,
      headers: { 'idempotency-key': `e2e-prod-${Date.now()}` },
      body: {
        type: '咨询',
        target: { type: 'department', id: dept },
        content: '请问高龄津贴每月什么时候发放，发到哪张卡上？',
        anonymous: false,
        contact: { name: '李桂兰', phone: PHONE },
        consent: true,
      },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const staff = await e2e.staffToken('mz_staff');
    const act = (body: object) => e2e.api(`/api/staff/cases/${submitted.body.id}/actions`, { method: 'POST', token: staff, body });
    expect((await act({ action: 'accept' })).status).toBe(200);
    expect((await act({ action: 'reply', body: '您好，高龄津贴每月 10 日前发放到社保卡，如有疑问请致电民政局。' })).status).toBe(200);

    // The notice reaches the SMS double: tracking number, what happened, a link; never the reply itself.
    await expect
      .poll(() => sms.lastParamsFor(PHONE, '100002'), { timeout: 20_000 })
      .toEqual([submitted.body.trackingNo, '已答复', e2e.url(`/packages/cases/detail/index?id=${submitted.body.id}`)]);

    // Home shows it as 待评价 with the first line of the answer; the citizen rates it.
    await page.goto(e2e.url('/pages/index/index'));
    await visible(page, '待评价').waitFor({ timeout: 20_000 });
    await visible(page, /高龄津贴每月 10 日前发放/).waitFor();
    await shoot(page, 'citizen-home-to-rate');
    await button(page, '.home-rate').click();
    await page.waitForURL(/\/packages\/cases\/detail\/index/, { timeout: 20_000 });
    await button(page, '.case-rate').waitFor({ timeout: 20_000 });
    await visible(page, '非常满意').click();
    await button(page, '.case-rate-submit').click();
    await expect
      .poll(
        async () => (await e2e.api<CitizenCase>(`/api/cases/${submitted.body.id}`, { token: bearerToken })).body.rating?.level ?? null,
        { timeout: 20_000 },
      )
      .toBe(5);
  });
});

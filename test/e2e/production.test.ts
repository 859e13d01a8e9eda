import type { CitizenCase } from '@zw/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { smsEnvFor, startTencentSmsDouble, type TencentSmsDouble } from '../../bff/test/support/tencent-sms-server';
import { setupE2e } from '../support/e2e';
import { button, field, fillContact, visible } from '../support/pages';
import { shoot } from '../support/shoot';

/**
 * The browser build as a citizen meets it in production: NODE_ENV=production
 * with test secrets, real staff passwords, no development login, SMS through
 * the real Tencent adapter to a local server that follows Tencent's contract
 * (and checks the TC3 signature). The citizen signs in with the code the SMS
 * double received, leaves a message on the form, staff answer on the staff pages, the SMS double receives the
 * notice, and the citizen rates from home's 待评价.
 */
let sms!: TencentSmsDouble;
afterAll(() => sms?.close());

// The SMS double starts first, so the server is configured with its address.
const e2e = setupE2e({
  production: true,
  env: async () => {
    sms = await startTencentSmsDouble();
    return smsEnvFor(sms);
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

    // The message, on the form, signed in: 实名 with contact.
    const dept = await e2e.departmentId('mzj');
    await page.goto(e2e.url(`/packages/cases/new/index?type=${encodeURIComponent('咨询')}&targetType=department&targetId=${dept}`));
    await page
      .locator('textarea')
      .filter({ visible: true })
      .first()
      .fill('请问高龄津贴每月什么时候发放，发到哪张卡上？', { timeout: 20_000 });
    await fillContact(page, '李桂兰', PHONE);
    await visible(page, '提交', { exact: true }).click();
    const trackingNo = (await page.locator('.case-tracking-no').first().innerText({ timeout: 20_000 })).trim().replaceAll('-', '');
    const mine = await e2e.api<{ data: { id: number; trackingNo: string }[] }>('/api/cases/mine', { token: bearerToken });
    const submitted = { body: { id: mine.body.data.find((c) => c.trackingNo === trackingNo)!.id, trackingNo } };

    // Staff sign in with their production password on the staff pages, accept and answer.
    const staff = await e2e.newPage();
    await e2e.signIn(staff, 'mz_staff', /\/packages\/staff\/inbox\/index/);
    await staff.goto(e2e.url(`/packages/staff/case/index?id=${submitted.body.id}`));
    await button(staff, '.st-action--accept').click();
    await button(staff, '.st-form-submit').click();
    await visible(staff, /已受理/).waitFor({ timeout: 20_000 });
    await button(staff, '.st-action--reply').click();
    await field(staff, '.st-form-text').fill('您好，高龄津贴每月 10 日前发放到社保卡，如有疑问请致电民政局。');
    await button(staff, '.st-form-submit').click();
    await visible(staff, /当前状态为“已答复”/).waitFor({ timeout: 20_000 });

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

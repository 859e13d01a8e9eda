import sharp from 'sharp';
import type { CaseList, HallDetail, PolicyDetail, PolicyList, StaffCase } from '@zw/shared';
import { formatTrackingNo } from '@zw/shared';
import { describe, expect, it } from 'vitest';
import { setupE2e } from '../support/e2e';
import { fillContact, visible } from '../support/pages';
import { shoot } from '../support/shoot';

/**
 * The citizen's side, end to end: the real H5 build, the real BFF on a fresh
 * seeded database, headless Chromium at a phone's size. Screenshots of the
 * main pages go to test/.output/screenshots (`pnpm screenshots` commits them to test/screenshots).
 */
const { api, open, staffToken, departmentId, url } = setupE2e({ env: { DEV_LOGIN: 'true' } });

describe('citizen app (H5) on a phone', () => {
  it('search a two-character word → open a guide → all seven 七公开 parts are shown', async () => {
    const page = await open('/');
    await visible(page, '最新政策解读').waitFor({ timeout: 20_000 });
    await shoot(page, 'home');
    const box = page.locator('input').filter({ visible: true }).first();
    await box.fill('社保');
    await box.press('Enter');
    await visible(page, '社会保障卡申领').waitFor({ timeout: 20_000 });
    await shoot(page, 'search');
    await page.locator('.search-hit').filter({ hasText: '社会保障卡申领' }).first().click();
    for (const part of ['事项名称', '办理依据', '办理程序', '办理条件', '收费标准', '责任单位', '监督电话']) {
      await page.locator('.guide-part').filter({ hasText: part }).first().waitFor({ timeout: 20_000 });
    }
    await shoot(page, 'guide');
    await page.context().close();
  });

  it('reads a policy interpretation: document facts, sections, Q&A as an accordion, affected items', async () => {
    const policies = (await api<PolicyList>('/api/policies?pageSize=50')).body.data;
    let policy: PolicyDetail | undefined;
    let interp: PolicyDetail['interpretations'][number] | undefined;
    for (const p of policies) {
      const detail = (await api<PolicyDetail>(`/api/policies/${p.id}`)).body;
      interp = detail.interpretations.find((i) => i.items.length > 0 && i.qa.length > 0);
      if (interp) {
        policy = detail;
        break;
      }
    }
    expect(interp).toBeTruthy();
    if (!interp || !policy) throw new Error('the seed has no interpretation with linked guides and Q&A');
    const page = await open(`/packages/policy/interpretation/index?id=${interp.id}`);
    await visible(page, interp.title).waitFor({ timeout: 20_000 });
    await visible(page, policy.docNumber).waitFor();
    // The accordion opens on a tap.
    const firstQ = page.locator('.kit-qa__q').first();
    await expect(firstQ.getAttribute('aria-expanded')).resolves.not.toBe('true');
    await firstQ.click();
    // expect.poll gives up after 1 s by default: too short when the full suite loads both cores.
    await expect.poll(() => firstQ.getAttribute('aria-expanded'), { timeout: 10_000 }).toBe('true');
    await visible(page, interp.items[0]!.name).waitFor();
    await shoot(page, 'interpretation');
    await page.context().close();
  });

  it('opens a window’s QR URL and rates the service once', async () => {
    const hall = (await api<HallDetail>('/api/halls/1')).body;
    const win = hall.windows.find((w) => w.department) ?? hall.windows[0]!;
    const page = await open(`/pages/qr/index?code=${win.qrCode}`);
    await visible(page, win.number).waitFor({ timeout: 20_000 });
    await visible(page, '满意').waitFor();
    await visible(page, '满意', { exact: true }).click();
    await visible(page, '提交评价', { exact: true }).click();
    await visible(page, /感谢您的评价/).waitFor({ timeout: 20_000 });
    await shoot(page, 'window');
    await page.context().close();
  });

  it('leaves a message with a photo → tracking number → staff answer → the citizen sees it and rates it', async () => {
    const mzj = await departmentId('mzj');
    const page = await open(`/packages/cases/new/index?type=${encodeURIComponent('咨询')}&targetType=department&targetId=${mzj}`);
    await page
      .locator('textarea')
      .filter({ visible: true })
      .first()
      .fill('我家老人今年 80 岁了，请问高龄津贴需要本人去窗口申请吗？可以由子女代办吗？');
    const photo = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#3a7' } })
      .jpeg()
      .toBuffer();
    // Taro.chooseImage opens the browser's file chooser in H5.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible(page, '添加照片').click()]);
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/uploads') && r.request().method() === 'POST');
    await chooser.setFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo });
    expect((await uploaded).status()).toBe(201);
    await visible(page, '姓名').waitFor();
    await fillContact(page, '王秀英', '13800138000');
    await page.getByText('正在上传…').waitFor({ state: 'detached' });
    await shoot(page, 'new-case');
    await visible(page, '提交', { exact: true }).click();
    const trackingNo = (await page.locator('.case-tracking-no').first().innerText({ timeout: 20_000 })).trim().replaceAll('-', '');
    expect(trackingNo).toMatch(/^QX\d{15}$/);
    await shoot(page, 'submitted');

    // Staff answer through the API.
    const staff = await staffToken('mz_staff');
    const found = (await api<CaseList>(`/api/staff/cases?trackingNo=${trackingNo}`, { token: staff })).body.data[0];
    expect(found).toBeTruthy();
    if (!found) throw new Error(`${trackingNo} is not in the staff list`);
    for (const body of [
      { action: 'accept' },
      { action: 'reply', body: '您好，高龄津贴实行“免申即享”，无需本人到窗口，子女也不必代办。' },
      { action: 'close' },
    ]) {
      expect((await api(`/api/staff/cases/${found.id}/actions`, { method: 'POST', token: staff, body })).status).toBe(200);
    }
    const staffView = (await api<StaffCase>(`/api/staff/cases/${found.id}`, { token: staff })).body;
    expect(staffView.photos).toHaveLength(1);

    await page.goto(url(`/packages/cases/detail/index?id=${found.id}`));
    await visible(page, /免申即享/).waitFor({ timeout: 20_000 });
    await visible(page, '非常满意', { exact: true }).click();
    await visible(page, '提交评价', { exact: true }).click();
    await visible(page, /感谢您的评价/).waitFor({ timeout: 20_000 });
    await shoot(page, 'case-detail');
    const rated = (await api<StaffCase>(`/api/staff/cases/${found.id}`, { token: staff })).body;
    expect(rated.rating?.level).toBe(5);
    await page.goto(url('/packages/cases/mine/index'));
    // Listed in groups, as it is read out: QX261203-4821-07356.
    await visible(page, formatTrackingNo(trackingNo)).waitFor({ timeout: 20_000 });
    await shoot(page, 'my-cases');
    await page.context().close();
  });

  it('keeps one case when the network fails on submit and the citizen retries', async () => {
    const mzj = await departmentId('mzj');
    const page = await open(`/packages/cases/new/index?type=${encodeURIComponent('建议')}&targetType=department&targetId=${mzj}`);
    const text = `建议在城东便民服务中心增设老年人休息座椅，排队时能坐下等候。编号 ${Date.now()}`;
    await page.locator('textarea').filter({ visible: true }).first().fill(text);
    await page.locator('.case-anonymous').filter({ visible: true }).first().click();
    await visible(page, /凭受理编号和查询码/).waitFor();
    // The request reaches the server, but the phone never hears back (the WeChat "fail interrupted" case).
    let dropped = 0;
    await page.route('**/api/cases', async (route) => {
      if (dropped++ === 0) {
        await route.fetch(); // delivered…
        await route.abort('internetdisconnected'); // …but the answer is lost
      } else await route.continue();
    });
    await visible(page, '提交', { exact: true }).click();
    await visible(page, /网络不太稳定/).waitFor({ timeout: 20_000 });
    await visible(page, '提交', { exact: true }).click();
    await page.locator('.case-tracking-no').first().waitFor({ timeout: 20_000 });
    const sup = await staffToken('supervisor');
    const all = (await api<CaseList>('/api/staff/cases?scope=all&pageSize=50', { token: sup })).body.data;
    expect(all.filter((c) => c.title === text.slice(0, 30))).toHaveLength(1);
    await page.context().close();
  });

  it('makes body text measurably larger in 长辈模式, and remembers it', async () => {
    const page = await open('/');
    const size = async () =>
      page
        .locator('.zw-page')
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    await visible(page, '长辈模式').waitFor({ timeout: 20_000 });
    const before = await size();
    await page.getByRole('switch', { name: '长辈模式' }).filter({ visible: true }).first().click();
    await page.waitForTimeout(300);
    const after = await size();
    expect(after).toBeGreaterThan(before * 1.2);
    await page.reload();
    await visible(page, '长辈模式').waitFor({ timeout: 20_000 });
    // Taro sets the root rem size from the viewport just after the first paint.
    await expect.poll(size, { timeout: 10_000 }).toBe(after);
    await shoot(page, 'home-elderly');
    await page.context().close();
  });
});

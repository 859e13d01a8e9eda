import type { EditorItem, EditorItemList, ServiceItem, StaleReport } from '@zw/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setupE2e } from '../support/e2e';
import { button, EDITOR_HOME, field, visible } from '../support/pages';
import { shoot } from '../support/shoot';

/**
 * The editor pages, end to end: the real H5 build, the real BFF on a fresh
 * seeded database, headless Chromium at a phone's size (and once at a desktop's).
 * Editors sign in through the staff login page. What citizens see is checked
 * through the public API and the citizen guide page in another browser context.
 * Screenshots go to test/.output/screenshots/editor-*.png.
 */
const { api, newPage, signIn, signInHere, staffToken: token, url } = setupE2e();

async function openEditor(page: Page, id: number) {
  await page.goto(url(`/packages/editor/edit/index?id=${id}`));
  await button(page, '.ed-field').waitFor({ timeout: 20_000 });
}

/** A published guide of the seed, as the editor API has it. */
async function publishedItem(index = 0) {
  const list = await api<EditorItemList>('/api/editor/items?status=published&pageSize=20', { token: await token('editor') });
  return (await api<EditorItem>(`/api/editor/items/${list.body.data[index]!.id}`, { token: await token('editor') })).body;
}

describe('editor pages (H5)', () => {
  it('list → edit → a cleared 七公开 field blocks publishing next to the field → fix, save, publish → citizens see it at once', async () => {
    const item = await publishedItem(0);
    const page = await newPage();
    await signIn(page, 'editor', EDITOR_HOME);
    // The list: status badges, search by code.
    await page.locator('.ed-item').filter({ visible: true }).first().waitFor({ timeout: 20_000 });
    await expect(page.locator('.ed-status--published').filter({ visible: true }).count()).resolves.toBeGreaterThan(0);
    await shoot(page, 'editor-list');
    await field(page, '.ed-search-input').fill(item.code);
    await button(page, '.ed-search-go').click();
    await page.locator(`.ed-item[data-code="${item.code}"]`).waitFor({ timeout: 20_000 });
    await expect(page.locator('.ed-item').filter({ visible: true }).count()).resolves.toBe(1);
    await button(page, `.ed-item[data-code="${item.code}"]`).click();
    await page.waitForURL(/\/packages\/editor\/edit\/index\?id=/, { timeout: 20_000 });
    await field(page, '.ed-in-responsibleUnit').waitFor({ timeout: 20_000 });
    await expect(field(page, '.ed-in-responsibleUnit').inputValue()).resolves.toBe(item.responsibleUnit);

    // Clear 责任单位 and try to publish: the message sits in that field, and nothing is sent.
    await field(page, '.ed-in-responsibleUnit').fill('');
    await button(page, '.ed-publish').click();
    const message = page.locator('.ed-field[data-field="responsibleUnit"] .ed-error');
    await message.waitFor({ timeout: 10_000 });
    await expect(message.innerText()).resolves.toMatch(/\S/);
    await visible(page, /还不能发布/).waitFor();
    await expect(page.locator('.ed-problems').innerText()).resolves.toContain('责任单位');
    await shoot(page, 'editor-edit-errors');
    const citizenBefore = await api<ServiceItem>(`/api/items/${item.id}`);
    expect(citizenBefore.status).toBe(200);
    expect(citizenBefore.body.responsibleUnit).toBe(item.responsibleUnit);
    expect((await api<EditorItem>(`/api/editor/items/${item.id}`, { token: await token('editor') })).body.version).toBe(item.version);

    // Fix it: the message goes; preview shows the unsaved text as a citizen would see it.
    const unit = `${item.responsibleUnit}（窗口受理）`;
    await field(page, '.ed-in-responsibleUnit').fill(unit);
    await expect(message.count()).resolves.toBe(0);
    await button(page, '.ed-preview').click();
    await page.waitForURL(/\/packages\/editor\/preview\/index/, { timeout: 20_000 });
    await page.locator('.guide-part').filter({ hasText: unit }).first().waitFor({ timeout: 20_000 });
    await visible(page, /含未保存的修改/).waitFor();
    await expect(page.locator('.guide-bar').count()).resolves.toBe(0);
    await shoot(page, 'editor-preview');
    await button(page, '.ed-preview-back').click();
    await page.waitForURL(/\/packages\/editor\/edit\/index/, { timeout: 20_000 });
    await expect(field(page, '.ed-in-responsibleUnit').inputValue()).resolves.toBe(unit);

    // Save (a published guide changes for citizens at once), then publish again.
    await button(page, '.ed-save').click();
    await visible(page, /已保存/).waitFor({ timeout: 20_000 });
    expect((await api<ServiceItem>(`/api/items/${item.id}`)).body.responsibleUnit).toBe(unit);
    await button(page, '.ed-publish').click();
    await visible(page, /已发布，群众现在就能看到/).waitFor({ timeout: 20_000 });

    const citizen = await newPage();
    await citizen.goto(url(`/pages/guide/index?id=${item.id}`));
    await citizen.locator('.guide-part').filter({ hasText: unit }).first().waitFor({ timeout: 20_000 });

    // History: who changed which field.
    await button(page, '.ed-history').click();
    await page.waitForURL(/\/packages\/editor\/history\/index/, { timeout: 20_000 });
    const newest = page.locator('.ed-version').filter({ visible: true }).first();
    await newest.waitFor({ timeout: 20_000 });
    await expect(page.locator('.ed-version').filter({ hasText: '责任单位' }).first().innerText()).resolves.toContain('刘芳');
    await shoot(page, 'editor-history');
  });

  it('a stale write is refused with who changed what, and nothing is overwritten; reloading shows their version', async () => {
    const item = await publishedItem(1);
    const page = await newPage();
    await signIn(page, 'editor', EDITOR_HOME);
    await openEditor(page, item.id);
    // Meanwhile the admin changes the summary through the API.
    const theirs = `${item.summary}（管理员补充）`.slice(0, 200);
    const r = await api(`/api/editor/items/${item.id}`, {
      method: 'PATCH',
      token: await token('admin'),
      body: { summary: theirs, baseVersion: item.version },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);

    await field(page, '.ed-in-summary').fill('编辑在旧版本上写的简介');
    await button(page, '.ed-save').click();
    const conflict = page.locator('.ed-conflict').filter({ visible: true });
    await conflict.waitFor({ timeout: 20_000 });
    await expect(conflict.innerText()).resolves.toMatch(/已被.*修改/);
    await expect(page.locator('.ed-conflict-change').first().innerText()).resolves.toContain('简介');
    await shoot(page, 'editor-conflict');
    expect((await api<EditorItem>(`/api/editor/items/${item.id}`, { token: await token('editor') })).body.summary).toBe(theirs);

    await button(page, '.ed-conflict-reload').click();
    await expect.poll(() => field(page, '.ed-in-summary').inputValue(), { timeout: 20_000 }).toBe(theirs);
  });

  it('a new draft is invisible to citizens (404) until it is published', async () => {
    const page = await newPage();
    await signIn(page, 'editor', EDITOR_HOME);
    await button(page, '.ed-new').click();
    await page.waitForURL(/new=1/, { timeout: 20_000 });
    await field(page, '.ed-in-code').fill('36112300MZ-GG-9301', { timeout: 20_000 });
    await field(page, '.ed-in-new-name').fill('高龄津贴申领（编辑测试）');
    await button(page, '.ed-dept--mzj').click();
    await button(page, '.ed-create').click();
    await page.waitForURL(/\/packages\/editor\/edit\/index\?id=\d+/, { timeout: 20_000 });
    const id = Number(new URL(page.url()).searchParams.get('id'));
    await visible(page, '草稿已建立').waitFor({ timeout: 20_000 });
    expect((await api(`/api/items/${id}`)).status).toBe(404);

    // Not complete yet: publishing names what is missing and changes nothing.
    await button(page, '.ed-publish').click();
    await page.locator('.ed-field[data-field="legalBasis"] .ed-error').waitFor({ timeout: 10_000 });
    expect((await api(`/api/items/${id}`)).status).toBe(404);

    // The rest filled in (through the API, as an import would), then published on the page.
    const current = (await api<EditorItem>(`/api/editor/items/${id}`, { token: await token('editor') })).body;
    const fill = await api(`/api/editor/items/${id}`, {
      method: 'PATCH',
      token: await token('editor'),
      body: {
        baseVersion: current.version,
        summary: '80 周岁以上老人按月领取高龄津贴。',
        legalBasis: [{ law: '《清溪县高龄津贴发放办法》', articles: '第三条' }],
        procedure: [{ title: '申请', description: '到村（社区）提交申请。', days: null }],
        conditions: ['具有本县户籍、年满 80 周岁。'],
        fee: { charged: false, standard: '不收费', basis: '' },
        responsibleUnit: '清溪县民政局',
        supervisionPhone: '0797-6330000',
        consultPhone: '0797-6331111',
        location: '各乡镇便民服务中心',
        officeHours: '工作日 8:30-17:30',
        statutoryLimitDays: 20,
        promisedLimitDays: 10,
      },
    });
    expect(fill.status, JSON.stringify(fill.body)).toBe(200);
    await page.reload();
    await page.locator('.ed-problems-none').filter({ visible: true }).first().waitFor({ timeout: 20_000 });
    await button(page, '.ed-publish').click();
    await visible(page, /已发布，群众现在就能看到/).waitFor({ timeout: 20_000 });
    const pub = await api<ServiceItem>(`/api/items/${id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.name).toBe('高龄津贴申领（编辑测试）');
  });

  it('staff without the editor role see 无权限 (and the API says 403); no session goes to login and back', async () => {
    const page = await newPage();
    // Signed out: the login page, then back to the editor page asked for.
    await page.goto(url('/packages/editor/list/index'));
    await page.waitForURL(/\/packages\/staff\/login\/index\?.*next=/, { timeout: 20_000 });
    await signInHere(page, 'mz_staff', EDITOR_HOME);
    await visible(page, '无权限').waitFor({ timeout: 20_000 });
    await expect(page.locator('.ed-item').count()).resolves.toBe(0);
    await page.goto(url('/packages/editor/edit/index?id=1'));
    await visible(page, '无权限').waitFor({ timeout: 20_000 });
    expect((await api('/api/editor/items', { token: await token('mz_staff') })).status).toBe(403);
    expect((await api('/api/editor/items/1', { token: await token('supervisor') })).status).toBe(403);
    // Staff still land on their inbox.
    const staff = await newPage();
    await signIn(staff, 'mz_staff', /\/packages\/staff\/inbox\/index/);
  });

  it('过期未核 lists never-reviewed guides; on a desktop the form keeps a readable width', async () => {
    const page = await newPage();
    await signIn(page, 'editor', EDITOR_HOME);
    await button(page, '.ed-tab--stale').click();
    await page.locator('.ed-stale').filter({ visible: true }).first().waitFor({ timeout: 20_000 });
    const report = (await api<StaleReport>('/api/editor/reports/stale?days=30', { token: await token('editor') })).body;
    expect(report.total).toBeGreaterThan(0);
    await button(page, '.ed-stale-days--30').click();
    await visible(page, `共 ${report.total} 条超过 30 天未核对`).waitFor({ timeout: 20_000 });
    await shoot(page, 'editor-stale');

    const desk = await newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    await signIn(desk, 'editor', EDITOR_HOME);
    await openEditor(desk, (await publishedItem(2)).id);
    const width = await desk
      .locator('.ed-wrap')
      .filter({ visible: true })
      .first()
      .evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(720);
    expect(width).toBeGreaterThan(600);
  });
});

import type { EditorItemList, EditorPolicy, PolicyDetail } from '@zw/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setupE2e } from '../support/e2e';
import { button, EDITOR_HOME, field, visible } from '../support/pages';
import { shoot } from '../support/shoot';

/**
 * The editor's 政策文件 and 政策解读 pages, end to end: the real H5 build, the
 * real BFF on a fresh seeded database, headless Chromium at a phone's size.
 * What citizens see is checked on the citizen policy and interpretation pages
 * in another browser context. Screenshots go to test/.output/screenshots/editor-policy-*.png.
 */
const e2e = setupE2e();
const { api, newPage, staffToken: token, url } = e2e;
const signIn = (page: Page, username: string) => e2e.signIn(page, username, EDITOR_HOME);

const messageAt = (page: Page, name: string) => page.locator(`.ed-field[data-field="${name}"] > .ed-error`).filter({ visible: true });

const DOC = '青政办发〔2026〕88号';
const TITLE = '清溪县城乡居民临时救助实施办法（编辑测试）';

describe('editor policy pages (H5)', () => {
  it('creates a policy draft → publishing is blocked next to the missing field → fill it → publish → citizens see it; an interpretation too', async () => {
    const page = await newPage();
    await signIn(page, 'editor');

    // The 政策文件 tab: seeded documents with status and interpretation count; search by 文号.
    await button(page, '.ed-tab--policies').click();
    await page.locator('.ed-policy').filter({ visible: true }).first().waitFor({ timeout: 20_000 });
    await expect(page.locator('.ed-policy .ed-status--published').filter({ visible: true }).count()).resolves.toBeGreaterThan(0);
    const seededDoc = await page.locator('.ed-policy').first().getAttribute('data-doc');
    await field(page, '.ed-search-input').fill(seededDoc!);
    await button(page, '.ed-search-go').click();
    await expect.poll(() => page.locator('.ed-policy').filter({ visible: true }).count(), { timeout: 20_000 }).toBe(1);
    await shoot(page, 'editor-policy-list');

    // New draft: 文号 and title.
    await button(page, '.ed-new-policy').click();
    await page.waitForURL(/\/packages\/editor\/policy\/index\?new=1/, { timeout: 20_000 });
    await field(page, '.ed-in-new-docNumber').fill(DOC, { timeout: 20_000 });
    await field(page, '.ed-in-new-title').fill(TITLE);
    await button(page, '.ed-create-policy').click();
    await page.waitForURL(/\/packages\/editor\/policy\/index\?id=\d+/, { timeout: 20_000 });
    const id = Number(new URL(page.url()).searchParams.get('id'));
    await visible(page, '草稿已建立').waitFor({ timeout: 20_000 });
    expect((await api(`/api/policies/${id}`)).status).toBe(404);

    // Fill in all but 施行日期, then try to publish: the message sits at that field; nothing is sent.
    await field(page, '.ed-in-issuer').fill('清溪县人民政府办公室');
    await field(page, '.ed-in-issuedAt').fill('2026-03-01');
    await field(page, '.ed-in-summary').fill('规定临时救助的对象、标准和申请程序，急难情况可先行救助。');
    await field(page, '.ed-in-body').fill('第一条　为做好临时救助工作，制定本办法。\n\n第二条　本办法适用于本县户籍居民。');
    await button(page, '.ed-publish').click();
    await messageAt(page, 'effectiveAt').waitFor({ timeout: 10_000 });
    await expect(messageAt(page, 'effectiveAt').innerText()).resolves.toBe('请填写施行日期');
    await visible(page, /还不能发布/).waitFor();
    await expect(page.locator('.ed-problems').innerText()).resolves.toContain('施行日期');
    await expect(messageAt(page, 'issuer').count()).resolves.toBe(0);
    await shoot(page, 'editor-policy-edit');
    expect((await api<EditorPolicy>(`/api/editor/policies/${id}`, { token: await token('editor') })).body.version).toBe(1);

    // A malformed date is named too; the right one clears the message. Publishing saves first.
    await field(page, '.ed-in-effectiveAt').fill('2026-4-1');
    await expect.poll(() => messageAt(page, 'effectiveAt').innerText(), { timeout: 10_000 }).toMatch(/YYYY-MM-DD/);
    await field(page, '.ed-in-effectiveAt').fill('2026-04-01');
    await expect.poll(() => messageAt(page, 'effectiveAt').count(), { timeout: 10_000 }).toBe(0);
    // "还不能发布" goes once what it pointed at is fixed.
    await expect.poll(() => page.locator('.ed-notice').count(), { timeout: 10_000 }).toBe(0);
    // Preview: the citizen page's component, with the unsaved date.
    await button(page, '.ed-preview').click();
    const previewed = page.locator('.policy-page--preview').filter({ visible: true });
    await previewed.filter({ hasText: '2026-04-01' }).first().waitFor({ timeout: 20_000 });
    await expect(previewed.innerText()).resolves.toContain(TITLE);
    await shoot(page, 'editor-policy-preview');
    await button(page, '.ed-preview-back').click();
    await expect.poll(() => field(page, '.ed-in-effectiveAt').inputValue(), { timeout: 10_000 }).toBe('2026-04-01');

    await button(page, '.ed-publish').click();
    await visible(page, /已发布，群众现在就能看到/).waitFor({ timeout: 20_000 });
    const published = await api<PolicyDetail>(`/api/policies/${id}`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ docNumber: DOC, effectiveAt: '2026-04-01', issuer: '清溪县人民政府办公室' });

    const citizen = await newPage();
    await citizen.goto(url(`/packages/policy/policy/index?id=${id}`));
    await visible(citizen, TITLE).waitFor({ timeout: 20_000 });
    await visible(citizen, DOC).waitFor();

    // A stale save is refused with who changed what; reloading shows their version.
    const current = (await api<EditorPolicy>(`/api/editor/policies/${id}`, { token: await token('admin') })).body;
    const theirs = '管理员改过的摘要：临时救助的对象、标准和程序。';
    const r = await api(`/api/editor/policies/${id}`, {
      method: 'PATCH',
      token: await token('admin'),
      body: { summary: theirs, baseVersion: current.version },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await field(page, '.ed-in-summary').fill('编辑在旧版本上写的摘要');
    await button(page, '.ed-save').click();
    await page.locator('.ed-conflict').filter({ visible: true }).waitFor({ timeout: 20_000 });
    await expect(page.locator('.ed-conflict-change').first().innerText()).resolves.toContain('摘要');
    expect((await api<PolicyDetail>(`/api/policies/${id}`)).body.summary).toBe(theirs);
    await button(page, '.ed-conflict-reload').click();
    await expect.poll(() => field(page, '.ed-in-summary').inputValue(), { timeout: 20_000 }).toBe(theirs);

    // 新建解读 from the document's page.
    await field(page, '.ed-in-new-interpretation').fill('一图读懂临时救助实施办法');
    await button(page, '.ed-new-interpretation').click();
    await page.waitForURL(/\/packages\/editor\/interpretation\/index\?id=\d+/, { timeout: 20_000 });
    const interpId = Number(new URL(page.url()).searchParams.get('id'));
    await field(page, '.ed-in-background').fill('为进一步做好临时救助工作，县政府出台了本办法。', { timeout: 20_000 });
    // The interpreter defaults to the issuer (谁起草谁解读).
    await expect(field(page, '.ed-in-interpreter').inputValue()).resolves.toBe('清溪县人民政府办公室');
    await field(page, '.ed-in-purpose').fill('让遭遇急难的家庭及时得到救助。');
    await field(page, '.ed-in-scope').fill('本县户籍居民和持居住证的常住人口。');
    await button(page, '.ed-publish').click();
    await messageAt(page, 'mainPoints').waitFor({ timeout: 10_000 });
    await button(page, '.ed-add-mainPoints').click();
    await field(page, '.ed-in-mainPoint').fill('急难情况可先行救助，事后补办手续。');
    await button(page, '.ed-add-keyTerms').click();
    await field(page, '.ed-in-term').fill('临时救助');
    await field(page, '.ed-in-definition').fill('对遭遇突发性、紧迫性困难的家庭给予的应急性救助。');
    await button(page, '.ed-add-qa').click();
    await field(page, '.ed-in-qa-q').fill('到哪里申请？');
    await field(page, '.ed-in-qa-a').fill('到户籍所在地乡镇（街道）提出申请。');
    await expect.poll(() => messageAt(page, 'mainPoints').count(), { timeout: 10_000 }).toBe(0);
    // Link a guide: find it by its code, tap 关联; it shows by name.
    const guide = (await api<EditorItemList>('/api/editor/items?status=published&pageSize=1', { token: await token('editor') })).body
      .data[0]!;
    await field(page, '.ed-picker-q').fill(guide.code);
    await button(page, '.ed-picker-go').click();
    await button(page, `.ed-picker-found[data-id="${guide.id}"] .ed-picker-add`).click();
    await expect.poll(() => field(page, '.ed-in-itemIds').inputValue(), { timeout: 10_000 }).toBe(String(guide.id));
    await page.locator(`.ed-picker__row[data-id="${guide.id}"]`).filter({ hasText: guide.name }).first().waitFor({ timeout: 10_000 });

    // Preview: the citizen page's component, with the unsaved text.
    await button(page, '.ed-preview').click();
    await page.locator('.interp-page--preview').filter({ hasText: '急难情况可先行救助' }).first().waitFor({ timeout: 20_000 });
    await visible(page, DOC).waitFor();
    await shoot(page, 'editor-policy-interpretation-preview');
    await button(page, '.ed-preview-back').click();
    await expect.poll(() => field(page, '.ed-in-mainPoint').inputValue(), { timeout: 10_000 }).toBe('急难情况可先行救助，事后补办手续。');
    await shoot(page, 'editor-policy-interpretation');

    await button(page, '.ed-publish').click();
    await visible(page, /已发布，群众现在就能看到/).waitFor({ timeout: 20_000 });
    await citizen.goto(url(`/packages/policy/interpretation/index?id=${interpId}`));
    await visible(citizen, '一图读懂临时救助实施办法').waitFor({ timeout: 20_000 });
    await visible(citizen, '急难情况可先行救助，事后补办手续。').waitFor();
    await visible(citizen, '到哪里申请？').waitFor();
    await visible(citizen, guide.name).waitFor();
    expect((await api<PolicyDetail>(`/api/policies/${id}`)).body.interpretations.map((i) => i.id)).toContain(interpId);

    // History of the interpretation: created, changed, published.
    await button(page, '.ed-history').click();
    await page.waitForURL(/\/packages\/editor\/history\/index\?type=interpretation/, { timeout: 20_000 });
    await page.locator('.ed-version').filter({ visible: true }).first().waitFor({ timeout: 20_000 });
    await expect(page.locator('.ed-version').first().innerText()).resolves.toContain('发布');
    await visible(page, '一图读懂临时救助实施办法').waitFor();
  });
});

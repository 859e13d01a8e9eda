// WCAG 2.1 AA on every page a citizen sees (issue 14): axe-core in the built H5 app on a phone, in normal
// mode and in 长辈模式, with no violation.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axe, describeViolations, elderFigures, type ElderFigures } from '../support/a11y';
import { root } from '../support/server';
import { phone } from '../support/browser';
import { setupE2e } from '../support/e2e';
import { EDITOR_HOME, STAFF_HOME, visible } from '../support/pages';

const { newPage, url, api, departmentId, signIn } = setupE2e();

/** Each page and a text that says it has rendered its content (not the loading state). */
const citizenPages: [path: string, ready: string | RegExp][] = [
  ['/', '热门事项'],
  ['/pages/search/index?q=%E7%A4%BE%E4%BF%9D', '社会保障卡申领'],
  ['/pages/guide/index?id=1', '办理依据'],
  ['/pages/window/index?id=1', '可办理事项'],
  ['/pages/hall/index?id=1', '清溪县政务服务中心'],
  ['/pages/qr/index', '输入二维码编号'],
  ['/pages/notfound/index', '返回首页'],
  ['/packages/policy/policy/index?id=1', '文件全文'],
  ['/packages/policy/interpretation/index?id=1', '背景依据'],
  ['/packages/cases/new/index?targetType=department&targetId=1', '留言类型'],
  // Not signed in: the browser's SMS sign-in page.
  ['/packages/cases/mine/index', '获取验证码'],
  ['/packages/cases/lookup/index', '查询码'],
];

async function settle(page: Page, path: string, ready: string | RegExp) {
  await page.goto(url(path));
  await page.locator('#zw-skeleton').waitFor({ state: 'detached', timeout: 20_000 });
  await visible(page, ready).waitFor({ timeout: 20_000 });
  await page.waitForTimeout(300);
}

/** An anonymous 咨询 to 民政局 (no sign-in in this server), for the staff case page. */
async function aCase() {
  const r = await api<{ id: number }>('/api/cases/guest', {
    method: 'POST',
    headers: { 'idempotency-key': `e2e-a11y-${Date.now()}` },
    body: {
      type: '咨询',
      target: { type: 'department', id: await departmentId('mzj') },
      content: '请问高龄津贴每个月什么时候发放，需要每年认证吗？',
      anonymous: true,
      consent: true,
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

/**
 * The type and tap-target figures of every citizen page in both modes (issue 14), compared with the committed
 * ones (test/e2e/elder-figures.json): a page whose share of text under 18 px, or whose number of controls under
 * 44 px (60 px in 长辈模式), grows fails. `UPDATE_ELDER_FIGURES=1` writes the file anew after an improvement.
 */
const baselinePath = join(root, 'test', 'e2e', 'elder-figures.json');
const measured: Record<string, ElderFigures> = {};

async function check(page: Page, pages: [string, string | RegExp][], mode?: 'normal' | 'elderly') {
  const found: string[] = [];
  for (const [path, ready] of pages) {
    await settle(page, path, ready);
    const violations = await axe(page);
    if (violations.length) found.push(`${path}\n${describeViolations(violations)}`);
    if (mode) measured[`${mode} ${path}`] = await elderFigures(page, mode === 'elderly' ? 60 : 44);
  }
  return found.join('\n\n');
}

function regressions(): string[] {
  mkdirSync(join(root, 'test', '.output'), { recursive: true });
  writeFileSync(join(root, 'test', '.output', 'elder-figures.json'), JSON.stringify(measured, null, 2));
  if (process.env.UPDATE_ELDER_FIGURES === '1') {
    const kept = Object.fromEntries(
      Object.entries(measured).map(([k, f]) => [k, { smallTextShare: f.smallTextShare, smallTargets: f.smallTargets }]),
    );
    writeFileSync(baselinePath, `${JSON.stringify(kept, null, 2)}\n`);
  }
  const base = existsSync(baselinePath)
    ? (JSON.parse(readFileSync(baselinePath, 'utf8')) as Record<string, Pick<ElderFigures, 'smallTextShare' | 'smallTargets'>>)
    : {};
  const out: string[] = [];
  for (const [key, f] of Object.entries(measured)) {
    const b = base[key];
    if (!b) out.push(`${key}: no figures in test/e2e/elder-figures.json yet (run with UPDATE_ELDER_FIGURES=1)`);
    else if (f.smallTextShare > b.smallTextShare + 0.01) out.push(`${key}: text under 18 px ${f.smallTextShare} (was ${b.smallTextShare})`);
    else if (f.smallTargets > b.smallTargets)
      out.push(`${key}: ${f.smallTargets} small controls (was ${b.smallTargets}): ${f.smallest.join('; ')}`);
  }
  return out;
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  for (const elderly of [false, true]) {
    it(`every citizen page has no violation${elderly ? ' in 长辈模式' : ''}`, async () => {
      // The page's CSP (rightly) refuses axe's injected script: the test lets it in.
      const page = await newPage({ ...phone, bypassCSP: true });
      if (elderly) {
        await settle(page, '/', '热门事项');
        await page.getByRole('switch', { name: '长辈模式' }).click();
      }
      expect(await check(page, citizenPages, elderly ? 'elderly' : 'normal')).toBe('');
    });
  }

  it('no citizen page has more small text or small controls than before, in either mode', () => {
    expect(Object.keys(measured)).toHaveLength(citizenPages.length * 2);
    expect(regressions()).toEqual([]);
  });

  it('every staff page has no violation: inbox, a case, supervisor, figures, 帮办代办', async () => {
    const id = await aCase();
    const page = await newPage({ ...phone, bypassCSP: true });
    await signIn(page, 'mz_staff', STAFF_HOME);
    const handler = await check(page, [
      ['/packages/staff/inbox/index', '请问高龄津贴'],
      [`/packages/staff/case/index?id=${id}`, '请问高龄津贴'],
      ['/packages/staff/record/index', '登记方式'],
    ]);
    const sup = await newPage({ ...phone, bypassCSP: true });
    await signIn(sup, 'supervisor', STAFF_HOME);
    const supervisor = await check(sup, [
      ['/packages/staff/supervisor/index', '差评回访'],
      ['/packages/staff/figures/index', '受理与办结'],
    ]);
    expect([handler, supervisor].filter(Boolean).join('\n\n')).toBe('');
  });

  it('every editor page has no violation: list, edit, preview, history, print, policy', async () => {
    const page = await newPage({ ...phone, bypassCSP: true });
    await signIn(page, 'editor', EDITOR_HOME);
    expect(
      await check(page, [
        ['/packages/editor/list/index', '居民身份证申领'],
        ['/packages/editor/edit/index?id=1', '事项名称'],
        ['/packages/editor/preview/index?id=1', '返回编辑'],
        ['/packages/editor/history/index?id=1', '还没有版本记录'],
        ['/packages/editor/print/index?id=1', '大厅窗口二维码'],
        ['/packages/editor/policy/index?id=1', '文件信息'],
      ]),
    ).toBe('');
  });
});

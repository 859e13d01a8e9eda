// @vitest-environment jsdom-server
import { render, screen } from '@testing-library/react';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pagePaths } from '@zw/shared/paths';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBff, type LiveBff } from '../../test-setup/bff';
import { fake } from '../../test-setup/taro-fake';

/**
 * What WeChat sends when a citizen taps 转发 or 分享到朋友圈: the card the page's useShare gives,
 * computed from what is on screen, against the real BFF. And every citizen page's config turns it on.
 */
let bff: LiveBff;
let Guide: typeof import('../pages/guide/index').default;
let Mine: typeof import('../packages/cases/mine/index').default;

beforeAll(async () => {
  bff = await startBff();
  Guide = (await import('../pages/guide/index')).default;
  Mine = (await import('../packages/cases/mine/index')).default;
});
afterAll(() => bff.close());
beforeEach(() => {
  fake.routerParams = {};
});

describe('转发 and 朋友圈', () => {
  it('forwards a guide under its own name, to a chat and to 朋友圈', async () => {
    fake.routerParams = { id: '1' };
    render(<Guide />);
    await screen.findAllByText('社会保障卡申领');
    expect(fake.share.appMessage?.()).toEqual({ title: '社会保障卡申领｜清溪县政务服务', path: `${pagePaths.item}?id=1` });
    // 朋友圈 opens the same page with the query only.
    expect(fake.share.timeline?.()).toEqual({ title: '社会保障卡申领｜清溪县政务服务', query: 'id=1' });
  });

  it('never puts a citizen’s own page in a link, and offers no 朋友圈 for it', async () => {
    render(<Mine />);
    const card = fake.share.appMessage?.() as { title: string; path: string };
    expect(card).toEqual({ title: '查看我的诉求办理情况｜清溪县政务服务', path: pagePaths.myCases });
    expect(card.path).not.toMatch(/[?&]id=/);
    expect(fake.share.timeline?.()).toEqual({});
  });
});

describe('page configs', () => {
  const root = join(__dirname, '..');
  const configs = [
    ...readdirSync(join(root, 'pages')).map((p) => `pages/${p}`),
    ...['policy', 'cases'].flatMap((pkg) => readdirSync(join(root, 'packages', pkg)).map((p) => `packages/${pkg}/${p}`)),
  ]
    .map((dir) => ({ dir, file: join(root, dir, 'index.config.ts') }))
    .filter(({ file }) => {
      try {
        readFileSync(file);
        return true;
      } catch {
        return false;
      }
    });

  it('lets WeChat forward every citizen page', () => {
    expect(configs.length).toBeGreaterThanOrEqual(14);
    for (const { dir, file } of configs)
      expect([dir, readFileSync(file, 'utf8').includes('enableShareAppMessage: true')]).toEqual([dir, true]);
  });

  it('lets guides, policies and interpretations go to 朋友圈', () => {
    const timeline = configs.filter(({ file }) => readFileSync(file, 'utf8').includes('enableShareTimeline: true')).map(({ dir }) => dir);
    expect(timeline.sort()).toEqual(['packages/policy/interpretation', 'packages/policy/policy', 'pages/guide']);
  });
});

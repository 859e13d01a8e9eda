// The browser build's shell on the built server (issue 13): the first screen before any script,
// the title bar, the friendly 404, a page whose code fails to load, sharing, and the service
// worker's offline copy of a guide.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchChromium, phone } from '../support/browser';
import { setupE2e } from '../support/e2e';
import { visible } from '../support/pages';
import { startBuiltServer } from '../support/server';

const { newPage, url, open } = setupE2e();

const bar = (page: Page) => page.locator('#taro-navigation-bar');

describe('the H5 shell', () => {
  it('draws a first screen from index.html alone, before and without any script', async () => {
    const res = await fetch(url('/'), { headers: { 'accept-encoding': 'br' } });
    const html = await res.text();
    // The first screen comes before the first script tag, so it paints while the code travels.
    expect(html.indexOf('id="zw-skeleton"')).toBeGreaterThan(-1);
    expect(html.indexOf('id="zw-skeleton"')).toBeLessThan(html.indexOf('<div id="app"'));
    const page = await newPage({ ...phone, javaScriptEnabled: false });
    await page.goto(url('/pages/guide/index?id=1'));
    await expect(visible(page, '正在打开，请稍候').isVisible()).resolves.toBe(true);
    await expect(page.locator('.zs-bar').innerText()).resolves.toBe('清溪县政务服务');
    await page.context().close();
  });

  it("writes a printed QR code's page as its window: readable and followable with no script at all", async () => {
    const win = (await fetch(url('/api/windows/1')).then((r) => r.json())) as { qrCode: string; number: string; name: string };
    const qr = url(`/pages/qr/index?code=${win.qrCode}`);
    const res = await fetch(qr, { headers: { 'accept-encoding': 'br' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toContain('<div id="zs-content" data-path="/pages/window/index?id=1">');
    expect(html.indexOf(win.name)).toBeGreaterThan(-1);
    expect(html.indexOf(win.name)).toBeLessThan(html.indexOf('<script defer'));
    // Revalidated, not downloaded again, while the window's page is unchanged.
    const again = await fetch(qr, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);

    const page = await newPage({ ...phone, javaScriptEnabled: false });
    await page.goto(qr);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`${win.number} ${win.name}`);
    const first = page.locator('#zs-content a').first();
    const name = await first.innerText();
    expect((await first.boundingBox())!.height).toBeGreaterThanOrEqual(48);
    await first.click();
    await page.waitForURL(/\/pages\/guide\/index\?id=\d+$/);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(name);
    // An id that names nothing gets the plain first screen, and the app's own 404 once it runs.
    await page.goto(url('/pages/guide/index?id=999999'));
    await expect(page.locator('#zs-content h1').count()).resolves.toBe(0);
    await page.context().close();
  });

  it("opens a printed code's window straight away: the address becomes the window's, no QR page, one history entry", async () => {
    const win = (await fetch(url('/api/windows/1')).then((r) => r.json())) as { qrCode: string; name: string };
    const page = await newPage({ ...phone, serviceWorkers: 'block' });
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(url(`/pages/qr/index?code=${win.qrCode}`));
    await page.locator('#zw-skeleton').waitFor({ state: 'detached', timeout: 20_000 });
    await visible(page, '可办理事项').waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/pages/window/index?id=1');
    expect(asked.filter((p) => p.startsWith('/api/qr/'))).toEqual([]);
    // The blank tab and the window: the code's address was replaced, not added to.
    await expect(page.evaluate(() => history.length)).resolves.toBe(2);
    // A code the server does not know is the app's QR page, which says so.
    await page.goto(url('/pages/qr/index?code=zzzzzz'));
    await visible(page, '没有找到这个二维码对应的内容').waitFor({ timeout: 20_000 });
    await page.context().close();
  });

  it('takes the first screen away once a page has rendered', async () => {
    const page = await open('/');
    await visible(page, '热门事项').waitFor({ timeout: 20_000 });
    await expect(page.locator('#zw-skeleton').count()).resolves.toBe(0);
  });

  it('gives a guide opened from a link a title bar with 返回首页, and one opened from home 返回上一页', async () => {
    const page = await open('/pages/guide/index?id=1');
    await visible(page, '社会保障卡申领').waitFor({ timeout: 20_000 });
    const home = bar(page).getByRole('button', { name: '返回首页' });
    await expect(home.isVisible()).resolves.toBe(true);
    await expect(bar(page).getByRole('button', { name: '返回上一页' }).isVisible()).resolves.toBe(false);
    const box = await home.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(44);
    expect(box!.height).toBeGreaterThanOrEqual(44);
    // By keyboard, as a screen-reader user would.
    await home.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/pages\/index\/index/);
    await visible(page, '热门事项').waitFor();
    await expect(bar(page).getByRole('button', { name: '返回首页' }).isVisible()).resolves.toBe(false);

    await page.locator('.home-row').filter({ hasText: '社会保障卡申领' }).first().click();
    await page.waitForURL(/\/pages\/guide\/index\?id=/);
    await visible(page, '办理条件').waitFor();
    const back = bar(page).getByRole('button', { name: '返回上一页' });
    await expect(back.isVisible()).resolves.toBe(true);
    await expect(bar(page).getByRole('heading', { level: 1 }).innerText()).resolves.toMatch(/办事指南|社会保障卡/);
    await back.click();
    await page.waitForURL(/\/pages\/index\/index/);
  });

  it('answers an unknown route with a friendly page: what happened, the search box and 返回首页', async () => {
    const page = await open('/pages/no-such-page/index?x=1');
    await visible(page, '没有找到这个页面').waitFor({ timeout: 20_000 });
    await expect(page.getByRole('heading', { name: '没有找到这个页面' }).count()).resolves.toBe(1);
    const box = page.locator('.nf-search input').first();
    await box.fill('社保');
    await box.press('Enter');
    await page.waitForURL(/\/pages\/search\/index\?q=/);
    await visible(page, '社会保障卡申领').waitFor();

    const again = await open('/totally/unknown');
    await visible(again, '没有找到这个页面').waitFor({ timeout: 20_000 });
    await visible(again, '返回首页', { exact: true }).click();
    await again.waitForURL(/\/pages\/index\/index/);
    await visible(again, '热门事项').waitFor();
  });

  it('retries a page whose code fails to load, then offers 网络不稳定，点此重试, which opens it', async () => {
    // Without the service worker, so that every request of the page passes the failing route below.
    const page = await newPage({ ...phone, serviceWorkers: 'block' });
    await page.goto(url('/'));
    await visible(page, '最新政策解读').waitFor({ timeout: 20_000 });
    // From now on every script and style the page has not loaded yet fails, as on a dropped signal.
    const failed: string[] = [];
    let down = true;
    await page.route(/\/(js|css)\/.*\.(js|css)(\?.*)?$/, (route) => {
      if (!down) return route.continue();
      failed.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    await page.locator('.home-policy').first().click();
    const retry = page.getByRole('button', { name: '网络不稳定，点此重试' });
    await retry.waitFor({ timeout: 20_000 });
    // The first try and two retries, each with a fresh query so that no cached failure is reused.
    const scripts = failed.filter((u) => u.includes('/js/'));
    const byFile = new Map<string, string[]>();
    for (const u of scripts) byFile.set(u.split('?')[0]!, [...(byFile.get(u.split('?')[0]!) ?? []), u]);
    expect(byFile.size).toBeGreaterThan(0);
    for (const tries of byFile.values()) {
      expect(tries).toHaveLength(3);
      expect(tries[0]).not.toContain('?');
      expect(new Set(tries.slice(1).map((u) => new URL(u).searchParams.get('retry')))).toHaveProperty('size', 2);
    }
    down = false;
    await retry.click();
    await page.waitForURL(/\/packages\/policy\/policy\/index\?id=/);
    await visible(page, '文号', { exact: true }).waitFor({ timeout: 20_000 });
    await expect(retry.count()).resolves.toBe(0);
  });

  it('shares a policy in the browser: the share sheet where there is one, else 复制链接', async () => {
    const page = await newPage({ ...phone, permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(url('/'));
    await visible(page, '最新政策解读').waitFor({ timeout: 20_000 });
    await page.locator('.home-policy').first().click();
    await page.waitForURL(/\/packages\/policy\/policy\/index\?id=/);
    // A phone browser's share sheet: record what it was given.
    await page.evaluate(() => {
      (window as unknown as { shared: unknown[] }).shared = [];
      Object.defineProperty(navigator, 'share', {
        configurable: true,
        value: (data: unknown) => {
          (window as unknown as { shared: unknown[] }).shared.push(data);
          return Promise.resolve();
        },
      });
    });
    await page.getByRole('button', { name: '分享给亲友' }).filter({ visible: true }).first().click();
    const shared = (await page.evaluate(() => (window as unknown as { shared: { title: string; url: string }[] }).shared)) ?? [];
    expect(shared).toHaveLength(1);
    expect(shared[0]?.url).toBe(page.url());
    expect(shared[0]?.title).toMatch(/｜清溪县政务服务$/);
    // Without one (most desktop browsers, older phones): the link is copied and the toast says so.
    await page.evaluate(() => Object.defineProperty(navigator, 'share', { configurable: true, value: undefined }));
    await page.getByRole('button', { name: '分享给亲友' }).filter({ visible: true }).first().click();
    await visible(page, '链接已复制').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(page.url());
  });
});

describe('the service worker', () => {
  it('opens a guide seen once again with no network at all, marked as an offline copy', async () => {
    // Its own server: the test ends by taking it away, as a lost signal does.
    const own = await startBuiltServer();
    const browser = await launchChromium();
    try {
      const ctx = await browser.newContext(phone);
      const page = await ctx.newPage();
      await page.goto(`${own.url}/pages/guide/index?id=1`);
      await visible(page, '办理条件').waitFor({ timeout: 20_000 });
      await page.evaluate(() => navigator.serviceWorker.ready);
      // The first visit installs the worker; it controls the page from then on (clientsClaim). Reload once
      // so the page's own code and the guide's answer pass through it and are kept.
      await page.reload();
      await visible(page, '办理条件').waitFor({ timeout: 20_000 });
      expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
      await expect(visible(page, '离线内容').count()).resolves.toBe(0);

      await own.stop();
      const started = Date.now();
      await page.reload();
      await visible(page, '办理条件').waitFor({ timeout: 20_000 });
      const ms = Date.now() - started;
      await visible(page, /离线内容，更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor();
      await expect(visible(page, '社会保障卡申领').isVisible()).resolves.toBe(true);
      // Not a timed assertion (figures are in `pnpm bench`): only that it did not wait for the 4 s network timeout
      // on a refused connection.
      expect(ms).toBeLessThan(15_000);

      // Never anything personal: a citizen's cases are not in the worker's caches.
      const cached = await page.evaluate(async () => {
        const out: string[] = [];
        for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) out.push(req.url);
        return out;
      });
      expect(cached.some((u) => u.includes('/api/items/1'))).toBe(true);
      expect(cached.filter((u) => /\/api\/(cases|auth|staff|editor|reminders|uploads)/.test(u))).toEqual([]);
    } finally {
      await browser.close();
      await own.stop();
    }
  });

  it('keeps what the very first visit read, before the worker controlled the page', async () => {
    const own = await startBuiltServer();
    const browser = await launchChromium();
    try {
      const ctx = await browser.newContext(phone);
      const page = await ctx.newPage();
      // A citizen scans the code once: the worker installs during this visit, after the guide was fetched.
      await page.goto(`${own.url}/pages/guide/index?id=1`);
      await visible(page, '办理条件').waitFor({ timeout: 20_000 });
      await page.evaluate(() => navigator.serviceWorker.ready);
      await expect
        .poll(() => page.evaluate(async () => Boolean(await (await caches.open('zw-public')).match('/api/items/1'))), { timeout: 15_000 })
        .toBe(true);
      await own.stop();
      await page.reload();
      await visible(page, '办理条件').waitFor({ timeout: 20_000 });
      await visible(page, /离线内容，更新于/).waitFor();
    } finally {
      await browser.close();
      await own.stop();
    }
  });
});

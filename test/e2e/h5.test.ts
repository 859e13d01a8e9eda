import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, phone } from '../support/browser';
import { startBuiltServer, type RunningServer } from '../support/server';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startBuiltServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('H5 build in headless Chromium', () => {
  it('opens on a phone and lists service guides from the BFF', async () => {
    const page = await browser.newPage(phone);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/`);
    await page.getByText('清溪县政务服务').filter({ visible: true }).first().waitFor({ timeout: 15_000 });
    await page.getByText('社会保障卡申领').filter({ visible: true }).first().waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/h5-home.png` });
    await page.close();
  });
});

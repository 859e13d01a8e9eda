import { describe, expect, it } from 'vitest';
import { setupE2e } from '../support/e2e';
import { visible } from '../support/pages';

const { newPage, url } = setupE2e();

describe('H5 build in headless Chromium', () => {
  it('opens on a phone and lists service guides from the BFF', async () => {
    const page = await newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url('/'));
    await visible(page, '清溪县政务服务').waitFor({ timeout: 15_000 });
    await visible(page, '社会保障卡申领').waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/h5-home.png` });
    await page.context().close();
  });
});

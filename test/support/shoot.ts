import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { phone } from './browser';
import { root } from './server';

/**
 * Where a test run writes its screenshots: an ignored folder, so a run leaves the
 * working tree clean. `pnpm screenshots` copies them into the committed folder,
 * so reviewers can look at every page without running anything.
 */
export const shots = join(root, 'test', '.output', 'screenshots');
export const committedShots = join(root, 'test', 'screenshots');
mkdirSync(shots, { recursive: true });

/**
 * A whole-page screenshot. Taro's H5 pages scroll inside their own container,
 * so Playwright's fullPage sees one screen: grow the viewport to the content
 * instead, after page transitions have finished.
 */
export async function shoot(page: Page, name: string) {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  // The bottom of the tallest visible content, scroll containers included.
  const height = await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const el of Array.from(document.querySelectorAll('body *'))) if (el.scrollTop) el.scrollTop = 0;
    let bottom = 0;
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) bottom = Math.max(bottom, box.top + window.scrollY + el.scrollHeight);
    }
    return Math.ceil(bottom);
  });
  await page.setViewportSize({ width: phone.viewport.width, height: Math.min(Math.max(height, phone.viewport.height), 6000) });
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(shots, `${name}.png`) });
  await page.setViewportSize(phone.viewport);
}

/** A printed sheet (print media already emulated) at A4's width, 96 dpi, whole page. */
export async function shootPrint(page: Page, name: string) {
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

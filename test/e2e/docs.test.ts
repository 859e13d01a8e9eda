import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setupE2e } from '../support/e2e';

/**
 * The API docs (issue 13) in headless Chromium on the built server, with every request
 * that would leave the loopback refused, as on a county network that cannot reach a
 * CDN: Swagger UI must still render the operations, under a policy it does not break.
 */
const { newPage, url } = setupE2e();

type Watched = { page: Page; outside: string[]; violations: string[]; encodings: Map<string, string> };

async function watchedPage(): Promise<Watched> {
  const page = await newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  const outside: string[] = [];
  const violations: string[] = [];
  const encodings = new Map<string, string>();
  await page.route('**/*', (route) => {
    const target = new URL(route.request().url());
    if (target.hostname === '127.0.0.1' || target.protocol === 'data:' || target.protocol === 'blob:') return route.continue();
    outside.push(target.href);
    return route.abort('blockedbyclient');
  });
  page.on('response', (res) => encodings.set(new URL(res.url()).pathname, res.headers()['content-encoding'] ?? 'identity'));
  // Chromium reports a refused script, style or image both ways: the page event and a console message.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __violations: string[] }).__violations ??= [];
      (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  return { page, outside, violations, encodings };
}

describe('the API docs in a browser', () => {
  it('renders every operation from this origin alone, with no Content-Security-Policy violation', async () => {
    const { page, outside, violations, encodings } = await watchedPage();
    const res = await page.goto(url('/api/docs'));
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).not.toMatch(/https?:/);

    // Swagger UI fetched /api/openapi.json and drew one block per operation.
    await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.opblock').count()).toBeGreaterThan(40);
    await expect
      .poll(() => page.locator('.opblock-summary-path').allInnerTexts())
      .toEqual(expect.arrayContaining(['/api/items', '/api/search']));
    expect(await page.locator('.info .title').innerText()).toContain('清溪县政务公开与政务服务 API');

    // Open one operation: its parameters render (models, syntax highlighting: what scripts and styles the viewer adds at run time).
    await page
      .locator('.opblock-summary-path', { hasText: /^\/api\/items$/ })
      .first()
      .click();
    await page.locator('.opblock.is-open .parameters').first().waitFor({ timeout: 10_000 });

    const pageViolations = await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
    expect(pageViolations).toEqual([]);
    expect(violations).toEqual([]);
    expect(outside).toEqual([]);
    // The 1.7 MB bundle travelled compressed (Chromium accepts brotli).
    const bundle = [...encodings].find(([path]) => path.endsWith('/swagger-ui-bundle.js'));
    expect(bundle?.[1]).toBe('br');
  });
});

import jsQR from 'jsqr';
import sharp from 'sharp';
import type { Department, EditorItem, Hall, HallDetail, ItemList, QrResolution, ServiceItem } from '@zw/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setupE2e } from '../support/e2e';
import { shootPrint } from '../support/shoot';

/**
 * 明白纸 and window QR sheets as a person prints them: the built BFF on a fresh
 * seeded database, headless Chromium printing to PDF at A4. Checks the page
 * count, that all seven 七公开 parts are on the sheet, and that the printed QR
 * code decodes to the item's URL, which resolves back to the item.
 * Screenshots (print media) go to test/.output/screenshots.
 */
const SEVEN = ['项目', '办理依据', '办理程序', '办理条件', '收费标准', '责任单位', '监督电话'];

const { api, newPage, staffToken, url } = setupE2e();

async function open(path: string, headers: Record<string, string> = {}): Promise<{ page: Page; status: number }> {
  const page = await newPage({ locale: 'zh-CN', extraHTTPHeaders: headers });
  const res = await page.goto(url(path));
  await page.emulateMedia({ media: 'print' });
  return { page, status: res?.status() ?? 0 };
}

/** Pages in a PDF Chromium wrote: its page objects (`/Type /Page`, not `/Pages`). */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/** The QR code in an element, decoded from a screenshot (white quiet zone added around it). */
async function decodeQr(page: Page, selector: string): Promise<string | null> {
  const shot = await page.locator(selector).first().screenshot({ scale: 'device' });
  const { data, info } = await sharp(shot)
    .extend({ top: 24, bottom: 24, left: 24, right: 24, background: '#ffffff' })
    .flatten({ background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

describe('明白纸 (a printable guide per item)', () => {
  it('prints every part of the longest guide and two short ones on one or two A4 pages, with a QR code back to the guide', async () => {
    const list = (await api<ItemList>('/api/items?pageSize=50')).body.data;
    expect(list.length).toBeGreaterThanOrEqual(40);
    const details = await Promise.all(list.map(async (i) => (await api<ServiceItem>(`/api/items/${i.id}`)).body));
    const bySize = [...details].sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length);
    const picks = [bySize[0]!, bySize[Math.floor(bySize.length / 2)]!, bySize[bySize.length - 1]!];

    for (const [n, item] of picks.entries()) {
      const { page, status } = await open(`/print/items/${item.id}`);
      expect(status).toBe(200);
      const text = (await page.textContent('body')) ?? '';
      for (const label of SEVEN) expect(text, `${item.name}: ${label}`).toContain(label);
      expect(text).toContain(item.name);
      expect(text).toContain(item.supervisionPhone);
      expect(text).toContain(item.responsibleUnit);
      expect(text).toContain(item.fee.standard);
      for (const m of item.materials) expect(text).toContain(m.name);
      for (const s of item.procedure) expect(text).toContain(s.title);
      expect(text).not.toContain('草稿');

      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pages = pdfPageCount(pdf);
      expect(pages, `${item.name}: ${pages} pages`).toBeGreaterThanOrEqual(1);
      expect(pages, `${item.name}: ${pages} pages`).toBeLessThanOrEqual(2);

      const qrUrl = url(`/pages/qr/index?code=${item.qrCode}`);
      expect(await page.getAttribute('figure.qr', 'data-qr-url')).toBe(qrUrl);
      expect(await decodeQr(page, 'figure.qr svg')).toBe(qrUrl);
      // The URL's code opens this guide.
      const resolved = (await api<QrResolution>(`/api/qr/${item.qrCode}`)).body;
      expect(resolved).toMatchObject({ type: 'item', id: item.id, path: `/pages/guide/index?id=${item.id}` });

      if (n === 0) await shootPrint(page, 'print-item');
      await page.context().close();
    }
  });

  it('anonymous visitors get published guides only; an editor prints a draft, marked 草稿 on the page', async () => {
    const token = await staffToken('editor');
    const depts = (await api<{ data: Department[] }>('/api/departments')).body.data;
    const created = await api<EditorItem>('/api/editor/items', {
      method: 'POST',
      token,
      body: { code: '36112300MZ-XK-0801', name: '<b>草稿</b> & 测试事项', itemType: '行政许可', departmentId: depts[0]!.id },
    });
    expect(created.status).toBe(201);
    const anonymous = await open(`/print/items/${created.body.id}`);
    expect(anonymous.status).toBe(404);
    await anonymous.page.context().close();

    const { page, status } = await open(`/print/items/${created.body.id}`, { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
    expect(await page.locator('.draft-banner').textContent()).toContain('草稿');
    expect(await page.locator('.watermark').count()).toBe(1);
    // Escaped, not markup.
    expect(await page.locator('h1').textContent()).toBe('<b>草稿</b> & 测试事项');
    expect(await page.locator('h1 b').count()).toBe(0);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdfPageCount(pdf)).toBe(1);
    await page.context().close();
  });
});

describe("a hall's window codes", () => {
  it('prints a card per window whose QR code opens that window', async () => {
    const hall = (await api<{ data: Hall[] }>('/api/halls')).body.data[0]!;
    const detail = (await api<HallDetail>(`/api/halls/${hall.id}`)).body;
    const { page, status } = await open(`/print/halls/${hall.id}/windows`);
    expect(status).toBe(200);
    const cards = page.locator('section.card');
    expect(await cards.count()).toBe(detail.windows.length);
    const text = (await page.textContent('body')) ?? '';
    for (const w of detail.windows) {
      expect(text).toContain(w.number);
      expect(text).toContain(w.qrCode);
    }
    for (const w of detail.windows.slice(0, 3)) {
      const selector = `section.card[data-window-id="${w.id}"] svg`;
      expect(await decodeQr(page, selector)).toBe(url(`/pages/qr/index?code=${w.qrCode}`));
      expect((await api<QrResolution>(`/api/qr/${w.qrCode}`)).body).toMatchObject({ type: 'window', id: w.id });
    }
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    // Six cards a page.
    expect(pdfPageCount(pdf)).toBe(Math.ceil(detail.windows.length / 6));
    await shootPrint(page, 'print-hall-windows');
    await page.context().close();
  });
});

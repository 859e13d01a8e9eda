import { describe, expect, it } from 'vitest';
import { firstScreen, landing, type ApiGet } from './first-screen';

const base = 'http://127.0.0.1';
const hostile = '<img src=x onerror=alert(1)>"&\'';

/** A fake of the app's own public answers, recording which paths were asked. */
function api(answers: Record<string, unknown>) {
  const asked: string[] = [];
  const get: ApiGet = async (path) => {
    asked.push(path);
    return answers[path];
  };
  return { get, asked };
}

const window = {
  id: 7,
  number: 'A07',
  name: hostile,
  hall: { id: 1, name: '清溪县政务服务中心' },
  department: { id: 2, name: '县民政局' },
  items: [{ id: 11, name: '出生登记' }],
};

describe('firstScreen', () => {
  it('writes a window: its number and name, hall and department, and each item as a plain link', async () => {
    const { get } = api({ '/api/windows/7': { ...window, name: '民政服务窗口' } });
    const out = await firstScreen(new URL(`${base}/pages/window/index?id=7`), get);
    expect(out).toContain('<h1 class="zs-h">A07 民政服务窗口</h1>');
    expect(out).toContain('清溪县政务服务中心 · 县民政局');
    expect(out).toContain('<a href="/pages/guide/index?id=11">出生登记</a>');
  });

  it('escapes every text it writes, so content can never become markup', async () => {
    const { get } = api({ '/api/windows/7': window });
    const out = (await firstScreen(new URL(`${base}/pages/window/index?id=7`), get))!;
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&amp;&#39;');
  });

  it("writes a printed QR code (any case, stray spaces) as the page it opens, with that page's address", async () => {
    const { get, asked } = api({
      '/api/qr/m8krcx': { code: 'm8krcx', type: 'window', id: 7, title: '民政服务窗口', path: '' },
      '/api/windows/7': { ...window, name: '民政服务窗口' },
    });
    const out = await landing(new URL(`${base}/pages/qr/index?code=%20M8KRCX%20`), get);
    expect(out?.path).toBe('/pages/window/index?id=7');
    expect(out?.content).toContain('<h1 class="zs-h">A07 民政服务窗口</h1>');
    expect(asked).toEqual(['/api/qr/m8krcx', '/api/windows/7']);
    // An unknown or malformed code is left to the app's QR page, which says so and offers to type it.
    await expect(landing(new URL(`${base}/pages/qr/index?code=zzzzzz`), get)).resolves.toBeUndefined();
    await expect(landing(new URL(`${base}/pages/qr/index?code=../x`), get)).resolves.toBeUndefined();
    expect(asked).toEqual(['/api/qr/m8krcx', '/api/windows/7', '/api/qr/zzzzzz']);
  });

  it('writes a guide: its name, department and summary', async () => {
    const { get } = api({
      '/api/items/3': { id: 3, name: '社会保障卡申领', department: { id: 1, name: '县人社局' }, summary: '现场即时制卡。' },
    });
    await expect(landing(new URL(`${base}/pages/guide/index?id=3`), get)).resolves.toEqual({
      content: expect.stringContaining('<p class="zs-p">现场即时制卡。</p>'),
    });
  });

  it('writes nothing, and asks nothing, for a bad id or code, another page, or a record that is not there', async () => {
    const { get, asked } = api({});
    for (const path of [
      '/pages/window/index?id=abc',
      '/pages/window/index?id=0',
      '/pages/window/index?id=1%2F..%2F..%2Fstaff',
      '/pages/guide/index',
      '/packages/cases/mine/index?id=1',
      '/',
    ])
      await expect(firstScreen(new URL(base + path), get), path).resolves.toBeUndefined();
    expect(asked).toEqual([]);
    await expect(firstScreen(new URL(`${base}/pages/hall/index?id=9`), get)).resolves.toBeUndefined();
    await expect(firstScreen(new URL(`${base}/pages/qr/index?id=1`), get)).resolves.toBeUndefined();
  });
});

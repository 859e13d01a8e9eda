import { pagePaths, QrCode, type HallDetail, type QrResolution, type ServiceItem, type WindowDetail } from '@zw/shared';
import { html } from 'hono/html';

/**
 * The first screen's content for the pages a printed QR code opens (window, guide, hall, and the QR page that
 * leads to them), written into index.html's inline first screen by the server. On a weak network the app's
 * code is seconds away; with this a citizen reads the window's items, or the guide's name and what it is
 * about, as soon as the HTML arrives, and each item is a plain link that works before any script has run.
 * The app replaces it with the real page when it renders (services/shell.h5.ts).
 *
 * `get` fetches one public API answer (the app's own routes, in process): the same data, caching and rules
 * as the page itself will use. Anything unexpected (not found, a bad id) gives no content, never an error:
 * the app then shows its own page, 404 included.
 */
export type ApiGet = (path: string) => Promise<unknown>;

const ID = /^[1-9][0-9]{0,9}$/;

export async function firstScreen(url: URL, get: ApiGet): Promise<string | undefined> {
  const id = url.searchParams.get('id') ?? '';
  switch (url.pathname) {
    case pagePaths.window:
      return ID.test(id) ? windowScreen(await get(`/api/windows/${id}`)) : undefined;
    case pagePaths.item:
      return ID.test(id) ? guideScreen(await get(`/api/items/${id}`)) : undefined;
    case pagePaths.hall:
      return ID.test(id) ? hallScreen(await get(`/api/halls/${id}`)) : undefined;
    case pagePaths.qr: {
      const code = QrCode.safeParse((url.searchParams.get('code') ?? '').trim().toLowerCase());
      if (!code.success) return undefined;
      const target = (await get(`/api/qr/${code.data}`)) as QrResolution | undefined;
      if (!target) return undefined;
      if (target.type === 'window') return windowScreen(await get(`/api/windows/${target.id}`));
      if (target.type === 'item') return guideScreen(await get(`/api/items/${target.id}`));
      return hallScreen(await get(`/api/halls/${target.id}`));
    }
    default:
      return undefined;
  }
}

const itemLink = (i: { id: number; name: string }) => html`<li><a href="${pagePaths.item}?id=${i.id}">${i.name}</a></li>`;

async function windowScreen(data: unknown) {
  const w = data as WindowDetail | undefined;
  if (!w?.hall) return undefined;
  return String(
    await html`<div class="zs-card zs-card--text">
        <h1 class="zs-h">${w.number} ${w.name}</h1>
        <p class="zs-sub">${w.hall.name}${w.department ? ` · ${w.department.name}` : ''}</p>
      </div>
      ${
        w.items.length
          ? html`<div class="zs-card zs-card--text">
              <h2 class="zs-h2">本窗口可办事项</h2>
              <ul class="zs-list">
                ${w.items.map(itemLink)}
              </ul>
            </div>`
          : ''
      }`,
  );
}

async function guideScreen(data: unknown) {
  const item = data as ServiceItem | undefined;
  if (!item?.department) return undefined;
  return String(
    await html`<div class="zs-card zs-card--text">
      <h1 class="zs-h">${item.name}</h1>
      <p class="zs-sub">${item.department.name}</p>
      ${item.summary ? html`<p class="zs-p">${item.summary}</p>` : ''}
    </div>`,
  );
}

async function hallScreen(data: unknown) {
  const hall = data as HallDetail | undefined;
  if (!hall?.windows) return undefined;
  return String(
    await html`<div class="zs-card zs-card--text">
        <h1 class="zs-h">${hall.name}</h1>
        ${hall.address ? html`<p class="zs-sub">${hall.address}</p>` : ''}
      </div>
      <div class="zs-card zs-card--text">
        <h2 class="zs-h2">窗口</h2>
        <ul class="zs-list">
          ${hall.windows.map((w) => html`<li><a href="${pagePaths.window}?id=${w.id}">${w.number} ${w.name}</a></li>`)}
        </ul>
      </div>`,
  );
}

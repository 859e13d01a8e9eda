import { pagePaths, QrCode, qrTargetPath, type HallDetail, type QrResolution, type ServiceItem, type WindowDetail } from '@zw/shared';
import { html } from 'hono/html';

/**
 * The first screen's content for the pages a printed QR code opens (window, guide, hall), written into
 * index.html's inline first screen by the server, also under a printed code's own address (see Landing). On a
 * weak network the app's code is seconds away; with this a citizen reads the window's items,
 * or the guide's name and what it is about, as soon as the HTML arrives, and each item is a plain link
 * that works before any script has run.
 * The app replaces it with the real page when it renders (services/shell.h5.ts).
 *
 * `get` fetches one public API answer (the app's own routes, in process): the same data, caching and rules
 * as the page itself will use. Anything unexpected (not found, a bad id) gives no content, never an error:
 * the app then shows its own page, 404 included.
 */
export type ApiGet = (path: string) => Promise<unknown>;

const ID = /^[1-9][0-9]{0,9}$/;

/**
 * What the server writes for a landing page: the record's first screen, and for a printed code's page the
 * address of the page it opens. index.html's first inline script puts that address in the location bar
 * before the app starts, so the app opens the window itself: on a weak network the QR page's code, its API
 * call and a second page are saved, and no redirect costs a round trip. An unknown code gets the app's QR
 * page, which says so and offers to type the code.
 */
export type Landing = { content: string; path?: string };

export async function landing(url: URL, get: ApiGet): Promise<Landing | undefined> {
  if (url.pathname !== pagePaths.qr) {
    const content = await firstScreen(url, get);
    return content ? { content } : undefined;
  }
  const code = QrCode.safeParse((url.searchParams.get('code') ?? '').trim().toLowerCase());
  if (!code.success) return undefined;
  const target = (await get(`/api/qr/${code.data}`)) as QrResolution | undefined;
  if (!target) return undefined;
  const path = qrTargetPath(target.type, target.id);
  const content = await firstScreen(new URL(path, url), get);
  return content ? { content, path } : undefined;
}

export async function firstScreen(url: URL, get: ApiGet): Promise<string | undefined> {
  const id = url.searchParams.get('id') ?? '';
  if (!ID.test(id)) return undefined;
  switch (url.pathname) {
    case pagePaths.window:
      return windowScreen(await get(`/api/windows/${id}`));
    case pagePaths.item:
      return guideScreen(await get(`/api/items/${id}`));
    case pagePaths.hall:
      return hallScreen(await get(`/api/halls/${id}`));
    default:
      return undefined;
  }
}

/** A card of plain links under a heading: a window's items, a hall's windows. */
const linkCard = (title: string, links: { href: string; text: string }[]) =>
  html`<div class="zs-card zs-card--text">
    <h2 class="zs-h2">${title}</h2>
    <ul class="zs-list">
      ${links.map((l) => html`<li><a href="${l.href}">${l.text}</a></li>`)}
    </ul>
  </div>`;

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
          ? linkCard(
              '可办理事项',
              w.items.map((i) => ({ href: `${pagePaths.item}?id=${i.id}`, text: i.name })),
            )
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
      ${linkCard(
        '窗口',
        hall.windows.map((w) => ({ href: `${pagePaths.window}?id=${w.id}`, text: `${w.number} ${w.name}` })),
      )}`,
  );
}

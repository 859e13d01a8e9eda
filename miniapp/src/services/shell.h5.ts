import { Workbox } from 'workbox-window';
import { startControls } from './controls.h5';

/**
 * The browser build's shell, started once by app.ts (WeChat provides all of this
 * itself; shell.ts is its no-op twin):
 * - Taro's title bar (back, or home when the page was opened from a link) made
 *   usable: real buttons with names, reachable by keyboard, tap targets the
 *   elder-friendly rule asks for (styles in app.css);
 * - Taro's buttons and the app's tappable views work like native controls for a
 *   keyboard and a screen reader (services/controls.h5.ts);
 * - a page whose code fails to load even after webpack's retries
 *   (webpack-retry-chunk-load-plugin, config/index.ts) says so and offers a retry,
 *   instead of a tap that does nothing;
 * - the service worker (Workbox), which keeps the app and the public pages a
 *   citizen has opened for when there is no signal.
 */
export function startShell(): void {
  startControls();
  labelTitleBar();
  offerRetryOnChunkFailure();
  registerServiceWorker();
}

/** 长辈模式 on the whole document, for what sits outside the pages (the title bar: styles in index.html). */
export function markElderly(on: boolean): void {
  document.documentElement.classList.toggle('zw-elderly', on);
}

/** The first screen drawn by index.html alone; taken away once a page has rendered (components/Page.tsx). */
export function hideSkeleton(): void {
  document.getElementById('zw-skeleton')?.remove();
}

function labelTitleBar() {
  const bar = document.getElementById('taro-navigation-bar');
  if (!bar) return;
  bar.setAttribute('role', 'navigation');
  bar.setAttribute('aria-label', '页面导航');
  for (const [cls, label] of [
    ['taro-navigation-bar-back', '返回上一页'],
    ['taro-navigation-bar-home', '返回首页'],
  ] as const) {
    const button = bar.getElementsByClassName(cls)[0] as HTMLElement | undefined;
    if (!button) continue;
    // The role is enough: its tab stop and Enter/Space come from controls.h5.ts, as for every control.
    button.setAttribute('role', 'button');
    button.setAttribute('aria-label', label);
  }
  // The title is the page's heading for screen readers (the page's own heading follows it).
  const title = bar.getElementsByClassName('taro-navigation-bar-title')[0];
  title?.setAttribute('role', 'heading');
  title?.setAttribute('aria-level', '1');
}

/** webpack's ChunkLoadError, and mini-css-extract-plugin's failure to load a page's CSS. */
export function isChunkFailure(reason: unknown): boolean {
  if (!reason || typeof reason !== 'object') return false;
  const { name, message } = reason as { name?: unknown; message?: unknown };
  return name === 'ChunkLoadError' || (typeof message === 'string' && /Loading (CSS )?chunk .* failed/.test(message));
}

export const RETRY_TEXT = '网络不稳定，点此重试';

function offerRetryOnChunkFailure() {
  window.addEventListener('unhandledrejection', (event) => {
    if (!isChunkFailure(event.reason)) return;
    event.preventDefault();
    showRetry();
  });
}

/**
 * A fixed notice over the page. The router has already moved to the new address, so
 * reloading opens the page that failed; the app's code is in the HTTP cache and the
 * service worker, so only the missing file travels again. What was typed into the
 * message form is kept as a draft (packages/cases/new), so it survives the reload.
 */
function showRetry() {
  if (document.getElementById('zw-retry')) return;
  const box = document.createElement('div');
  box.id = 'zw-retry';
  box.className = 'zw-retry';
  box.setAttribute('role', 'alert');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'zw-retry__button';
  button.textContent = RETRY_TEXT;
  button.addEventListener('click', () => window.location.reload());
  box.appendChild(button);
  document.body.appendChild(box);
}

function registerServiceWorker() {
  // Production builds only: in development the files change on every save.
  if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
  const wb = new Workbox('/sw.js');
  // Registered after the page has loaded, so the worker's downloads never compete with the first screen.
  const register = () => void wb.register().catch((err: unknown) => console.warn('service worker not registered', err));
  // Installed just now (a first visit): hand the worker what this visit already fetched, so the guide or
  // window the citizen opened before it was there opens again with no signal.
  wb.addEventListener('activated', (event) => {
    if (event.isUpdate) return;
    const urlsToCache = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((u) => u.startsWith(window.location.origin));
    void wb.messageSW({ type: 'CACHE_URLS', payload: { urlsToCache } }).catch(() => undefined);
  });
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

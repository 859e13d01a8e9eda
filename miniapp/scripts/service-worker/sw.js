// The H5 build's service worker (Workbox). Bundled by ./build.mjs after `taro build --type h5`;
// `self.__WB_MANIFEST` is replaced there by the app shell's files (index.html and the code it loads first).
//
// What it keeps, and why:
// - the app shell, precached, so the app opens with no signal at all;
// - every page's code and style as it is first loaded (hashed names: cache first, they never change);
// - the public answers a citizen has read — guides, windows, halls, departments, policies, interpretations,
//   QR codes — network first (fresh when the network answers within 4 s), else the copy kept, marked with
//   `x-zw-offline-at` so the page says 离线内容，更新于 … (src/services/offline.ts).
// Never anything personal: messages, sign-in, staff and editor answers are not routed here, so the
// browser fetches them as usual and they are never stored.
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { getOrCreateDefaultRouter } from 'workbox-routing/utils/getOrCreateDefaultRouter.js';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim } from 'workbox-core';

self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// Every page of the app is index.html (the router reads the path); the API, Open311 and the docs are not pages.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/open311\//, /^\/sw\.js$/] }));

registerRoute(
  // By path as well as by destination: the first visit's files arrive as plain requests (see the end).
  ({ url, request }) =>
    url.origin === self.location.origin &&
    (request.destination === 'script' || request.destination === 'style' || /^\/(js|css)\/[^/]+\.(js|css)$/.test(url.pathname)),
  new CacheFirst({
    cacheName: 'zw-code',
    plugins: [new CacheableResponsePlugin({ statuses: [200] }), new ExpirationPlugin({ maxEntries: 120, purgeOnQuotaError: true })],
  }),
);

/** Public reads only: a list, or one record by id. */
const PUBLIC_READ = /^\/api\/(items|departments|policies|interpretations|halls|windows|qr)(\/[^/]+)?$/;

/** Marks an answer taken from the cache with the time it was fetched. */
const markOffline = {
  async cachedResponseWillBeUsed({ cachedResponse }) {
    if (!cachedResponse) return null;
    const headers = new Headers(cachedResponse.headers);
    const date = Date.parse(cachedResponse.headers.get('date') ?? '');
    headers.set('x-zw-offline-at', new Date(Number.isNaN(date) ? Date.now() : date).toISOString());
    return new Response(await cachedResponse.blob(), { status: cachedResponse.status, statusText: cachedResponse.statusText, headers });
  },
};

registerRoute(
  ({ url, request }) => url.origin === self.location.origin && request.method === 'GET' && PUBLIC_READ.test(url.pathname),
  new NetworkFirst({
    cacheName: 'zw-public',
    networkTimeoutSeconds: 4,
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true }),
      markOffline,
    ],
  }),
);

// The first visit is over before the worker takes the page (it registers after `load`): what that visit read
// would be missing offline, the guide the citizen scanned included. The page sends the URLs it fetched
// ({ type: 'CACHE_URLS' }, src/services/shell.h5.ts); each passes through the routes above, so only what they
// keep is kept — a message or sign-in URL matches no route and is not fetched again.
getOrCreateDefaultRouter().addCacheListener();

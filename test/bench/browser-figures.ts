// Browser figures for BENCHMARKS.md (issue 13): Lighthouse 12 mobile performance, slow 3G with an empty cache,
// a guide offline behind a warm service worker, and the compressed bytes of the QR landing path.
// Everything runs against a built server on 127.0.0.1; every Chromium and server started here is stopped in `finally`.
//
// Alone: `pnpm bench:browser` (STATIC_DIR=<folder> measures another H5 build; BROWSER_FIGURES_JSON=<file> writes elsewhere).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromiumPath, launchChromium, phone } from '../support/browser';
import { root, startBuiltServer } from '../support/server';

export const targets = {
  score: 90,
  clsBelow: 0.05,
  tbtBelowMs: 200,
  slow3gFcpBelowMs: 3000,
  slow3gUsableBelowMs: 6000,
  offlineTitleBelowMs: 1000,
  qrTransferAtMostBytes: 150 * 1024,
} as const;

/** The issue's slow 3G: 2 s round trip, 50,000 B/s each way. */
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

export type LighthouseSample = { score: number; lcpMs: number; tbtMs: number; cls: number; fcpMs: number; speedIndexMs: number };
export type LighthousePage = {
  name: string;
  path: string;
  runs: LighthouseSample[];
  /** Each metric's median over the runs (and the score's). */
  median: LighthouseSample;
  /** From the run whose score is the median: what Lighthouse blames. */
  diagnostics: {
    lcpElement?: string;
    layoutShifts: { element: string; score: number }[];
    scriptsBootup: { url: string; totalMs: number; scriptingMs: number }[];
    mainThread: { group: string; ms: number }[];
    renderBlocking: { url: string; wastedMs: number }[];
    unusedJs: { url: string; totalBytes: number; wastedBytes: number }[];
  };
};
export type Slow3g = {
  /** bytes: everything fetched until the figure was reached (Chromium's own Accept-Encoding). */
  qr: { fcpMs?: number; usableMs?: number; bytes?: number; waterfall?: Waterfall; error?: string };
  guide: { fcpMs?: number; titleMs?: number; bytes?: number; waterfall?: Waterfall; error?: string };
};
export type Offline =
  | { status: 'no service worker'; detail: string }
  | { status: 'measured'; titleMs?: number; offlineText: boolean; servedOffline: boolean; detail: string };
export type TransferFile = { url: string; type: string; encoding: string; bytes: number };
export type Transfer = {
  /** HTML + JS + CSS, bytes on the wire (headers included, as CDP counts them). */
  totalBytes: number;
  files: TransferFile[];
  /** Everything else the path fetched (API answers, images, fonts), for the record. */
  other: TransferFile[];
};
export type BrowserFigures = {
  at: string;
  command: string;
  machine: { cpu: string; cores: number; node: string; chromium: string };
  staticDir: string;
  pages: { home: string; guide: string; qr: string; guideTitle: string; windowItem: string };
  lighthouse: LighthousePage[];
  slow3g: Slow3g;
  offline: Offline;
  transfer: Transfer;
  durationMs: number;
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const chromeFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The pages measured, from the seed: the first guide, and the QR code of a window of hall 1 that lists items. */
async function choosePages(url: string): Promise<BrowserFigures['pages']> {
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${url}${path}`);
    if (!res.ok) throw new Error(`${path} → ${res.status}`);
    return (await res.json()) as T;
  };
  const items = await get<{ data: { id: number; name: string }[] }>('/api/items?pageSize=1');
  const item = items.data[0];
  if (!item) throw new Error('the database has no guide');
  const hall = await get<{ windows: { id: number; qrCode: string; department: unknown }[] }>('/api/halls/1');
  for (const w of [...hall.windows.filter((x) => x.department), ...hall.windows.filter((x) => !x.department)]) {
    const detail = await get<{ items: { name: string }[] }>(`/api/windows/${w.id}`);
    if (detail.items[0])
      return {
        home: '/',
        guide: `/pages/guide/index?id=${item.id}`,
        qr: `/pages/qr/index?code=${w.qrCode}`,
        guideTitle: item.name,
        windowItem: detail.items[0].name,
      };
  }
  throw new Error('no window of hall 1 lists items');
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Lighthouse 12, default (mobile) config, simulated throttling.

type Lhr = {
  categories: { performance: { score: number | null } };
  audits: Record<string, { numericValue?: number; details?: { items?: Record<string, unknown>[] } }>;
};

function sample(lhr: Lhr): LighthouseSample {
  const n = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  return {
    score: Math.round((lhr.categories.performance.score ?? 0) * 100),
    lcpMs: n('largest-contentful-paint'),
    tbtMs: n('total-blocking-time'),
    cls: n('cumulative-layout-shift'),
    fcpMs: n('first-contentful-paint'),
    speedIndexMs: n('speed-index'),
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const nodeLabel = (v: unknown) => {
  const node = v as { selector?: string; snippet?: string; nodeLabel?: string } | undefined;
  return node ? `${node.selector ?? ''} ${node.nodeLabel ? `(${node.nodeLabel.slice(0, 40)})` : ''}`.trim() : '';
};

function diagnostics(lhr: Lhr): LighthousePage['diagnostics'] {
  const items = (id: string) => lhr.audits[id]?.details?.items ?? [];
  const lcpItems = items('largest-contentful-paint-element');
  // LH 12: the first table lists the element (details.items[0].items[0].node).
  const lcpFirst = (lcpItems[0] as { items?: { node?: unknown }[] } | undefined)?.items?.[0]?.node ?? lcpItems[0]?.node;
  return {
    lcpElement: nodeLabel(lcpFirst) || undefined,
    layoutShifts: items('layout-shifts')
      .map((i) => ({ element: nodeLabel(i.node), score: num(i.score) }))
      .slice(0, 5),
    scriptsBootup: items('bootup-time')
      .map((i) => ({ url: str(i.url), totalMs: Math.round(num(i.total)), scriptingMs: Math.round(num(i.scripting)) }))
      .slice(0, 6),
    mainThread: items('mainthread-work-breakdown')
      .map((i) => ({ group: str(i.groupLabel) || str(i.group), ms: Math.round(num(i.duration)) }))
      .slice(0, 6),
    renderBlocking: items('render-blocking-resources').map((i) => ({ url: str(i.url), wastedMs: Math.round(num(i.wastedMs)) })),
    unusedJs: items('unused-javascript')
      .map((i) => ({ url: str(i.url), totalBytes: num(i.totalBytes), wastedBytes: num(i.wastedBytes) }))
      .slice(0, 8),
  };
}

async function measureLighthouse(url: string, pages: BrowserFigures['pages']): Promise<LighthousePage[]> {
  const list = [
    { name: 'home', path: pages.home },
    { name: 'guide', path: pages.guide },
    { name: 'QR → window', path: pages.qr },
  ];
  const runs = new Map<string, Lhr[]>(list.map((p) => [p.name, []]));
  const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags, logLevel: 'error' });
  try {
    // Round robin, so a slow moment of the machine does not fall on one page's runs only.
    for (let r = 0; r < RUNS; r++) {
      for (const p of list) {
        const result = await lighthouse(`${url}${p.path}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance'],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${p.path}`);
        const lhr = result.lhr as unknown as Lhr & { runtimeError?: { message: string } };
        if (lhr.runtimeError) throw new Error(`Lighthouse on ${p.path}: ${lhr.runtimeError.message}`);
        runs.get(p.name)!.push(lhr);
      }
    }
  } finally {
    chrome.kill();
  }
  return list.map((p) => {
    const lhrs = runs.get(p.name)!;
    const samples = lhrs.map(sample);
    const med: LighthouseSample = {
      score: median(samples.map((s) => s.score)),
      lcpMs: median(samples.map((s) => s.lcpMs)),
      tbtMs: median(samples.map((s) => s.tbtMs)),
      cls: median(samples.map((s) => s.cls)),
      fcpMs: median(samples.map((s) => s.fcpMs)),
      speedIndexMs: median(samples.map((s) => s.speedIndexMs)),
    };
    const medianRun = lhrs[samples.map((s, i) => [s.score, i] as const).sort((a, b) => a[0] - b[0])[Math.floor(samples.length / 2)]![1]]!;
    return { name: p.name, path: p.path, runs: samples, median: med, diagnostics: diagnostics(medianRun) };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Playwright helpers.

/**
 * Milliseconds from navigation start until an element whose whole text is `text` is rendered and visible (Taro keeps
 * pages it left in the DOM, hidden: those do not count). Measured in the page, so the time is the document's own.
 */
async function whenTextVisible(page: Page, text: string, timeout: number): Promise<number> {
  const handle = await page.waitForFunction(
    (t) => {
      if (!document.body) return 0;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (n.nodeValue?.trim() !== t || !el) continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
          return performance.now();
      }
      return 0;
    },
    text,
    { polling: 'raf', timeout },
  );
  return Math.round((await handle.jsonValue()) as number);
}

async function fcpOf(page: Page): Promise<number | undefined> {
  const handle = await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0, undefined, {
    polling: 100,
    timeout: 60_000,
  });
  const v = (await handle.jsonValue()) as number;
  return v ? Math.round(v) : undefined;
}

type Waterfall = { url: string; startMs: number; endMs: number; bytes: number }[];

async function throttled(
  context: BrowserContext,
  origin: string,
): Promise<{ page: Page; bytes: () => number; waterfall: () => Waterfall }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const started = new Map<string, { url: string; at: number }>();
  const finished: { id: string; at: number; bytes: number }[] = [];
  cdp.on('Network.requestWillBeSent', (e) => started.set(e.requestId, { url: e.request.url.replace(origin, ''), at: e.timestamp }));
  cdp.on('Network.loadingFinished', (e) => finished.push({ id: e.requestId, at: e.timestamp, bytes: e.encodedDataLength }));
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  return {
    page,
    bytes: () => finished.reduce((a, f) => a + f.bytes, 0),
    waterfall: () => {
      const t0 = Math.min(...[...started.values()].map((r) => r.at));
      return finished
        .filter((f) => started.has(f.id))
        .map((f) => {
          const r = started.get(f.id)!;
          return { url: r.url, startMs: Math.round((r.at - t0) * 1000), endMs: Math.round((f.at - t0) * 1000), bytes: f.bytes };
        })
        .sort((a, b) => a.startMs - b.startMs);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Slow 3G, empty cache.

async function measureSlow3g(browser: Browser, url: string, pages: BrowserFigures['pages']): Promise<Slow3g> {
  const out: Slow3g = { qr: {}, guide: {} };
  {
    const context = await browser.newContext({ ...phone, serviceWorkers: 'block' });
    try {
      const { page, bytes, waterfall } = await throttled(context, url);
      await page.goto(`${url}${pages.qr}`, { waitUntil: 'commit', timeout: 60_000 });
      out.qr.usableMs = await whenTextVisible(page, pages.windowItem, 120_000);
      out.qr.bytes = bytes();
      out.qr.waterfall = waterfall();
      out.qr.fcpMs = await fcpOf(page);
    } catch (err) {
      out.qr.error = (err as Error).message.split('\n')[0];
    } finally {
      await context.close();
    }
  }
  {
    const context = await browser.newContext({ ...phone, serviceWorkers: 'block' });
    try {
      const { page, bytes, waterfall } = await throttled(context, url);
      await page.goto(`${url}${pages.guide}`, { waitUntil: 'commit', timeout: 60_000 });
      out.guide.titleMs = await whenTextVisible(page, pages.guideTitle, 120_000);
      out.guide.bytes = bytes();
      out.guide.waterfall = waterfall();
      out.guide.fcpMs = await fcpOf(page);
    } catch (err) {
      out.guide.error = (err as Error).message.split('\n')[0];
    } finally {
      await context.close();
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// 3. A guide offline behind a warm service worker.

/**
 * A loopback relay in front of the server that can go dark: `context.setOffline` does not reach a service worker's
 * own fetches in every Chromium, so "offline" here also means the origin refuses every connection.
 */
async function startRelay(target: string): Promise<{ url: string; setOffline: (v: boolean) => void; close: () => Promise<void> }> {
  const t = new URL(target);
  let offline = false;
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (offline) {
      req.socket.destroy();
      return;
    }
    const up = request(
      { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: { ...req.headers, host: t.host } },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('connection', (s) => {
    if (offline) s.destroy();
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setOffline: (v) => {
      offline = v;
      if (v) for (const s of sockets) s.destroy();
    },
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

async function measureOffline(browser: Browser, url: string, pages: BrowserFigures['pages']): Promise<Offline> {
  const relay = await startRelay(url);
  const context = await browser.newContext({ ...phone, serviceWorkers: 'allow' });
  try {
    const page = await context.newPage();
    const guide = `${relay.url}${pages.guide}`;
    await page.goto(guide, { waitUntil: 'load', timeout: 60_000 });
    await whenTextVisible(page, pages.guideTitle, 30_000);
    // Give the app time to register its worker after the first screen (registration usually waits for `load`).
    await page.waitForTimeout(3000);
    const registered = await page.evaluate(async () =>
      'serviceWorker' in navigator ? Boolean(await navigator.serviceWorker.getRegistration()) : false,
    );
    if (!registered) return { status: 'no service worker', detail: 'no registration 3 s after the guide showed its title' };
    const ready = await page.evaluate(
      () =>
        Promise.race([
          navigator.serviceWorker.ready.then(() => true),
          new Promise<boolean>((r) => setTimeout(() => r(false), 30_000)),
        ]) as Promise<boolean>,
    );
    if (!ready) return { status: 'no service worker', detail: 'registered, but never became active within 30 s' };
    let controlled = await page.evaluate(() => Boolean(navigator.serviceWorker.controller));
    let detail = 'controlled on the first visit (clients.claim)';
    if (!controlled) {
      // Without clients.claim() the worker takes the page from the next navigation on: a citizen's second visit.
      await page.reload({ waitUntil: 'load' });
      await whenTextVisible(page, pages.guideTitle, 30_000);
      controlled = await page.evaluate(() => Boolean(navigator.serviceWorker.controller));
      detail = 'controlled from the second visit';
    }
    if (!controlled) return { status: 'no service worker', detail: 'active, but does not control the guide page after a reload' };
    // Let the worker finish caching what the guide fetched (runtime caching writes after answering).
    await page.waitForTimeout(1500);
    relay.setOffline(true);
    await context.setOffline(true);
    try {
      await page.goto(guide, { waitUntil: 'commit', timeout: 15_000 });
    } catch (err) {
      return {
        status: 'measured',
        servedOffline: false,
        offlineText: false,
        detail: `${detail}; offline: ${(err as Error).message.split('\n')[0]}`,
      };
    }
    let titleMs: number | undefined;
    try {
      titleMs = await whenTextVisible(page, pages.guideTitle, 15_000);
    } catch {
      /* the shell came, the guide did not */
    }
    const offlineText = await page
      .waitForFunction(() => document.body?.innerText.includes('离线内容'), undefined, { timeout: 3000 })
      .then(() => true)
      .catch(() => false);
    return { status: 'measured', servedOffline: true, titleMs, offlineText, detail };
  } finally {
    await context.close();
    await relay.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Compressed transfer of the QR landing path (fresh context, no throttling, Accept-Encoding: br, gzip).

async function measureTransfer(browser: Browser, url: string, pages: BrowserFigures['pages']): Promise<Transfer> {
  const context = await browser.newContext({ ...phone, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'br, gzip' } });
    const seen = new Map<string, TransferFile>();
    cdp.on('Network.responseReceived', (e) => {
      const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      seen.set(e.requestId, { url: e.response.url, type: e.type, encoding: h['content-encoding'] ?? 'identity', bytes: 0 });
    });
    const done = new Map<string, number>();
    cdp.on('Network.loadingFinished', (e) => done.set(e.requestId, e.encodedDataLength));
    await page.goto(`${url}${pages.qr}`, { waitUntil: 'load', timeout: 60_000 });
    await whenTextVisible(page, pages.windowItem, 60_000);
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.waitForTimeout(500);
    const all = [...seen.entries()].filter(([id]) => done.has(id)).map(([id, f]) => ({ ...f, bytes: done.get(id)! }));
    const short = (u: string) => u.replace(url, '');
    const isAsset = (f: TransferFile) => f.type === 'Document' || f.type === 'Script' || f.type === 'Stylesheet';
    const files = all.filter(isAsset).map((f) => ({ ...f, url: short(f.url) }));
    return {
      totalBytes: files.reduce((a, f) => a + f.bytes, 0),
      files,
      other: all.filter((f) => !isAsset(f)).map((f) => ({ ...f, url: short(f.url) })),
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** Measures every figure against a running built server (`url`, as startBuiltServer gives it). */
export async function measureBrowserFigures(url: string, staticDir = process.env.STATIC_DIR ?? 'miniapp/dist/h5'): Promise<BrowserFigures> {
  const t0 = Date.now();
  const pages = await choosePages(url);
  const lh = await measureLighthouse(url, pages);
  const browser = await launchChromium();
  try {
    const slow3g = await measureSlow3g(browser, url, pages);
    const offline = await measureOffline(browser, url, pages);
    const transfer = await measureTransfer(browser, url, pages);
    return {
      at: new Date().toISOString(),
      command: 'pnpm bench:browser (also part of pnpm bench)',
      machine: { cpu: cpus()[0]?.model ?? 'cpu', cores: cpus().length, node: process.version, chromium: browser.version() },
      staticDir,
      pages,
      lighthouse: lh,
      slow3g,
      offline,
      transfer,
      durationMs: Date.now() - t0,
    };
  } finally {
    await browser.close();
  }
}

const mark = (ok: boolean | undefined) => (ok === undefined ? '—' : ok ? '✅' : '❌');
const s = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(2)} s`);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The figures as a BENCHMARKS.md section. */
export function browserFiguresSection(f: BrowserFigures): string[] {
  const lhRows = f.lighthouse.map((p) => {
    const m = p.median;
    const ok = m.score >= targets.score && m.cls < targets.clsBelow && m.tbtMs < targets.tbtBelowMs;
    return `| ${p.name} \`${p.path}\` | ${m.score} (${p.runs.map((r) => r.score).join(', ')}) | ${s(m.lcpMs)} | ${Math.round(m.tbtMs)} ms | ${m.cls.toFixed(3)} | ${s(m.fcpMs)} | ${s(m.speedIndexMs)} | ${mark(ok)} |`;
  });
  const q = f.slow3g.qr;
  const g = f.slow3g.guide;
  const off = f.offline;
  const offRow =
    off.status === 'no service worker'
      ? `| guide offline, warm service worker: title visible | < 1 s | no service worker (${off.detail}) | ❌ |`
      : `| guide offline, warm service worker: title visible | < 1 s | ${off.servedOffline ? s(off.titleMs) : 'not served offline'} (${off.detail}) | ${mark(off.titleMs !== undefined && off.titleMs < targets.offlineTitleBelowMs)} |`;
  const offTextRow =
    off.status === 'measured'
      ? `| guide offline: shows “离线内容” | yes | ${off.offlineText ? 'yes' : 'no'} | ${mark(off.offlineText)} |`
      : '| guide offline: shows “离线内容” | yes | — | ❌ |';
  const t = f.transfer;
  return [
    '### Browser figures',
    '',
    `Measured by \`${f.command}\` on ${f.at}: ${f.machine.cores} × ${f.machine.cpu}, Node ${f.machine.node}, Chromium ${f.machine.chromium}; H5 build \`${f.staticDir}\`. Took ${(f.durationMs / 1000).toFixed(0)} s.`,
    `Lighthouse 12, default mobile config (simulated throttling), performance only, ${f.lighthouse[0]?.runs.length ?? 0} runs a page round robin: each metric is the median of the runs (the runs' scores in brackets).`,
    `Targets: score ≥ ${targets.score}, CLS < ${targets.clsBelow}, TBT < ${targets.tbtBelowMs} ms. Guide: \`${f.pages.guide}\`; QR → window: \`${f.pages.qr}\` (the server writes the window page under the code’s address, first screen included, and the app opens the window directly).`,
    '',
    '| page | score | LCP | TBT | CLS | FCP | Speed Index | target |',
    '|---|---|---|---|---|---|---|---|',
    ...lhRows,
    '',
    'Slow 3G (CDP `Network.emulateNetworkConditions`: 2000 ms latency, 50,000 B/s each way), empty cache, a phone-sized page; times from navigation start.',
    '',
    '| figure | target | measured | |',
    '|---|---|---|---|',
    `| QR → window, first contentful paint | < 3 s | ${q.error ? `failed: ${q.error}` : s(q.fcpMs)} | ${mark(q.fcpMs === undefined ? false : q.fcpMs < targets.slow3gFcpBelowMs)} |`,
    `| QR → window, usable (its first item “${f.pages.windowItem}” visible) | < 6 s | ${q.error ? '—' : `${s(q.usableMs)} (${kb(q.bytes ?? 0)} fetched by then)`} | ${mark(q.usableMs === undefined ? false : q.usableMs < targets.slow3gUsableBelowMs)} |`,
    `| guide, first contentful paint | — | ${g.error ? `failed: ${g.error}` : s(g.fcpMs)} | |`,
    `| guide, title visible | — | ${g.error ? '—' : `${s(g.titleMs)} (${kb(g.bytes ?? 0)} fetched by then)`} | |`,
    offRow,
    offTextRow,
    `| QR → window: HTML + JS + CSS transferred (Accept-Encoding: br, gzip) | ≤ 150 KB | ${kb(t.totalBytes)} in ${t.files.length} files | ${mark(t.totalBytes <= targets.qrTransferAtMostBytes)} |`,
    '',
    'Files of the QR → window path (bytes on the wire, headers included):',
    '',
    '| file | type | encoding | transferred |',
    '|---|---|---|---|',
    ...[...t.files].sort((a, b) => b.bytes - a.bytes).map((x) => `| \`${x.url}\` | ${x.type} | ${x.encoding} | ${kb(x.bytes)} |`),
    '',
  ];
}

async function main() {
  const staticDir = process.env.STATIC_DIR ? resolve(process.env.STATIC_DIR) : join(root, 'miniapp', 'dist', 'h5');
  const server = await startBuiltServer({ LOG_LEVEL: 'warn', STATIC_DIR: staticDir });
  try {
    const figures = await measureBrowserFigures(server.url, staticDir.replace(`${root}/`, ''));
    const out = process.env.BROWSER_FIGURES_JSON
      ? resolve(process.env.BROWSER_FIGURES_JSON)
      : join(root, 'test', '.output', 'browser-figures.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
    process.stdout.write(`${browserFiguresSection(figures).join('\n')}\n`);
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { useEffect, useLayoutEffect, useRef } from 'react';

/**
 * An in-memory stand-in for '@tarojs/taro' (Taro cannot run under Node). It
 * behaves like the real thing where the app depends on it, so the app code on
 * top of it is tested for real:
 *
 * - storage: values are copied in and out (WeChat serialises them), a missing key reads as '';
 * - eventCenter: on / once / off / trigger, listeners called synchronously in order;
 * - request / uploadFile: real HTTP with fetch; any status resolves (as in WeChat),
 *   only a lost network rejects; `dataType: 'json'` parses when the body is JSON;
 * - navigation, toasts, modals…: recorded in `calls`, so tests can assert on them.
 *
 * Reset before every test by ./taro.ts.
 */

type Listener = (...args: any[]) => void;

export type RecordedCall = { api: string; arg: unknown };
export type RecordedRequest = { url: string; method: string; header: Record<string, string>; data: unknown };

function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

class EventCenter {
  private listeners = new Map<string, Listener[]>();
  on(name: string, fn: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
    return this;
  }
  once(name: string, fn: Listener) {
    const wrapper: Listener = (...args) => {
      this.off(name, wrapper);
      fn(...args);
    };
    return this.on(name, wrapper);
  }
  off(name?: string, fn?: Listener) {
    if (name === undefined) this.listeners.clear();
    else if (fn === undefined) this.listeners.delete(name);
    else
      this.listeners.set(
        name,
        (this.listeners.get(name) ?? []).filter((l) => l !== fn),
      );
    return this;
  }
  trigger(name: string, ...args: unknown[]) {
    // A copy: a listener that unsubscribes (or a component that unmounts) mid-trigger must not skip others.
    for (const fn of [...(this.listeners.get(name) ?? [])]) fn(...args);
    return this;
  }
  /** Test helper: how many listeners an event has (to prove components unsubscribe). */
  count(name: string) {
    return this.listeners.get(name)?.length ?? 0;
  }
}

function queryString(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  return Object.entries(data as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

function headersOf(res: Response): Record<string, string> {
  const header: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    header[name] = value;
  });
  return header;
}

export const fake = {
  storage: new Map<string, unknown>(),
  eventCenter: new EventCenter(),
  /** Every Taro API call other than storage and events, in order. */
  calls: [] as RecordedCall[],
  /** Every request and upload sent (after the network check). */
  requests: [] as RecordedRequest[],
  /** When true, request and uploadFile fail as WeChat does offline: they reject. */
  offline: false,
  /** How many of the next requests reach the server but lose the answer (the phone sees a failure). */
  lostAnswers: 0,
  /** What Taro.login yields as `code` (WeChat: a one-time code for code2Session). */
  loginCode: (): string => 'fake-login-code',
  /** What useRouter().params returns. */
  routerParams: {} as Record<string, string>,
  /** What getCurrentPages() returns: the page stack, top last (route without the leading slash). */
  pages: [] as { route: string; options: Record<string, string> }[],
  /** showModal's answer. */
  modalConfirm: true,
  /** Handlers registered by usePullDownRefresh / useReachBottom of mounted components. */
  pageHandlers: { pullDownRefresh: new Set<() => void>(), reachBottom: new Set<() => void>() },
  /** What the mounted page would give WeChat's 转发 (useShareAppMessage) and 分享到朋友圈 (useShareTimeline); null when not registered. */
  share: { appMessage: null as null | (() => unknown), timeline: null as null | (() => unknown) },

  reset() {
    this.storage.clear();
    this.eventCenter.off();
    this.calls.length = 0;
    this.requests.length = 0;
    this.offline = false;
    this.lostAnswers = 0;
    this.loginCode = () => 'fake-login-code';
    this.routerParams = {};
    this.pages = [];
    this.modalConfirm = true;
    this.pageHandlers.pullDownRefresh.clear();
    this.pageHandlers.reachBottom.clear();
    this.share.appMessage = null;
    this.share.timeline = null;
  },
  /** The recorded arguments of one API, in order. */
  callsOf(api: string): unknown[] {
    return this.calls.filter((c) => c.api === api).map((c) => c.arg);
  },
};

function recorded(api: string, result: (arg: any) => unknown = () => ({ errMsg: `${api}:ok` })) {
  return async (arg?: unknown) => {
    fake.calls.push({ api, arg });
    return result(arg);
  };
}

async function request(opts: { url: string; method?: string; header?: Record<string, string>; data?: unknown; dataType?: string }) {
  if (fake.offline) throw { errMsg: 'request:fail' };
  const method = (opts.method ?? 'GET').toUpperCase();
  const header = { ...(opts.header ?? {}) };
  let url = opts.url;
  let body: string | undefined;
  if (method === 'GET') {
    // Taro (like wx.request) puts GET data into the query string.
    const qs = queryString(opts.data);
    if (qs) url += (url.includes('?') ? '&' : '?') + qs;
  } else if (opts.data !== undefined) {
    body = typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data);
  }
  fake.requests.push({ url, method, header, data: copy(opts.data) });
  let res: Response;
  try {
    res = await fetch(url, { method, headers: header, body });
  } catch {
    throw { errMsg: 'request:fail' };
  }
  const text = await res.text();
  if (fake.lostAnswers > 0) {
    fake.lostAnswers--;
    throw { errMsg: 'request:fail timeout' };
  }
  let data: unknown = text;
  if ((opts.dataType ?? 'json') === 'json' && text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text; // wx.request hands back the raw text when it is not JSON
    }
  }
  return { statusCode: res.status, data, header: headersOf(res), cookies: [] as string[], errMsg: 'request:ok' };
}

async function uploadFile(opts: {
  url: string;
  filePath: string;
  name: string;
  header?: Record<string, string>;
  formData?: Record<string, string>;
}) {
  if (fake.offline) throw { errMsg: 'uploadFile:fail' };
  fake.requests.push({
    url: opts.url,
    method: 'POST',
    header: { ...(opts.header ?? {}) },
    data: { filePath: opts.filePath, name: opts.name },
  });
  const form = new FormData();
  for (const [k, v] of Object.entries(opts.formData ?? {})) form.append(k, v);
  form.append(opts.name, new Blob([await readFile(opts.filePath)]), basename(opts.filePath));
  let res: Response;
  try {
    res = await fetch(opts.url, { method: 'POST', headers: opts.header, body: form });
  } catch {
    throw { errMsg: 'uploadFile:fail' };
  }
  // WeChat's uploadFile never parses: `data` is always the body as a string.
  return { statusCode: res.status, data: await res.text(), errMsg: 'uploadFile:ok' };
}

export const taro = {
  request,
  uploadFile,
  getStorageSync: (key: string) => (fake.storage.has(key) ? copy(fake.storage.get(key)) : ''),
  setStorageSync: (key: string, value: unknown) => {
    fake.storage.set(key, copy(value));
  },
  removeStorageSync: (key: string) => {
    fake.storage.delete(key);
  },
  clearStorageSync: () => fake.storage.clear(),
  eventCenter: fake.eventCenter,
  login: recorded('login', () => ({ code: fake.loginCode(), errMsg: 'login:ok' })),
  getCurrentPages: () => fake.pages,
  getCurrentInstance: () => {
    const top = fake.pages[fake.pages.length - 1];
    return { router: { path: top ? `/${top.route}` : '', params: fake.routerParams } };
  },
  navigateTo: recorded('navigateTo'),
  redirectTo: recorded('redirectTo'),
  reLaunch: recorded('reLaunch'),
  switchTab: recorded('switchTab'),
  navigateBack: recorded('navigateBack'),
  showToast: recorded('showToast'),
  showModal: recorded('showModal', () => ({ confirm: fake.modalConfirm, cancel: !fake.modalConfirm, errMsg: 'showModal:ok' })),
  makePhoneCall: recorded('makePhoneCall'),
  setClipboardData: recorded('setClipboardData'),
  pageScrollTo: recorded('pageScrollTo'),
  setNavigationBarTitle: recorded('setNavigationBarTitle'),
  stopPullDownRefresh: recorded('stopPullDownRefresh'),
  previewImage: recorded('previewImage'),
  scanCode: recorded('scanCode', () => {
    throw { errMsg: 'scanCode:fail cancel' };
  }),
  chooseImage: recorded('chooseImage', () => {
    throw { errMsg: 'chooseImage:fail cancel' };
  }),
};

/** Page lifecycle hooks: useDidShow runs on mount; the others register handlers tests can fire. */
function usePageHandler(set: Set<() => void>, fn: () => void) {
  const latest = useRef(fn);
  // The newest handler, kept after each render (a ref is not written during render).
  useLayoutEffect(() => {
    latest.current = fn;
  });
  useEffect(() => {
    const call = () => latest.current();
    set.add(call);
    return () => {
      set.delete(call);
    };
  }, [set]);
}

export const hooks = {
  useRouter: () => ({ params: fake.routerParams, path: '' }),
  useDidShow: (fn: () => void) => {
    // eslint-disable-next-line react-hooks/exhaustive-deps
    useEffect(() => fn(), []);
  },
  usePullDownRefresh: (fn: () => void) => usePageHandler(fake.pageHandlers.pullDownRefresh, fn),
  useReachBottom: (fn: () => void) => usePageHandler(fake.pageHandlers.reachBottom, fn),
  useShareAppMessage: (fn: () => unknown) => useShareHandler('appMessage', fn),
  useShareTimeline: (fn: () => unknown) => useShareHandler('timeline', fn),
};

/** The newest share callback of the mounted page, as WeChat would call it when the citizen taps 转发. */
function useShareHandler(kind: 'appMessage' | 'timeline', fn: () => unknown) {
  useLayoutEffect(() => {
    fake.share[kind] = fn;
  });
  useEffect(
    () => () => {
      fake.share[kind] = null;
    },
    [kind],
  );
}

/**
 * The `wx` object of the mini-program's logic layer, for the real weapp build run
 * in a Node sandbox (./miniprogram.ts). Network calls go to the real BFF: the
 * build's API base (http://127.0.0.1:8787, see miniapp/src/services/config.ts) is
 * replaced by the running server's origin, nothing else is changed. `wx.login`
 * hands out codes that the BFF exchanges through its real code2Session adapter
 * (a local WeChat double answers them). Everything else the app calls is
 * recorded in `calls`, in order, together with the requests, so a test can say
 * what happened before what.
 */

export type WxCall = { api: string; arg: Record<string, unknown> };
export type WxRequestLog = { method: string; url: string; path: string; status: number; body?: unknown };

export type WxDoubleOptions = {
  /** Origin of the running BFF, e.g. http://127.0.0.1:40123. */
  bffUrl: string;
  /** The origin compiled into the build, replaced by bffUrl. */
  buildApiBase?: string;
  /** A fresh wx.login code (from the WeChat double). */
  loginCode: () => string;
  /** The citizen's answers to wx.requestSubscribeMessage, per template id. */
  subscribeAnswers?: (tmplIds: string[]) => Record<string, string>;
};

export type WxDouble = {
  api: Record<string, unknown>;
  /** Every API call and every request, in the order they were made. */
  calls: WxCall[];
  requests: WxRequestLog[];
  storage: Map<string, string>;
  /** Names the app read from `wx` that this double does not provide. */
  missing: Set<string>;
  /** Requests still on the wire. */
  inFlight(): number;
  /** Resolves when no request is on the wire and none started for `quietMs`. */
  idle(quietMs?: number, timeoutMs?: number): Promise<void>;
  callsOf(api: string): WxCall[];
};

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void };

export function createWxDouble(opts: WxDoubleOptions): WxDouble {
  const buildBase = (opts.buildApiBase ?? 'http://127.0.0.1:8787').replace(/\/$/, '');
  const bff = opts.bffUrl.replace(/\/$/, '');
  const calls: WxCall[] = [];
  const requests: WxRequestLog[] = [];
  const storage = new Map<string, string>();
  const missing = new Set<string>();
  let pending = 0;
  let lastActivity = Date.now();

  /** Calls success/fail/complete later (WeChat answers asynchronously) and returns nothing, as wx does. */
  const answer = (o: Callbacks, name: string, res: Record<string, unknown> = {}, failed = false) => {
    const out = { errMsg: `${name}:${failed ? 'fail' : 'ok'}`, ...res };
    setTimeout(() => {
      if (failed) o.fail?.(out);
      else o.success?.(out);
      o.complete?.(out);
    }, 0);
  };
  const record = (api: string, arg: unknown) => {
    const plain: Record<string, unknown> = {};
    if (arg && typeof arg === 'object') {
      for (const [k, v] of Object.entries(arg)) if (typeof v !== 'function') plain[k] = v;
    } else if (arg !== undefined) plain.value = arg;
    calls.push({ api, arg: plain });
  };
  /** An API that only succeeds (toast, title, scroll…): recorded, answered. */
  const ok =
    (api: string, res: Record<string, unknown> = {}) =>
    (o: Callbacks = {}) => {
      record(api, o);
      answer(o, api, res);
    };

  const request = (o: Callbacks & { url: string; method?: string; header?: Record<string, string>; data?: unknown; dataType?: string }) => {
    record('request', o);
    const method = (o.method ?? 'GET').toUpperCase();
    let url = o.url.startsWith(buildBase) ? bff + o.url.slice(buildBase.length) : o.url;
    const header: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.header ?? {})) header[k.toLowerCase()] = String(v);
    let body: string | undefined;
    if (o.data !== undefined && o.data !== null) {
      if (method === 'GET' || method === 'HEAD') {
        if (typeof o.data === 'object') {
          const u = new URL(url);
          for (const [k, v] of Object.entries(o.data as Record<string, unknown>)) if (v !== undefined) u.searchParams.append(k, String(v));
          url = u.toString();
        }
      } else if (typeof o.data === 'string') {
        body = o.data;
      } else {
        // wx.request serialises an object as JSON unless the content type says form.
        header['content-type'] ??= 'application/json';
        body = header['content-type'].startsWith('application/x-www-form-urlencoded')
          ? new URLSearchParams(o.data as Record<string, string>).toString()
          : JSON.stringify(o.data);
      }
    }
    const controller = new AbortController();
    pending++;
    lastActivity = Date.now();
    const path = new URL(url).pathname;
    const entry: WxRequestLog = { method, url, path, status: 0 };
    requests.push(entry);
    void fetch(url, { method, headers: header, body, signal: controller.signal })
      .then(async (res) => {
        const text = await res.text();
        let data: unknown = text;
        if ((o.dataType ?? 'json') === 'json') {
          try {
            data = JSON.parse(text);
          } catch {
            data = text;
          }
        }
        entry.status = res.status;
        entry.body = data;
        const headers: Record<string, string> = {};
        res.headers.forEach((v, k) => (headers[k] = v));
        const out = { data, statusCode: res.status, header: headers, cookies: [], errMsg: 'request:ok' };
        o.success?.(out);
        o.complete?.(out);
      })
      .catch((err: unknown) => {
        const out = { errMsg: `request:fail ${String(err)}` };
        o.fail?.(out);
        o.complete?.(out);
      })
      .finally(() => {
        pending--;
        lastActivity = Date.now();
      });
    return {
      abort: () => controller.abort(),
      onHeadersReceived: () => {},
      offHeadersReceived: () => {},
      onChunkReceived: () => {},
      offChunkReceived: () => {},
    };
  };

  const windowInfo = {
    pixelRatio: 2,
    screenWidth: 375,
    screenHeight: 812,
    windowWidth: 375,
    windowHeight: 724,
    statusBarHeight: 44,
    safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
    screenTop: 0,
  };
  const deviceInfo = { brand: 'devtools', model: 'iPhone X', system: 'iOS 16.0', platform: 'devtools', benchmarkLevel: 1 };
  const appBaseInfo = {
    SDKVersion: '3.5.0',
    version: '8.0.50',
    language: 'zh_CN',
    theme: 'light',
    enableDebug: false,
    host: { env: 'WeChat' },
  };
  const systemInfo = { ...windowInfo, ...deviceInfo, ...appBaseInfo, fontSizeSetting: 16 };
  const launch = { path: 'pages/index/index', query: {}, scene: 1001, referrerInfo: {}, forwardMaterials: [] };

  const api: Record<string, unknown> = {
    request,
    uploadFile: (o: Callbacks) => {
      record('uploadFile', o);
      answer(o, 'uploadFile', {}, true);
      return { abort: () => {}, onProgressUpdate: () => {} };
    },
    login: (o: Callbacks = {}) => {
      record('login', o);
      answer(o, 'login', { code: opts.loginCode() });
    },
    checkSession: ok('checkSession'),
    requestSubscribeMessage: (o: Callbacks & { tmplIds?: string[] }) => {
      record('requestSubscribeMessage', o);
      const ids = o.tmplIds ?? [];
      const answers = opts.subscribeAnswers?.(ids) ?? Object.fromEntries(ids.map((id) => [id, 'accept']));
      answer(o, 'requestSubscribeMessage', answers);
    },
    getStorageSync: (key: string) => {
      const v = storage.get(key);
      return v === undefined ? '' : JSON.parse(v);
    },
    setStorageSync: (key: string, value: unknown) => {
      storage.set(key, JSON.stringify(value ?? null));
    },
    removeStorageSync: (key: string) => {
      storage.delete(key);
    },
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage: (o: Callbacks & { key: string }) => {
      const v = storage.get(o.key);
      answer(o, 'getStorage', v === undefined ? {} : { data: JSON.parse(v) }, v === undefined);
    },
    setStorage: (o: Callbacks & { key: string; data: unknown }) => {
      storage.set(o.key, JSON.stringify(o.data ?? null));
      answer(o, 'setStorage');
    },
    removeStorage: (o: Callbacks & { key: string }) => {
      storage.delete(o.key);
      answer(o, 'removeStorage');
    },
    navigateTo: ok('navigateTo'),
    redirectTo: ok('redirectTo'),
    reLaunch: ok('reLaunch'),
    switchTab: ok('switchTab'),
    navigateBack: ok('navigateBack'),
    showToast: ok('showToast'),
    hideToast: ok('hideToast'),
    showLoading: ok('showLoading'),
    hideLoading: ok('hideLoading'),
    showModal: ok('showModal', { confirm: true, cancel: false }),
    showActionSheet: ok('showActionSheet', { tapIndex: 0 }),
    setNavigationBarTitle: ok('setNavigationBarTitle'),
    setNavigationBarColor: ok('setNavigationBarColor'),
    stopPullDownRefresh: ok('stopPullDownRefresh'),
    startPullDownRefresh: ok('startPullDownRefresh'),
    pageScrollTo: ok('pageScrollTo'),
    makePhoneCall: ok('makePhoneCall'),
    setClipboardData: ok('setClipboardData'),
    previewImage: ok('previewImage'),
    showShareMenu: ok('showShareMenu'),
    hideShareMenu: ok('hideShareMenu'),
    scanCode: (o: Callbacks) => {
      record('scanCode', o);
      answer(o, 'scanCode', {}, true);
    },
    chooseImage: (o: Callbacks) => {
      record('chooseImage', o);
      answer(o, 'chooseImage', {}, true);
    },
    chooseMedia: (o: Callbacks) => {
      record('chooseMedia', o);
      answer(o, 'chooseMedia', {}, true);
    },
    getNetworkType: ok('getNetworkType', { networkType: 'wifi' }),
    onNetworkStatusChange: () => {},
    offNetworkStatusChange: () => {},
    onAppShow: () => {},
    offAppShow: () => {},
    onAppHide: () => {},
    offAppHide: () => {},
    onError: () => {},
    onUnhandledRejection: () => {},
    onPageNotFound: () => {},
    onMemoryWarning: () => {},
    onWindowResize: () => {},
    offWindowResize: () => {},
    getSystemInfoSync: () => ({ ...systemInfo }),
    getSystemInfo: (o: Callbacks) => answer(o, 'getSystemInfo', { ...systemInfo }),
    getWindowInfo: () => ({ ...windowInfo }),
    getDeviceInfo: () => ({ ...deviceInfo }),
    getAppBaseInfo: () => ({ ...appBaseInfo }),
    getSystemSetting: () => ({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true, deviceOrientation: 'portrait' }),
    getAppAuthorizeSetting: () => ({}),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 48, right: 368, bottom: 80, left: 281 }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'wx-weapp-test', envVersion: 'develop', version: '' } }),
    getLaunchOptionsSync: () => ({ ...launch }),
    getEnterOptionsSync: () => ({ ...launch }),
    getUpdateManager: () => ({ onCheckForUpdate: () => {}, onUpdateReady: () => {}, onUpdateFailed: () => {}, applyUpdate: () => {} }),
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    reportAnalytics: () => {},
    reportEvent: () => {},
    createSelectorQuery: () => {
      const q = {
        in: () => q,
        select: () => q,
        selectAll: () => q,
        selectViewport: () => q,
        boundingClientRect: () => q,
        scrollOffset: () => q,
        fields: () => q,
        exec: (cb?: (res: unknown[]) => void) => setTimeout(() => cb?.([]), 0),
      };
      return q;
    },
    createIntersectionObserver: () => ({ relativeTo: () => {}, relativeToViewport: () => {}, observe: () => {}, disconnect: () => {} }),
    env: { USER_DATA_PATH: 'wxfile://usr' },
  };

  // Reads of names this double lacks are kept, so a failing test can say what the app needed.
  const proxy = new Proxy(api, {
    get(target, key, receiver) {
      if (typeof key === 'string' && !(key in target) && key !== 'then' && key !== 'webpackJsonp') missing.add(key);
      return Reflect.get(target, key, receiver);
    },
  });

  return {
    api: proxy,
    calls,
    requests,
    storage,
    missing,
    inFlight: () => pending,
    async idle(quietMs = 150, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (pending === 0 && Date.now() - lastActivity >= quietMs) return;
        if (Date.now() > deadline) throw new Error(`requests still on the wire after ${timeoutMs} ms: ${pending}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    callsOf: (name) => calls.filter((c) => c.api === name),
  };
}

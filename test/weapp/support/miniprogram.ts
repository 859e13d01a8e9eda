import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix } from 'node:path';
import vm from 'node:vm';

/**
 * The real weapp build (miniapp/dist/weapp) run outside WeChat, in two halves as
 * WeChat runs it:
 *
 * - Logic layer: app.js, the page and component scripts and the webpack chunks
 *   they `require` run in a `vm` context of their own (no window, no document,
 *   as in WeChat's JS engine) that has only `wx` (./wx.ts), `App`, `Page`,
 *   `Component`, `getApp`, `getCurrentPages`, `require` and timers. A page is
 *   opened as WeChat opens it: its `Page({...})` options become an instance with
 *   `route`, `options`, `data` and `setData`, then onLoad / onShow / onReady.
 * - View layer: every `.wxml` of the build is compiled by WeChat's own wcc
 *   (`miniprogram-compiler`, what miniprogram-simulate's `compiler: 'official'`
 *   uses), and each page is registered with miniprogram-simulate (j-component on
 *   WeChat's exparser, rendered in jsdom) with its compiled template, its
 *   `usingComponents` (Taro's recursive `comp`, whose options come from comp.js
 *   run in the logic layer) and event handlers that call the page instance.
 *   The page's `setData` payloads cross to the view as JSON, as they cross
 *   WeChat's two threads; Taro's path keys (`root.cn.[0].v`) are applied by exparser.
 *
 * Taps and input are exparser events dispatched on the rendered node, bubbling
 * to the `bindtap="eh"` of Taro's templates, so the page's own handlers run.
 */

const req = createRequire(import.meta.url);
type Simulate = {
  load(definition: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): RenderedView;
};
export type RenderedView = {
  dom: HTMLElement;
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>, cb?: () => void): void;
  attach(parent: Element): void;
  detach(): void;
};
type Exparser = {
  Event: {
    create(name: string, detail: unknown, opts: Record<string, unknown>): unknown;
    dispatchEvent(target: unknown, ev: unknown): void;
  };
};
type Compiler = { wxmlToJs(rootPath: string, options?: Record<string, unknown>): string };

let loaded: { simulate: Simulate; exparser: Exparser; compiler: Compiler } | null = null;
/** miniprogram-simulate needs the DOM globals (jsdom) when it is first required. */
function libs() {
  if (loaded) return loaded;
  const simulate = req('miniprogram-simulate') as Simulate;
  const jcomp = createRequire(req.resolve('miniprogram-simulate')).resolve('j-component');
  const exparser = createRequire(jcomp)('miniprogram-exparser') as Exparser;
  const compiler = req('miniprogram-compiler') as Compiler;
  loaded = { simulate, exparser, compiler };
  return loaded;
}

type Options = Record<string, unknown> & { data?: Record<string, unknown> };
type Gwx = (path: string) => unknown;
const gwxCache = new Map<string, Gwx>();

/** WeChat's wcc on every .wxml / .wxs of the build (once per build directory and process). */
function compileWxml(root: string): Gwx {
  const cached = gwxCache.get(root);
  if (cached) return cached;
  const code = libs().compiler.wxmlToJs(root, { maxBuffer: 64 * 1024 * 1024 });
  const gwx = new Function(code)() as Gwx;
  gwxCache.set(root, gwx);
  return gwx;
}

export type PageHandle = {
  route: string;
  query: Record<string, string>;
  /** The page instance of the logic layer (Taro's page config with route, data, setData). */
  instance: Record<string, unknown>;
  view: RenderedView;
  /** Text rendered by the view layer (whitespace collapsed). */
  text(): string;
  /** The rendered element whose own text (or, failing that, whole text) contains `text`, deepest first. */
  find(text: string | RegExp, selector?: string): Element | null;
  findAll(selector: string): Element[];
  /** A tap on the node: an exparser tap event that bubbles, as WeChat's. */
  tap(el: Element): void;
  /** What a user typing into an input / textarea makes WeChat send: an `input` event with the value. */
  input(el: Element, value: string): void;
  /** A `change` event with `detail` (switch, checkbox, picker), as WeChat sends it. */
  change(el: Element, detail: Record<string, unknown>): void;
  /** Waits until `check` passes (it throws or returns false until then). */
  until<T>(check: () => T | false, timeoutMs?: number): Promise<T>;
  close(): void;
};

export class MiniProgram {
  readonly context: vm.Context;
  readonly appJson: {
    pages: string[];
    subPackages?: { root: string; pages: string[] }[];
    subpackages?: { root: string; pages: string[] }[];
  };
  private modules = new Map<string, { exports: unknown }>();
  private definingPage: ((options: Options) => void) | null = null;
  private definingComponent: ((options: Options) => void) | null = null;
  private components = new Map<string, string>();
  private stack: Record<string, unknown>[] = [];
  private app: Record<string, unknown> | null = null;
  private webviewId = 0;
  /** Errors thrown inside the sandbox outside a call we made (timers, promise jobs of the app). */
  readonly errors: unknown[] = [];

  constructor(
    readonly root: string,
    wx: Record<string, unknown>,
  ) {
    this.appJson = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8'));
    const guard =
      <A extends unknown[]>(fn: (...a: A) => unknown) =>
      (...a: A) => {
        try {
          return fn(...a);
        } catch (err) {
          this.errors.push(err);
          throw err;
        }
      };
    const sandbox: Record<string, unknown> = {
      wx,
      console,
      setTimeout: (fn: (...a: unknown[]) => void, ms?: number, ...a: unknown[]) => setTimeout(guard(fn), ms, ...a),
      clearTimeout,
      setInterval: (fn: (...a: unknown[]) => void, ms?: number, ...a: unknown[]) => setInterval(guard(fn), ms, ...a),
      clearInterval,
      App: (options: Options) => {
        this.app = options;
      },
      Page: (options: Options) => {
        if (!this.definingPage) throw new Error('Page() called outside a page script');
        this.definingPage(options);
      },
      Component: (options: Options) => {
        if (!this.definingComponent) throw new Error('Component() called outside a component script');
        this.definingComponent(options);
      },
      Behavior: (options: Options) => options,
      getApp: () => this.app,
      getCurrentPages: () => [...this.stack],
      __wxConfig: { ...this.appJson, envVersion: 'develop', platform: 'devtools' },
    };
    this.context = vm.createContext(sandbox, { name: 'weapp logic layer' });
  }

  /** WeChat's require: paths relative to the requiring file, `.js` optional, each module run once. */
  require(from: string, spec: string): unknown {
    let file = posix.normalize(posix.join(posix.dirname(from), spec));
    if (!file.endsWith('.js')) file += '.js';
    const hit = this.modules.get(file);
    if (hit) return hit.exports;
    const abs = join(this.root, file);
    if (!existsSync(abs)) throw new Error(`module not found in the build: ${file} (required from ${from})`);
    const mod = { exports: {} as unknown };
    this.modules.set(file, mod);
    const wrapper = vm.runInContext(`(function (require, module, exports) {${readFileSync(abs, 'utf8')}\n})`, this.context, {
      filename: abs,
    }) as (r: (s: string) => unknown, m: unknown, e: unknown) => void;
    wrapper((s) => this.require(file, s), mod, mod.exports);
    return mod.exports;
  }

  /** Runs app.js and the app's onLaunch / onShow. */
  launch(query: Record<string, string> = {}) {
    this.require('app.js', './app.js');
    if (!this.app) throw new Error('app.js did not call App()');
    const opts = { path: this.appJson.pages[0], query, scene: 1001, referrerInfo: {} };
    (this.app.onLaunch as ((o: unknown) => void) | undefined)?.call(this.app, opts);
    (this.app.onShow as ((o: unknown) => void) | undefined)?.call(this.app, opts);
  }

  private json(path: string): { usingComponents?: Record<string, string> } {
    const file = join(this.root, `${path}.json`);
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  }

  /** Registers a custom component of the build (its Component() options from its script) and returns its id. */
  private component(path: string): string {
    const known = this.components.get(path);
    if (known) return known;
    const id = `weapp-${path.replace(/[^a-z0-9]/gi, '-')}`;
    this.components.set(path, id);
    let options: Options | null = null;
    this.definingComponent = (o) => (options = o);
    try {
      this.require(path, `./${posix.basename(path)}.js`);
    } finally {
      this.definingComponent = null;
    }
    if (!options) throw new Error(`${path}.js did not call Component()`);
    const def = options as Options;
    libs().simulate.load({
      id,
      path: `/${path}`,
      tagName: posix.basename(path),
      template: compileWxml(this.root)(`${path}.wxml`),
      usingComponents: this.usingComponents(path),
      // Property types are constructors of the logic layer's realm: the view's own are given instead.
      properties: mapProperties(def.properties as Record<string, unknown> | undefined, this.context),
      options: def.options,
      data: def.data ? JSON.parse(JSON.stringify(def.data)) : {},
      methods: def.methods,
      lifetimes: def.lifetimes,
      pageLifetimes: def.pageLifetimes,
      observers: def.observers,
      attached: def.attached,
      detached: def.detached,
    });
    return id;
  }

  private usingComponents(path: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, target] of Object.entries(this.json(path).usingComponents ?? {})) {
      const resolved = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(posix.dirname(path), target));
      out[name] = this.component(resolved);
    }
    return out;
  }

  /** Opens a page as WeChat does on navigateTo: its script, an instance, the rendered view, onLoad/onShow/onReady. */
  open(route: string, query: Record<string, string> = {}): PageHandle {
    if (!this.app) this.launch();
    const all = [
      ...this.appJson.pages,
      ...(this.appJson.subPackages ?? this.appJson.subpackages ?? []).flatMap((p) => p.pages.map((x) => `${p.root}/${x}`)),
    ];
    if (!all.includes(route)) throw new Error(`${route} is not a page of app.json`);
    let options: Options | null = null;
    this.definingPage = (o) => (options = o);
    const file = `${route}.js`;
    // A page script registers its page each time WeChat opens it: run it afresh (its chunks stay loaded).
    this.modules.delete(file);
    try {
      this.require(file, `./${posix.basename(file)}`);
    } finally {
      this.definingPage = null;
    }
    if (!options) throw new Error(`${file} did not call Page()`);
    const pageOptions = options as Options;

    const instance: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(pageOptions)) if (k !== 'data') instance[k] = v;
    const initial = JSON.parse(JSON.stringify(pageOptions.data ?? {})) as Record<string, unknown>;
    let view: RenderedView | null = null;
    Object.assign(instance, {
      route,
      __route__: route,
      options: { ...query },
      __webviewId__: ++this.webviewId,
      setData: (payload: Record<string, unknown>, cb?: () => void) => {
        // What crosses to WeChat's view thread is JSON.
        const json = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
        view!.setData(json);
        if (cb) setTimeout(cb, 0);
      },
    });

    const methods: Record<string, (e: unknown) => unknown> = {};
    for (const [k, v] of Object.entries(pageOptions)) {
      if (typeof v === 'function') methods[k] = (e: unknown) => (instance[k] as (e: unknown) => unknown).call(instance, e);
    }
    const id = libs().simulate.load({
      id: `weapp-page-${this.webviewId}`,
      path: `/${route}`,
      tagName: 'page',
      template: compileWxml(this.root)(`${route}.wxml`),
      usingComponents: this.usingComponents(route),
      data: initial,
      methods,
    });
    view = libs().simulate.render(id);
    const host = document.createElement('div');
    document.body.appendChild(host);
    view.attach(host);
    // As in WeChat, the instance's data is what setData made of it.
    Object.defineProperty(instance, 'data', { get: () => view!.data, configurable: true, enumerable: true });

    this.stack.push(instance);
    const call = (name: string, ...args: unknown[]) =>
      (instance[name] as ((...a: unknown[]) => unknown) | undefined)?.apply(instance, args);
    call('onLoad', { ...query });
    call('onShow');
    call('onReady');

    const textOf = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const handle: PageHandle = {
      route,
      query,
      instance,
      view,
      text: () => textOf(view!.dom),
      find(text, selector = '*') {
        const hits = [...view!.dom.querySelectorAll(selector)].filter((el) =>
          typeof text === 'string' ? textOf(el).includes(text) : text.test(textOf(el)),
        );
        // The deepest match: no other match inside it.
        return hits.find((el) => !hits.some((o) => o !== el && el.contains(o))) ?? null;
      },
      findAll: (selector) => [...view!.dom.querySelectorAll(selector)],
      tap(el) {
        const node = nodeOf(el);
        const { exparser } = libs();
        exparser.Event.dispatchEvent(
          node,
          exparser.Event.create(
            'tap',
            { x: 0, y: 0 },
            { bubbles: true, composed: true, capturePhase: true, extraFields: { touches: [], changedTouches: [] } },
          ),
        );
      },
      input: (el, value) => fire(el, 'input', { value, cursor: value.length, keyCode: 0 }),
      change: (el, detail) => fire(el, 'change', detail),
      async until<T>(check: () => T | false, timeoutMs = 15_000): Promise<T> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          try {
            const out = check();
            if (out !== false) return out as T;
          } catch (err) {
            if (Date.now() > deadline) throw err;
          }
          if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms; page text: ${handle.text().slice(0, 2000)}`);
          await new Promise((r) => setTimeout(r, 25));
        }
      },
      close: () => {
        call('onUnload');
        this.stack = this.stack.filter((p) => p !== instance);
        view!.detach();
        host.remove();
      },
    };
    return handle;
  }
}

/** A component's own event (not bubbling), as WeChat's built-in components send input and change. */
function fire(el: Element, name: string, detail: Record<string, unknown>) {
  const { exparser } = libs();
  exparser.Event.dispatchEvent(nodeOf(el), exparser.Event.create(name, detail, { bubbles: false, composed: false, capturePhase: false }));
}

function nodeOf(el: Element): unknown {
  const node = (el as unknown as { __wxElement?: unknown }).__wxElement;
  if (!node) throw new Error(`not a rendered mini-program node: <${el.tagName.toLowerCase()}>`);
  return node;
}

/** Replaces the logic realm's String/Number/Object/… in a properties definition by this realm's. */
function mapProperties(props: Record<string, unknown> | undefined, context: vm.Context): Record<string, unknown> | undefined {
  if (!props) return props;
  const realm = vm.runInContext('({ String, Number, Boolean, Object, Array })', context) as Record<string, unknown>;
  const local: Record<string, unknown> = { String, Number, Boolean, Object, Array };
  const swap = (t: unknown) => {
    for (const [name, ctor] of Object.entries(realm)) if (t === ctor) return local[name];
    return t;
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (typeof v === 'function') out[k] = swap(v);
    else if (v && typeof v === 'object') {
      const d = { ...(v as Record<string, unknown>) };
      if ('type' in d) d.type = swap(d.type);
      if (Array.isArray(d.optionalTypes)) d.optionalTypes = d.optionalTypes.map(swap);
      if (d.value && typeof d.value === 'object') d.value = JSON.parse(JSON.stringify(d.value));
      out[k] = d;
    } else out[k] = v;
  }
  return out;
}

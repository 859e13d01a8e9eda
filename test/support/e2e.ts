import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { apiClient, DEMO_PASSWORD, type ApiClient } from './api';
import { launchChromium, phone } from './browser';
import { button, field } from './pages';
import { PRODUCTION_PASSWORD, startProductionServer } from './production';
import { startBuiltServer, type RunningServer } from './server';

export type E2e = ApiClient & {
  /** The built BFF on a fresh seeded database, for the whole file. */
  readonly server: RunningServer;
  /** Debian's headless Chromium, for the whole file (unless `browser: false`). */
  readonly browser: Browser;
  /** An absolute URL on the server (`path` starts with `/`). */
  url(path: string): string;
  /** A page in a context of its own (a phone unless told), closed after the file; page errors go to stderr. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** newPage, then go to `path` on the server. */
  open(path: string, options?: BrowserContextOptions): Promise<Page>;
  /** Opens the staff login page and signs in with the demo password; waits until the app lands on `landing`. */
  signIn(page: Page, username: string, landing: RegExp): Promise<void>;
  /** Signs in on the login page already open (one a staff page redirected to, with its `next`). */
  signInHere(page: Page, username: string, landing: RegExp): Promise<void>;
};

/**
 * One e2e file's world: registers beforeAll/afterAll that start the built server
 * (with `env` on top of the test defaults) and Chromium, and close them again.
 * Call it once at the top of a test file. Its functions may be destructured;
 * `server` and `browser` are read inside tests (they exist from beforeAll on).
 */
export function setupE2e({
  env = {},
  browser: withBrowser = true,
  production = false,
}: {
  /** Extra environment, or a function giving it when the server starts (for a local double started in an earlier beforeAll). */
  env?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  browser?: boolean;
  /** The built BFF in production mode (test secrets, real staff passwords, no development login): support/production.ts. */
  production?: boolean;
} = {}): E2e {
  const password = production ? PRODUCTION_PASSWORD : DEMO_PASSWORD;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      Promise.resolve(typeof env === 'function' ? env() : env).then((e) => (production ? startProductionServer(e) : startBuiltServer(e))),
      withBrowser ? launchChromium() : undefined,
    ]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const running = (): RunningServer => {
    if (!server) throw new Error('the server is not running: use the e2e helpers inside tests');
    return server;
  };
  const launched = (): Browser => {
    if (!browser)
      throw new Error(withBrowser ? 'Chromium is not running: use the e2e helpers inside tests' : 'setupE2e({ browser: false })');
    return browser;
  };
  const url = (path: string) => `${running().url}${path}`;

  const newPage = async (options: BrowserContextOptions = phone): Promise<Page> => {
    const context = await launched().newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    return page;
  };

  const signInHere = async (page: Page, username: string, landing: RegExp) => {
    await field(page, '.st-login-username').fill(username);
    await field(page, '.st-login-password').fill(password);
    await button(page, '.st-login-submit').click();
    await page.waitForURL(landing, { timeout: 20_000 });
  };

  return {
    ...apiClient(() => running().url, password),
    get server() {
      return running();
    },
    get browser() {
      return launched();
    },
    url,
    newPage,
    async open(path, options) {
      const page = await newPage(options);
      await page.goto(url(path));
      return page;
    },
    async signIn(page, username, landing) {
      await page.goto(url('/packages/staff/login/index'));
      await signInHere(page, username, landing);
    },
    signInHere,
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app';
import { openDb, type DbHandle } from '../src/db/client';
import { runMigrations } from '../src/db/migrate';
import { DEMO_PASSWORD, seedDemoAccounts } from '../src/db/seed/accounts';
import { seed } from '../src/db/seed/run';
import { silentLogger, type Logger } from '../src/lib/logger';
import type { AppConfig } from '../src/lib/ports';
import { appConfig } from '../src/node/config';
import { sharpImages } from '../src/node/images';
import { scryptHasher } from '../src/node/password';
import { jiebaSegmenter } from '../src/node/segmenter';
import { localStorage } from '../src/node/storage';
import { nodeQrImages } from '../src/node/qr-images';
import { parseEnv } from '../src/env';
import { createSearchService } from '../src/services/search';

let segmenter: ReturnType<typeof jiebaSegmenter> | undefined;
/** One jieba per test process: loading the dictionary is the slow part. */
export function testSegmenter() {
  segmenter ??= jiebaSegmenter();
  return segmenter;
}

/** A cheaper scrypt for tests (the stored hash carries its parameters, so verify is the real code). */
export const testPasswords = scryptHasher({ N: 2 ** 12, r: 8, p: 1 });

export type TestClock = { now: () => Date; set: (iso: string) => void; advance: (ms: number) => void; real: () => void };

/** A clock tests can move; real time until set. */
export function testClock(): TestClock {
  let fixed: number | null = null;
  return {
    now: () => new Date(fixed ?? Date.now()),
    set: (iso) => {
      fixed = Date.parse(iso);
    },
    advance: (ms) => {
      fixed = (fixed ?? Date.now()) + ms;
    },
    real: () => {
      fixed = null;
    },
  };
}

export type TestContext = DbHandle & {
  app: ReturnType<typeof createApp>;
  config: AppConfig;
  clock: TestClock;
  dir: string;
  search: ReturnType<typeof createSearchService>;
  url: string;
  cleanup: () => void;
};

/**
 * A fresh temporary libSQL file, migrated (and seeded unless told not to), with
 * the real app on top. Never `:memory:`: transactions open a second connection.
 */
export async function createTestContext(
  opts: { seed?: boolean; logger?: Logger; env?: Record<string, string>; config?: (c: AppConfig) => AppConfig } = {},
): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), 'zw-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  const handle = await openDb({ url });
  await runMigrations(handle.db);
  const search = createSearchService(testSegmenter());
  if (opts.seed !== false) {
    await seed(handle.db, search);
    await seedDemoAccounts(handle.db, testPasswords);
  }
  const base = appConfig(parseEnv({ NODE_ENV: 'test', DEV_LOGIN: 'true', UPLOAD_DIR: join(dir, 'uploads'), ...opts.env }));
  const config = opts.config ? opts.config(base) : base;
  const clock = testClock();
  const app = createApp({
    db: handle.db,
    logger: opts.logger ?? silentLogger,
    search,
    config,
    passwords: testPasswords,
    storage: localStorage(join(dir, 'uploads')),
    images: sharpImages(),
    qr: nodeQrImages,
    now: clock.now,
  });
  clocks.set(app, clock);
  return {
    ...handle,
    app,
    search,
    config,
    clock,
    dir,
    url,
    cleanup: () => {
      handle.client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** GET a path and parse the JSON body, keeping status and headers for assertions. */
export async function getJson<T = any>(app: TestContext['app'], path: string, headers?: Record<string, string>) {
  const res = await app.request(path, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

// ---------------------------------------------------------------- logging in

/** The clock of each app made by createTestContext, so the login helpers know when a token has expired. */
const clocks = new WeakMap<TestContext['app'], TestClock>();
const staffTokens = new WeakMap<TestContext['app'], Map<string, { token: string; expiresAt: number }>>();

/** `{ authorization: 'Bearer …' }` for app.request / getJson. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

async function postLogin(app: TestContext['app'], path: string, body: object) {
  const res = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as any;
  if (res.status !== 200) throw new Error(`${path} → ${res.status} ${JSON.stringify(json)}`);
  return json as { token: string; expiresAt: string; user: any };
}

/**
 * Logs a seeded staff account in through POST /api/auth/staff-login (demo
 * password unless given) and returns the bearer token. The token is reused
 * while it is valid on the app's test clock: the login limits (10 per account
 * per 15 minutes) would otherwise trip in a test file that logs in often.
 */
export async function loginStaff(app: TestContext['app'], username: string, password = DEMO_PASSWORD): Promise<string> {
  const now = (clocks.get(app)?.now() ?? new Date()).getTime();
  let cache = staffTokens.get(app);
  if (!cache) staffTokens.set(app, (cache = new Map()));
  const key = `${username}\n${password}`;
  const cached = cache.get(key);
  if (cached && now < cached.expiresAt - 60_000) return cached.token;
  const { token, expiresAt } = await postLogin(app, '/api/auth/staff-login', { username, password });
  cache.set(key, { token, expiresAt: Date.parse(expiresAt) });
  return token;
}

/** Logs a citizen in through POST /api/auth/dev-login (openid `dev:<name>`, created on first login); returns the bearer token. */
export async function loginCitizen(app: TestContext['app'], name: string): Promise<string> {
  return (await postLogin(app, '/api/auth/dev-login', { name })).token;
}

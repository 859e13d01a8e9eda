import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app';
import { openDb, type DbHandle } from '../src/db/client';
import { runMigrations } from '../src/db/migrate';
import { seed } from '../src/db/seed/run';
import { silentLogger, type Logger } from '../src/lib/logger';
import { jiebaSegmenter } from '../src/node/segmenter';
import { createSearchService } from '../src/services/search';

let segmenter: ReturnType<typeof jiebaSegmenter> | undefined;
/** One jieba per test process: loading the dictionary is the slow part. */
export function testSegmenter() {
  segmenter ??= jiebaSegmenter();
  return segmenter;
}

export type TestContext = DbHandle & {
  app: ReturnType<typeof createApp>;
  search: ReturnType<typeof createSearchService>;
  url: string;
  cleanup: () => void;
};

/**
 * A fresh temporary libSQL file, migrated (and seeded unless told not to), with
 * the real app on top. Never `:memory:`: transactions open a second connection.
 */
export async function createTestContext(opts: { seed?: boolean; logger?: Logger } = {}): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), 'zw-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  const handle = await openDb({ url });
  await runMigrations(handle.db);
  const search = createSearchService(testSegmenter());
  if (opts.seed !== false) await seed(handle.db, search);
  const app = createApp({ db: handle.db, logger: opts.logger ?? silentLogger, search });
  return {
    ...handle,
    app,
    search,
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

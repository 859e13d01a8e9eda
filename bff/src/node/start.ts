import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../app';
import { openDb } from '../db/client';
import { ensureFileDbFolder } from '../db/file-db';
import { runMigrations } from '../db/migrate';
import { isEmpty, seed } from '../db/seed/run';
import type { Env } from '../env';
import type { Logger } from '../lib/logger';
import { createSearchService } from '../services/search';
import { jiebaSegmenter } from './segmenter';
import { h5Static } from './static';

export type Started = { server: ServerType; port: number; close: () => Promise<void> };

/** Opens the database, migrates, seeds an empty embedded database, and listens. */
export async function start(env: Env, logger: Logger): Promise<Started> {
  ensureFileDbFolder(env.LIBSQL_URL);
  const { db, client, isFile } = await openDb({ url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN, busyTimeoutMs: env.DB_BUSY_TIMEOUT_MS });
  await runMigrations(db);
  const search = createSearchService(jiebaSegmenter());

  // The embedded file starts with the demo county; a server database is seeded only when asked.
  const shouldSeed = env.SEED_ON_START ?? isFile;
  if (shouldSeed && (await isEmpty(db))) {
    const added = await seed(db, search);
    logger.info({ added }, 'seeded demo content');
  }

  const serveStatic = env.STATIC_DIR ? h5Static(env.STATIC_DIR) : undefined;
  const app = createApp({ db, logger, search, serveStatic });

  return new Promise((resolveStart) => {
    const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
      logger.info({ url: `http://${env.HOST}:${info.port}`, h5: Boolean(serveStatic), db: env.LIBSQL_URL.split('?')[0] }, 'listening');
      resolveStart({
        server,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => {
              client.close();
              done();
            });
          }),
      });
    });
  });
}

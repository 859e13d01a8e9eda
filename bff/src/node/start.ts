import { serve, type ServerType } from '@hono/node-server';
import type { Duplex } from 'node:stream';
import { defaultErrorMessages } from '@zw/shared';
import { createApp } from '../app';
import { openDb } from '../db/client';
import { ensureFileDbFolder } from '../db/file-db';
import { runMigrations } from '../db/migrate';
import { demoAccountsInUse, seedDemoAccounts } from '../db/seed/accounts';
import { isEmpty, seed } from '../db/seed/run';
import type { Env } from '../env';
import { landing, type ApiGet } from '../lib/first-screen';
import type { Logger } from '../lib/logger';
import { startSweeper } from '../services/jobs/sweep';
import { startOutboxWorker } from '../services/notifications/worker';
import { pruneRateLimits } from '../services/rate-limit';
import { createSearchService } from '../services/search';
import { appConfig } from './config';
import { sharpImages } from './images';
import { scryptHasher } from './password';
import { jiebaSegmenter } from './segmenter';
import { h5Static } from './static';
import { localStorage } from './storage';
import { nodeQrImages } from './qr-images';

export type Started = { server: ServerType; port: number; close: () => Promise<void> };

/** Opens the database, migrates, seeds an empty embedded database, and listens. */
export async function start(env: Env, logger: Logger): Promise<Started> {
  ensureFileDbFolder(env.LIBSQL_URL);
  const { db, client, isFile } = await openDb({
    url: env.LIBSQL_URL,
    authToken: env.LIBSQL_AUTH_TOKEN,
    busyTimeoutMs: env.DB_BUSY_TIMEOUT_MS,
  });
  await runMigrations(db);
  const search = createSearchService(jiebaSegmenter());

  // The embedded file starts with the demo county; a server database is seeded only when asked.
  const shouldSeed = env.SEED_ON_START ?? isFile;
  const config = appConfig(env);
  const passwords = scryptHasher();
  if (shouldSeed && (await isEmpty(db))) {
    const added = await seed(db, search);
    const accounts = await seedDemoAccounts(db, passwords);
    logger.info({ added: { ...added, accounts } }, 'seeded demo content');
  } else if (shouldSeed && !config.production) {
    // A development database seeded before the demo accounts existed gets them too (missing ones only).
    const accounts = await seedDemoAccounts(db, passwords);
    if (accounts > 0) logger.info({ added: { accounts } }, 'seeded demo accounts');
  }
  if (config.production) {
    // The demo password is published in the README: a public service must not run with it.
    const demo = await demoAccountsInUse(db);
    if (demo.length > 0) {
      client.close();
      throw new Error(
        `生产环境拒绝启动：以下账号仍在使用公开的演示密码，请先修改密码或停用账号 (refusing to start in production: demo password still in use by ${demo.join(', ')})`,
      );
    }
  }

  // A printed code's page is resolved, and a record page's first screen written, from the app's own public
  // answers (lib/first-screen.ts).
  const apiGet: ApiGet = async (path) => {
    const res = await app.request(path);
    return res.ok ? res.json() : undefined;
  };
  const serveStatic = env.STATIC_DIR ? h5Static(env.STATIC_DIR, (url) => landing(url, apiGet)) : undefined;
  const storage = localStorage(env.UPLOAD_DIR);
  const app = createApp({
    db,
    logger,
    search,
    config,
    passwords,
    storage,
    images: sharpImages(),
    qr: nodeQrImages,
    now: () => new Date(),
    serveStatic,
  });

  // Notifications written by the outbox are delivered in the background (none without WeChat credentials).
  const outboxWorker =
    env.OUTBOX_POLL_MS > 0
      ? startOutboxWorker({ db, logger, now: () => new Date(), wechat: config.wechat, smsConfig: config, intervalMs: env.OUTBOX_POLL_MS })
      : null;
  // 自动办结, 邀请评价 and 电子监察 (黄牌/红牌): safe to run on every instance at once.
  const sweeper = env.SWEEP_INTERVAL_MS > 0 ? startSweeper({ db, config, logger, storage, intervalMs: env.SWEEP_INTERVAL_MS }) : null;
  // Rate-limit counters older than a day are of no use to anyone.
  const housekeeping = setInterval(() => {
    pruneRateLimits(db, new Date(), 24 * 3600_000).catch((err) => logger.warn({ err: String(err) }, 'pruning rate limits failed'));
  }, 3600_000);
  housekeeping.unref();

  return new Promise((resolveStart) => {
    const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
      logger.info({ url: `http://${env.HOST}:${info.port}`, h5: Boolean(serveStatic), db: env.LIBSQL_URL.split('?')[0] }, 'listening');
      answerClientErrors(server);
      resolveStart({
        server,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            clearInterval(housekeeping);
            server.close(() => {
              // Let a batch in progress record its outcome before the database goes away.
              void Promise.all([outboxWorker?.stop(), sweeper?.stop()]).then(() => {
                client.close();
                done();
              });
            });
          }),
      });
    });
  });
}

/**
 * Requests Node refuses before the app sees them (headers over 16 KB, a malformed
 * request line) get the same `{ error: { code, message } }` body as every other
 * answer, and `Connection: close`: what follows on that socket cannot be trusted.
 */
function answerClientErrors(server: ServerType): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, code, message] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'Request Header Fields Too Large',
            'PAYLOAD_TOO_LARGE',
            '请求头太大了（可能是浏览器保存的 Cookie 太多），请清除本站的浏览数据后再试',
          ]
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'MALFORMED_BODY', '请求超时，请重试']
          : [400, 'Bad Request', 'MALFORMED_BODY', defaultErrorMessages.MALFORMED_BODY];
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

import { OpenAPIHono } from '@hono/zod-openapi';
import { defaultErrorMessages, type ErrorBody, type ErrorCode } from '@zw/shared';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv, Deps } from './lib/context';
import { compressAnswers } from './lib/compress';
import { contentCache } from './lib/content-cache';
import { contentSecurityPolicy } from './lib/csp';
import { clientIp } from './lib/auth';
import { isDatabaseBusy } from './db/busy';
import { AppError } from './lib/errors';
import { etag } from './lib/etag';
import { requestLogger } from './lib/service';
import { authRouter } from './routes/auth';
import { departmentsRouter } from './routes/departments';
import { hallsRouter } from './routes/halls';
import { itemsRouter } from './routes/items';
import { policiesRouter } from './routes/policies';
import { qrRouter } from './routes/qr';
import { casesRouter } from './routes/cases';
import { staffCasesRouter } from './routes/staff-cases';
import { remindersRouter } from './routes/reminders';
import { ratingsRouter } from './routes/ratings';
import { statsRouter } from './routes/stats';
import { adminRouter } from './routes/admin';
import { searchRouter } from './routes/search';
import { editorContentRouter } from './routes/editor/content';
import { editorHallsRouter } from './routes/editor/halls';
import { editorItemsRouter } from './routes/editor/items';
import { editorPoliciesRouter } from './routes/editor/policies';
import { editorQrRouter } from './routes/editor/qr';
import { printRouter } from './routes/print';
import { docsRouter } from './routes/docs';

export type AppOptions = Deps & {
  /** Serves the built H5 app for non-API paths (Node entry only; absent in tests and on the edge). */
  serveStatic?: MiddlewareHandler;
};

/**
 * The Hono app. No Node-only APIs here (fs, path, process): the database, the
 * segmenter, the logger and static files come in as dependencies, so the same
 * module can run on an edge runtime with other adapters.
 */
export function createApp(deps: AppOptions) {
  const app = new OpenAPIHono<AppEnv>();

  // An answer to a request with a body that was refused (413 from the body limit, 401 before the body
  // was read, 400…) may leave part of the body unread on the socket, and reading it may be cut short:
  // such a connection is not safe to reuse. Saying `Connection: close` makes the client (or a pooling
  // reverse proxy) open a fresh one for the next request instead of sending it into a dying socket.
  app.use('*', async (c, next) => {
    await next();
    if (c.res.status >= 400 && hasBody(c.req.raw)) c.res = withHeader(c.res, 'Connection', 'close');
  });

  // WeChat's wx.request has no PATCH: the editor pages there send
  // `POST` + `X-HTTP-Method-Override: PATCH`, dispatched again here as the PATCH it
  // stands for (before anything else runs, so it is logged and checked once).
  app.use('/api/editor/*', async (c, next) => {
    if (c.req.method === 'POST' && c.req.header('x-http-method-override')?.toUpperCase() === 'PATCH') {
      const headers = new Headers(c.req.raw.headers);
      headers.delete('x-http-method-override');
      return app.fetch(new Request(c.req.raw, { method: 'PATCH', headers }), c.env);
    }
    return next();
  });
  app.use(requestId());
  app.use(async (c, next) => {
    c.set('db', deps.db);
    c.set('logger', deps.logger);
    c.set('search', deps.search);
    c.set('config', deps.config);
    c.set('passwords', deps.passwords);
    c.set('storage', deps.storage);
    c.set('images', deps.images);
    c.set('qr', deps.qr);
    c.set('now', deps.now);
    // What every service verb gets (lib/service.ts): the request's time is read once, here.
    c.set('ctx', {
      db: deps.db,
      now: deps.now(),
      clock: deps.now,
      config: deps.config,
      logger: requestLogger(deps.logger, c.var.requestId),
      requestId: c.var.requestId,
      ip: clientIp(c),
      search: deps.search,
      storage: deps.storage,
      images: deps.images,
      qr: deps.qr,
      passwords: deps.passwords,
    });
    const started = performance.now();
    await next();
    // Path only: query strings may carry what a citizen typed.
    deps.logger.info(
      {
        requestId: c.var.requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  app.use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
  app.use(contentSecurityPolicy);
  // JSON bodies are small; photos get their own, larger limit.
  const jsonLimit = bodyLimit({ maxSize: 256 * 1024, onError: (c) => c.json(errorBody('PAYLOAD_TOO_LARGE'), 413) });
  const uploadLimit = bodyLimit({
    maxSize: deps.config.limits.uploadMaxBytes + 64 * 1024,
    onError: (c) => c.json(errorBody('PAYLOAD_TOO_LARGE', '照片太大了，请压缩后再上传'), 413),
  });
  // Import files (a whole county's guides) are larger than any form.
  const importLimit = bodyLimit({
    maxSize: 10 * 1024 * 1024,
    onError: (c) => c.json(errorBody('PAYLOAD_TOO_LARGE', '导入文件超过 10 MB，请分批导入'), 413),
  });
  app.use('/api/*', (c, next) =>
    c.req.path === '/api/uploads'
      ? uploadLimit(c, next)
      : c.req.path.startsWith('/api/editor/import/')
        ? importLimit(c, next)
        : jsonLimit(c, next),
  );
  // Large JSON/CSV answers in brotli or gzip. Registered before (so: outside) the content cache and
  // the ETag middleware: it runs after both on the way out, so they hash, keep and replay the identity
  // body, one ETag serves every encoding, and a 304 is decided before anything is compressed.
  const compress = compressAnswers(deps.config.compression);
  app.use('/api/*', compress);
  // Public content is rebuilt only when it changed (see content-cache.ts).
  const cache = contentCache();
  for (const path of [
    '/api/items',
    '/api/items/*',
    '/api/policies',
    '/api/policies/*',
    '/api/interpretations/*',
    '/api/halls',
    '/api/halls/*',
    '/api/windows/*',
    '/api/departments',
    '/api/departments/*',
    '/api/qr/*',
  ]) {
    app.use(path, cache);
  }
  // Citizens must see a published change at once: every read revalidates, and
  // an unchanged answer costs a 304 with no body (lib/etag.ts also states the length it hashed).
  const digest = (body: Uint8Array) => deps.config.cipher.digest(body);
  app.use('/api/*', etag(digest));
  app.use('/api/*', async (c, next) => {
    await next();
    if (c.req.method === 'GET' && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
  });

  const api = new OpenAPIHono<AppEnv>();
  const apiRoutes = api
    .get('/health', (c) => c.json({ ok: true as const }, 200))
    .route('/', itemsRouter)
    .route('/', policiesRouter)
    .route('/', hallsRouter)
    .route('/', departmentsRouter)
    .route('/', searchRouter)
    .route('/', qrRouter)
    .route('/', authRouter)
    .route('/', casesRouter)
    .route('/', staffCasesRouter)
    .route('/', ratingsRouter)
    .route('/', remindersRouter)
    .route('/', statsRouter)
    .route('/', adminRouter)
    // 政务公开专员: drafts, publishing, history, import/export, QR codes. Outside the
    // public content cache's paths on purpose: these answers differ per caller.
    .route('/', editorItemsRouter)
    .route('/', editorPoliciesRouter)
    .route('/', editorHallsRouter)
    .route('/', editorContentRouter)
    .route('/', editorQrRouter);
  const routes = app.route('/api', apiRoutes);
  // Printable pages (明白纸, window QR sheets): HTML, outside /api.
  app.route('/', printRouter);

  // The document is generated from the outer app so that paths carry the /api prefix.
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '清溪县政务公开与政务服务 API',
      version: '0.1.0',
      description:
        '办事指南（七公开）、政策文件与解读、服务大厅与窗口、二维码、中文搜索；编辑端（/api/editor/*）：草稿、发布、修改历史、批量导入导出、二维码与小程序码；打印页（/print/*）。错误统一为 { error: { code, message, details? } }。',
    },
  });
  // Swagger UI from this origin (routes/docs.ts); the files come from the runtime's entry (config.docsViewer).
  if (deps.config.docsViewer) app.route('/', docsRouter(deps.config.docsViewer, deps.config.compression));

  app.notFound((c) => c.json(errorBody('ROUTE_NOT_FOUND'), 404));
  // The same compression for the H5 pages the server writes (a QR landing page's first screen); the
  // built files come precompressed and pass through it untouched.
  if (deps.serveStatic) app.get('*', compress, deps.serveStatic);

  app.onError((err, c) => {
    if (err instanceof AppError) {
      return c.json(errorBody(err.code, err.message, err.details), err.status);
    }
    if (isDatabaseBusy(err)) {
      // Another process held the write lock past this write's budget; nothing was written.
      deps.logger.warn({ requestId: c.var.requestId, method: c.req.method, path: c.req.path }, 'database busy');
      c.header('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
      return c.json(errorBody('BUSY'), 503);
    }
    if (err instanceof HTTPException) {
      // Hono's own refusals (malformed JSON body, body too large…): client errors, not ours.
      const status = err.status as ContentfulStatusCode;
      const code =
        status === 413
          ? 'PAYLOAD_TOO_LARGE'
          : status === 400
            ? 'MALFORMED_BODY'
            : status === 405
              ? 'METHOD_NOT_ALLOWED'
              : 'VALIDATION_FAILED';
      return c.json(errorBody(code), status);
    }
    deps.logger.error({ requestId: c.var.requestId, method: c.req.method, path: c.req.path, err: serialiseError(err) }, 'unhandled error');
    return c.json({ error: { code: 'INTERNAL', message: defaultErrorMessages.INTERNAL, requestId: c.var.requestId } }, 500);
  });

  return routes;
}

function hasBody(req: Request): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  const length = req.headers.get('content-length');
  return req.headers.has('transfer-encoding') || (length !== null && length !== '0');
}

/** Sets a header, copying the response first when its headers are immutable (a fetched or cached one). */
function withHeader(res: Response, name: string, value: string): Response {
  try {
    res.headers.set(name, value);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    copy.headers.set(name, value);
    return copy;
  }
}

/** A held lock is a backup or a command finishing: a couple of seconds is the honest wait. */
const BUSY_RETRY_AFTER_SECONDS = 2;

export type AppType = ReturnType<typeof createApp>;

function errorBody(code: ErrorCode, message?: string, details?: unknown): ErrorBody {
  return {
    error: {
      code,
      message: message ?? defaultErrorMessages[code],
      ...(details === undefined ? {} : { details }),
    },
  };
}

function serialiseError(err: unknown) {
  return err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : { value: String(err) };
}

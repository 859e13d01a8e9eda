import type { Context } from 'hono';
import type { Db } from '../db/client';
import type { AppEnv, Citizen, Deps, Staff } from './context';
import { AppError } from './errors';
import type { Logger } from './logger';
import type { AppConfig } from './ports';

/*
 * The one signature of a service verb: `verb({ ctx, input })`.
 *
 * `ctx` is what a verb may use besides its input: the database, the request's
 * time (taken once, so every deadline and timestamp of one request agrees),
 * the configuration, who is acting, the request's logger and the ports.
 * It is built once per request by app.ts; handlers get it with ctxOf /
 * citizenCtx / staffCtx, which also narrow the actor for verbs that need one.
 */

/** Nobody signed in (public reads, logins, anonymous lookups). */
export type Anonymous = { kind: 'none' };
export type Actor = Citizen | Staff | Anonymous;

export type ServiceContext<A extends Actor = Actor> = Pick<Deps, 'search' | 'storage' | 'images' | 'qr' | 'passwords'> & {
  db: Db;
  /** The request's time. */
  now: Date;
  /** The app's clock, for what outlives the request (the process-wide WeChat token cache). */
  clock: () => Date;
  config: AppConfig;
  actor: A;
  /** Adds the request id to every line. */
  logger: Logger;
  requestId: string;
  /** The caller's address, for per-address limits (lib/auth.ts#clientIp). */
  ip: string;
};
export type CitizenContext = ServiceContext<Citizen>;
export type StaffContext = ServiceContext<Staff>;

/** What every verb takes: `{ ctx, input }` (a verb without input takes `{ ctx }`); it returns the view the handler sends. */
export type VerbArgs<I = void, A extends Actor = Actor> = [I] extends [void]
  ? { ctx: ServiceContext<A>; input?: undefined }
  : { ctx: ServiceContext<A>; input: I };

/** A verb only a signed-in citizen may call (the handler passes citizenCtx(c)). */
export type CitizenArgs<I = void> = VerbArgs<I, Citizen>;
/** A verb only staff may call (the handler passes staffCtx(c)); roles are checked by the route and the verb. */
export type StaffArgs<I = void> = VerbArgs<I, Staff>;

const anonymous: Anonymous = { kind: 'none' };

/** A logger that stamps `requestId` on every line. */
export function requestLogger(logger: Logger, requestId: string): Logger {
  return {
    info: (obj, msg) => logger.info({ requestId, ...obj }, msg),
    warn: (obj, msg) => logger.warn({ requestId, ...obj }, msg),
    error: (obj, msg) => logger.error({ requestId, ...obj }, msg),
  };
}

type VarContext = Pick<Context<AppEnv>, 'var'>;

/** The request's context, with whoever the auth middleware let in as the actor. */
export function ctxOf(c: VarContext): ServiceContext {
  const base = c.var.ctx;
  if (!base) throw new Error('service context missing: the app middleware did not run');
  return { ...base, actor: c.var.citizen ?? c.var.staff ?? anonymous };
}

/** For handlers behind requireCitizen. */
export function citizenCtx(c: VarContext): CitizenContext {
  const ctx = ctxOf(c);
  if (ctx.actor.kind !== 'citizen') throw new AppError('UNAUTHENTICATED', 401);
  return ctx as CitizenContext;
}

/** The staff member acting, or null (an anonymous or system context): who content_versions and reviewed_by record. */
export function editorIdOf(ctx: Pick<ServiceContext, 'actor'>): number | null {
  return ctx.actor.kind === 'staff' ? ctx.actor.id : null;
}

/** A port or setting that a context built without a request does not have: using it is a bug, said at once. */
function absent<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get(_t, key) {
      if (key === 'then') return undefined;
      throw new Error(`${name}.${String(key)} is not available outside a request (lib/service.ts#systemContext)`);
    },
  });
}

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * A context without an HTTP request, for the seed, the import command, the
 * bench and tests calling the engine directly. Its actor is nobody
 * (`{ kind: 'none' }`), so content it writes records editor null, as a
 * command-line import always has. What is not given is absent: a verb that
 * reaches for it fails loudly instead of using a made-up value.
 */
export function systemContext(
  deps: Pick<ServiceContext, 'db'> & Partial<Omit<ServiceContext, 'db' | 'actor' | 'clock'>> & { clock?: () => Date },
): ServiceContext<Anonymous> {
  const clock = deps.clock ?? (() => new Date());
  return {
    search: absent('search'),
    storage: absent('storage'),
    images: absent('images'),
    qr: absent('qr'),
    passwords: absent('passwords'),
    config: absent('config'),
    logger: silent,
    requestId: 'system',
    ip: '',
    ...deps,
    now: deps.now ?? clock(),
    clock,
    actor: anonymous,
  };
}

/** For handlers behind requireStaff. */
export function staffCtx(c: VarContext): StaffContext {
  const ctx = ctxOf(c);
  if (ctx.actor.kind !== 'staff') throw new AppError('UNAUTHENTICATED', 401);
  return ctx as StaffContext;
}

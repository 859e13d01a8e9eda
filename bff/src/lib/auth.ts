import type { StaffRole } from '@zw/shared';
import type { Context, MiddlewareHandler } from 'hono';
import { loadCitizen, loadStaff, verifyToken, type TokenKind } from '../services/auth';
import { RateLimitedError } from '../services/rate-limit';
import type { AppEnv, Citizen, Staff } from './context';
import { AppError } from './errors';

/*
 * Bearer-token middleware. Use it in a route contract (`middleware: [requireCitizen]`)
 * so it runs before body validation: an anonymous caller learns nothing about
 * the body a route expects.
 *
 *   401 UNAUTHENTICATED  no token, a malformed/tampered/expired token, or an account that is gone
 *   403 FORBIDDEN        a valid token of the other kind, or a staff role the route does not allow
 */

type WithCitizen = { Variables: { citizen: Citizen } };
type WithStaff = { Variables: { staff: Staff } };

const MAX_TOKEN_LENGTH = 4096;

/**
 * The parts of a context these helpers read. Structural, so a handler whose
 * context carries more (a route's input, a narrowed `citizen`) can pass its own.
 */
type RequestContext = Pick<Context<AppEnv>, 'var' | 'req' | 'env' | 'header'>;

function unauthenticated(c: Pick<Context, 'header'>, message?: string): AppError {
  c.header('WWW-Authenticate', 'Bearer');
  return new AppError('UNAUTHENTICATED', 401, message);
}

/** Verifies the bearer token and loads who it belongs to (fresh from the database). */
async function authenticate(c: RequestContext): Promise<Citizen | Staff> {
  const header = c.req.header('authorization');
  if (!header) throw unauthenticated(c);
  const match = /^Bearer[ ]+([A-Za-z0-9_.~+/=-]+)$/i.exec(header.trim());
  const token = match?.[1];
  if (!token || token.length > MAX_TOKEN_LENGTH) throw unauthenticated(c, '登录凭证无效，请重新登录');

  // The request's time (app.ts), like every verb after this; c.var.now() where a router runs alone.
  const claims = await verifyToken(c.var.config, c.var.ctx?.now ?? c.var.now(), token);
  if ('problem' in claims) throw unauthenticated(c, claims.problem === 'expired' ? '登录已过期，请重新登录' : '登录凭证无效，请重新登录');

  const who = claims.kind === 'citizen' ? await loadCitizen(c.var.db, claims.id) : await loadStaff(c.var.db, claims.id);
  if (!who) throw unauthenticated(c, '登录已失效，请重新登录');
  return who;
}

function requireKind(who: Citizen | Staff, kind: TokenKind): void {
  if (who.kind !== kind) {
    throw new AppError('FORBIDDEN', 403, kind === 'staff' ? '仅限工作人员使用' : '请使用群众身份登录');
  }
}

/** A citizen token; sets `c.var.citizen`. */
export const requireCitizen: MiddlewareHandler<AppEnv & WithCitizen> = async (c, next) => {
  const who = await authenticate(c);
  requireKind(who, 'citizen');
  c.set('citizen', who as Citizen);
  await next();
};

/** A staff token, and one of `roles` when any are given; sets `c.var.staff`. */
export function requireStaff(...roles: StaffRole[]): MiddlewareHandler<AppEnv & WithStaff> {
  return async (c, next) => {
    const who = await authenticate(c);
    requireKind(who, 'staff');
    const staff = who as Staff;
    if (roles.length > 0 && !roles.includes(staff.role)) throw new AppError('FORBIDDEN', 403);
    c.set('staff', staff);
    await next();
  };
}

/**
 * Pages anyone may open that show more to staff (print pages: editors also see
 * drafts). No Authorization header: anonymous. A header that does not check
 * out is still 401, so a broken login never silently prints the public view.
 */
export const optionalStaff: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.header('authorization')) {
    const who = await authenticate(c);
    if (who.kind === 'staff') c.set('staff', who);
  }
  await next();
};

/** Either kind of token; sets `c.var.citizen` or `c.var.staff`. */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const who = await authenticate(c);
  if (who.kind === 'citizen') c.set('citizen', who);
  else c.set('staff', who);
  await next();
};

/**
 * The caller's address, for per-IP limits. X-Forwarded-For is honoured only
 * with `config.trustProxy` (otherwise anyone could pick their own address),
 * and then its last entry: the one our own proxy appended, not one the client
 * sent. Without a socket (app.request in tests) the address is 'unknown'.
 */
export function clientIp(c: Pick<Context<AppEnv>, 'var' | 'req' | 'env'>): string {
  if (c.var.config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return last.slice(0, 64);
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Adds `Retry-After` to a 429 caused by RateLimitedError. app.onError builds
 * the error body; this runs after it, on the way out. Put it first in a
 * route's middleware list.
 */
export const retryAfter: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.error instanceof RateLimitedError) c.res.headers.set('Retry-After', String(c.error.retryAfterSeconds));
};

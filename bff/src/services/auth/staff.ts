import type { Me, StaffView, TokenResponse } from '@zw/shared';
import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { citizens, departments, staffUsers } from '../../db/schema';
import { withTransaction } from '../../db/tx';
import type { Staff } from '../../lib/context';
import { AppError } from '../../lib/errors';
import type { PasswordHasher } from '../../lib/ports';
import { attackerOf, guardGuesses, RateLimitedError } from '../rate-limit';
import type { ServiceContext, StaffArgs, VerbArgs } from '../../lib/service';
import type { AuthDeps } from './deps';
import { issueToken } from './tokens';
import { code2Session } from './wechat';

const LOGIN_WINDOW_MS = 15 * 60_000;
/** One message for an unknown user, a wrong password and a disabled account: the answer reveals nothing. */
export const BAD_CREDENTIALS = '用户名或密码错误';

export type StaffLoginInput = { username: string; password: string };

/**
 * Username + password. Guesses are slowed per attacker, never by locking the
 * account for everyone (rate-limit.ts guardGuesses): every attempt is counted
 * first per client address and per address + username, so parallel guesses
 * cannot slip past, and a right password gives its hits back. Over either
 * limit even the right password is refused from *that* address (429 with
 * Retry-After); the owner at their own desk still gets in. Wrong passwords for
 * an existing account are also tallied on the account, from wherever they
 * come, and told to the staff member at the next sign-in (and logged as
 * `staff_login_failures` each time the tally reaches a multiple of 10).
 * Unknown users are hashed against a dummy so both failures take as long.
 */
export async function staffPasswordLogin({ ctx: deps, input }: VerbArgs<StaffLoginInput>): Promise<TokenResponse> {
  const { now } = deps;
  const { loginPerAddressPerAccountPer15Min, loginPerIpPer15Min } = deps.config.limits;
  const who = attackerOf(deps.ip);
  let guess: Awaited<ReturnType<typeof guardGuesses>>;
  try {
    guess = await guardGuesses(
      deps.db,
      { perAddress: `login:ip:${who}`, perTarget: `login:pair:${who}:${input.username}` },
      { perAddress: loginPerIpPer15Min, perTarget: loginPerAddressPerAccountPer15Min, windowMs: LOGIN_WINDOW_MS },
      now,
      (retryAfter) => `登录尝试次数过多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`,
    );
  } catch (err) {
    // No username in the log: people type passwords into the username field.
    if (err instanceof RateLimitedError) deps.logger.warn({ event: 'staff_login_limited' }, 'staff login rate-limited');
    throw err;
  }

  const row = await deps.db
    .select({ id: staffUsers.id, passwordHash: staffUsers.passwordHash, active: staffUsers.active })
    .from(staffUsers)
    .where(eq(staffUsers.username, input.username))
    .get();
  const ok = await deps.passwords.verify(input.password, row?.passwordHash ?? (await dummyHash(deps.passwords)));
  if (!row || !row.active || !ok) {
    if (row) {
      const [tally] = await withTransaction(deps.db, (tx) =>
        tx
          .update(staffUsers)
          .set({ failedLogins: sql`${staffUsers.failedLogins} + 1`, lastFailedLoginAt: now.toISOString() })
          .where(eq(staffUsers.id, row.id))
          .returning({ failedLogins: staffUsers.failedLogins }),
      );
      if (tally && tally.failedLogins % 10 === 0) {
        deps.logger.warn(
          { event: 'staff_login_failures', staffId: row.id, failedLogins: tally.failedLogins },
          'repeated wrong passwords for a staff account',
        );
      }
    }
    deps.logger.warn({ event: 'staff_login_failed', staffId: row?.id ?? null }, 'staff login failed');
    throw new AppError('UNAUTHENTICATED', 401, BAD_CREDENTIALS);
  }
  await guess.succeeded();
  deps.logger.info({ event: 'staff_login', staffId: row.id, via: 'password' }, 'staff logged in');
  return withFailedLogins(deps.db, row.id, await staffToken(deps, row.id));
}

/** Adds the wrong-password tally since the last sign-in to a staff token, and starts the tally again. */
async function withFailedLogins(db: Db, staffId: number, token: TokenResponse): Promise<TokenResponse> {
  const prior = await withTransaction(db, async (tx) => {
    const row = await tx
      .select({ count: staffUsers.failedLogins, lastAt: staffUsers.lastFailedLoginAt })
      .from(staffUsers)
      .where(eq(staffUsers.id, staffId))
      .get();
    if (row?.count) await tx.update(staffUsers).set({ failedLogins: 0 }).where(eq(staffUsers.id, staffId));
    return row;
  });
  return prior && prior.count > 0 && prior.lastAt ? { ...token, failedLogins: { count: prior.count, lastAt: prior.lastAt } } : token;
}

/** Binds the WeChat identity behind `code` to the calling staff member (replacing an earlier one). */
export async function bindStaffWechat({ ctx: deps, input: { code } }: StaffArgs<{ code: string }>): Promise<StaffView> {
  const staffId = deps.actor.id;
  const { openid } = await code2Session(deps, code);
  await withTransaction(deps.db, async (tx) => {
    const other = await tx
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(and(eq(staffUsers.wxOpenid, openid), ne(staffUsers.id, staffId)))
      .get();
    if (other) throw new AppError('CONFLICT', 409, '这个微信已绑定其他工作人员账号，请先在该账号解除绑定');
    await tx.update(staffUsers).set({ wxOpenid: openid, updatedAt: deps.now.toISOString() }).where(eq(staffUsers.id, staffId));
  });
  deps.logger.info({ event: 'staff_wechat_bound', staffId }, 'staff bound WeChat');
  const view = await staffView(deps.db, staffId);
  if (!view) throw new AppError('UNAUTHENTICATED', 401, '登录已失效，请重新登录');
  return view;
}

/** Mini-program login for staff who bound their WeChat identity: the code alone. */
export async function staffWxLogin({ ctx: deps, input: { code } }: VerbArgs<{ code: string }>): Promise<TokenResponse> {
  const { openid } = await code2Session(deps, code);
  const row = await deps.db
    .select({ id: staffUsers.id, active: staffUsers.active })
    .from(staffUsers)
    .where(eq(staffUsers.wxOpenid, openid))
    .get();
  if (!row || !row.active) {
    throw new AppError('UNAUTHENTICATED', 401, '这个微信还没有绑定工作人员账号：请先用用户名和密码登录，再绑定微信');
  }
  deps.logger.info({ event: 'staff_login', staffId: row.id, via: 'wechat' }, 'staff logged in');
  return withFailedLogins(deps.db, row.id, await staffToken(deps, row.id));
}

async function staffToken(deps: AuthDeps, id: number): Promise<TokenResponse> {
  const user = await staffView(deps.db, id);
  if (!user) throw new AppError('UNAUTHENTICATED', 401, BAD_CREDENTIALS);
  const issued = await issueToken(deps.config, deps.now, { kind: 'staff', id });
  return { ...issued, user };
}

function selectStaff(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: staffUsers.id,
      username: staffUsers.username,
      name: staffUsers.displayName,
      role: staffUsers.role,
      departmentId: staffUsers.departmentId,
      departmentName: departments.name,
      wxOpenid: staffUsers.wxOpenid,
      active: staffUsers.active,
    })
    .from(staffUsers)
    .leftJoin(departments, eq(departments.id, staffUsers.departmentId))
    .where(where)
    .get();
}

/** GET /api/auth/me: who the token belongs to (the auth middleware has loaded them fresh). */
export async function whoAmI({ ctx }: VerbArgs): Promise<Me> {
  if (ctx.actor.kind === 'citizen') {
    const row = await ctx.db.select({ phoneMasked: citizens.phoneMasked }).from(citizens).where(eq(citizens.id, ctx.actor.id)).get();
    return { kind: 'citizen', id: ctx.actor.id, phoneMasked: row?.phoneMasked ?? null };
  }
  const view = ctx.actor.kind === 'staff' ? await staffView(ctx.db, ctx.actor.id) : null;
  if (!view) throw new AppError('UNAUTHENTICATED', 401);
  return view;
}

/** What a staff member sees of their own account (no password hash, no openid). */
export async function staffView(db: Db, id: number): Promise<StaffView | null> {
  const row = await selectStaff(db, eq(staffUsers.id, id));
  if (!row || !row.active) return null;
  return {
    kind: 'staff',
    id: row.id,
    username: row.username,
    name: row.name,
    role: row.role,
    department: row.departmentId !== null && row.departmentName !== null ? { id: row.departmentId, name: row.departmentName } : null,
    wechatBound: row.wxOpenid !== null,
  };
}

/**
 * The staff member behind a token id, read fresh on every request: a disabled
 * account or a changed role or department takes effect at once, not at expiry.
 */
export async function loadStaff(db: Db, id: number): Promise<Staff | null> {
  const row = await selectStaff(db, eq(staffUsers.id, id));
  if (!row || !row.active) return null;
  return { kind: 'staff', id: row.id, role: row.role, departmentId: row.departmentId, name: row.name };
}

export const MIN_PASSWORD_LENGTH = 10;

/**
 * Sets a real password and clears the demo flag (for an admin tool or CLI:
 * production refuses to start while a demo password is in use). Runs outside
 * a request too, so it asks only for the part of the context it uses.
 */
export async function setStaffPassword({
  ctx: deps,
  input: { username, password },
}: {
  ctx: Pick<ServiceContext, 'db' | 'passwords' | 'now'>;
  input: { username: string; password: string };
}): Promise<boolean> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('VALIDATION_FAILED', 400, `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`);
  }
  const passwordHash = await deps.passwords.hash(password);
  const rows = await withTransaction(deps.db, (tx) =>
    tx
      .update(staffUsers)
      .set({ passwordHash, demoPassword: false, updatedAt: deps.now.toISOString() })
      .where(eq(staffUsers.username, username.trim().toLowerCase()))
      .returning({ id: staffUsers.id }),
  );
  return rows.length > 0;
}

// A hash of a random password, made once per hasher, so an unknown username costs one verify like a known one.
const dummies = new WeakMap<PasswordHasher, Promise<string>>();
function dummyHash(passwords: PasswordHasher): Promise<string> {
  let hash = dummies.get(passwords);
  if (!hash) {
    hash = passwords.hash(crypto.randomUUID());
    dummies.set(passwords, hash);
  }
  return hash;
}

import {
  beijingDate,
  computeDueAt,
  type CaseChannel,
  type StaffRecordCaseBody,
  type SubmitCaseBody,
  type SubmitCaseResult,
  QUERY_CODE_DIGITS,
  TRACKING_RANDOM_DIGITS,
  trackingNoOf,
} from '@zw/shared';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cases, citizens, departments, idempotencyKeys, serviceItems, serviceWindows, uploads } from '../../db/schema';
import { appendCaseEvent } from '../trail';
import { withTransaction, type Executor } from '../../db/tx';
import { AppError } from '../../lib/errors';
import { contentHash } from '../../lib/hash';
import type { AppConfig } from '../../lib/ports';
import type { CitizenArgs, StaffArgs, VerbArgs } from '../../lib/service';
import { notifyCitizen, notifyStaff } from '../notifications/notify';
import { storeCaseSubscriptions } from '../notifications/subscriptions';
import { citizenForPhone } from '../auth/phone-identity';
import { isPublicWindow } from '../halls';
import { hitRateLimit, RateLimitedError } from '../rate-limit';
import { handlingRules, ruleFor, type HandlingRules } from '../settings';
import { maskPhone, randomDigits } from './secrets';

/** A claimed key whose request never finished (process died) may be taken over after this long. */
const IN_FLIGHT_TIMEOUT_MS = 60_000;

/** New anonymous messages one client address may send per hour without signing in. */
export const GUEST_SUBMISSIONS_PER_IP_PER_HOUR = 10;

type Stored = { status: number; body: SubmitCaseResult };

/**
 * Keys whose request is being processed in this process right now. A
 * duplicate arriving meanwhile is told so at once (409) instead of queueing
 * behind it. Across instances the database's single writer serialises the two
 * transactions, and the later one finds the stored answer.
 */
const inFlight = new Set<string>();

/**
 * Whose Idempotency-Keys a request's key belongs to, in idempotency_keys.citizen_id:
 * a citizen's own id (> 0); 0 for every guest (anonymous, not signed in); minus the
 * staff member's id for 帮办代办. The three never collide.
 */
const GUEST_KEY_SCOPE = 0;
const staffKeyScope = (staffId: number) => -staffId;

type Deps = { config: AppConfig; now: Date; rules: HandlingRules };
type RateLimit = { key: string; limit: number; message: string };

/**
 * Runs `create` exactly once per (scope, Idempotency-Key), in one transaction:
 * claim the key (a replay of a finished request returns the stored answer; the
 * same key with another body is 422), count a new request against `limit`,
 * create, and store the answer under the key. If anything fails, all of it
 * rolls back — the claim too — so a corrected retry with the same key goes
 * through. Concurrent duplicates therefore create exactly one case.
 */
async function once(
  db: Db,
  deps: { config: AppConfig; now: Date },
  claim: { scope: number; key: string; requestHash: string; limit?: RateLimit },
  create: (tx: Executor, deps: Deps) => Promise<SubmitCaseResult>,
): Promise<Stored & { replayed: boolean }> {
  const { scope, key, requestHash } = claim;
  const slot = `${scope}:${key}`;
  const thisKey = and(eq(idempotencyKeys.citizenId, scope), eq(idempotencyKeys.key, key));
  if (inFlight.has(slot)) throw new AppError('IDEMPOTENCY_IN_FLIGHT', 409, '您的提交正在处理中，请稍候查看结果，不要重复提交');
  inFlight.add(slot);
  try {
    const rules = await handlingRules(db);
    return await withTransaction(db, async (tx) => {
      const nowIso = deps.now.toISOString();
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ citizenId: scope, key, requestHash, status: 'in_flight', createdAt: nowIso })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (!claimed.length) {
        const existing = await tx.select().from(idempotencyKeys).where(thisKey).get();
        if (!existing) throw new Error('idempotency key vanished while claimed');
        if (existing.requestHash !== requestHash) {
          throw new AppError('IDEMPOTENCY_KEY_REUSED', 422, '这个提交编号已用于另一份内容，请刷新页面后重新提交');
        }
        if (existing.status === 'done') return { ...(JSON.parse(existing.responseBody!) as Stored), replayed: true };
        // An unfinished claim can only be left by another process that is still working on it
        // (or died doing so): wait a minute before taking it over.
        const age = deps.now.getTime() - Date.parse(existing.createdAt);
        if (age < IN_FLIGHT_TIMEOUT_MS)
          throw new AppError('IDEMPOTENCY_IN_FLIGHT', 409, '您的提交正在处理中，请稍候查看结果，不要重复提交');
        await tx.update(idempotencyKeys).set({ createdAt: nowIso }).where(thisKey);
      } else if (claim.limit) {
        // Only new submissions count against the limit: a retry of one already made must always get its answer.
        const hit = await hitRateLimit(tx, claim.limit.key, claim.limit.limit, 3_600_000, deps.now);
        if (!hit.allowed) throw new RateLimitedError(hit.retryAfterSeconds, claim.limit.message);
      }
      const body = await create(tx, { ...deps, rules });
      const stored: Stored = { status: 201, body };
      await tx
        .update(idempotencyKeys)
        .set({ status: 'done', responseStatus: 201, responseBody: JSON.stringify(stored), caseId: body.id })
        .where(thisKey);
      return { ...stored, replayed: false };
    });
  } finally {
    inFlight.delete(slot);
  }
}

/**
 * Submit a citizen's message, exactly once per Idempotency-Key (see `once`):
 * counted against the citizen's hourly limit, the case created with its photos,
 * the first audit event and the staff notification, all in one transaction.
 */
export async function submitCase({
  ctx,
  input: { body: input, idempotencyKey: key },
}: CitizenArgs<{ body: SubmitCaseBody; idempotencyKey: string }>): Promise<Stored & { replayed: boolean }> {
  const { db, actor: citizen, config } = ctx;
  return once(
    db,
    ctx,
    {
      scope: citizen.id,
      key,
      requestHash: contentHash(input),
      limit: {
        key: `submit:citizen:${citizen.id}`,
        limit: config.limits.submissionsPerCitizenPerHour,
        message: '提交太频繁了，请稍后再试',
      },
    },
    async (tx, deps) => {
      const result = await createCase(tx, deps, {
        citizenId: citizen.id,
        input: { ...input, contact: input.contact ?? null, photoIds: input.photoIds },
        firstEvent: { action: 'submit', actorType: 'citizen', actorId: citizen.id },
      });
      // What the citizen accepted on the 提交 tap, kept with the case (the next notices spend it).
      if (input.subscriptions) await storeCaseSubscriptions(tx, config, result.id, input.subscriptions, deps.now);
      return result;
    },
  );
}

const invalidBody = (field: string, message: string, summary = message) =>
  new AppError('VALIDATION_FAILED', 400, summary, { issues: [{ field, message }] });

/**
 * An anonymous message from someone who will not sign in (the browser citizen):
 * a citizen row of its own (no openid, no phone) holds the case, and the
 * tracking number with the query code is the only way to follow it. Photos need
 * a signed-in uploader, so they are refused. Guest keys live in their own scope;
 * new guest messages are limited per client address.
 */
export async function submitGuestCase({
  ctx,
  input: { body: input, idempotencyKey: key },
}: VerbArgs<{ body: SubmitCaseBody; idempotencyKey: string }>): Promise<Stored & { replayed: boolean }> {
  if (!input.anonymous) {
    throw invalidBody('body.anonymous', '不登录只能匿名反映；如需留下姓名和电话，请先登录', '不登录只能匿名反映，如需留下联系方式请先登录');
  }
  if (input.photoIds.length) throw invalidBody('body.photoIds', '不登录时不能附照片，请登录后上传，或去掉照片后提交');
  return once(
    ctx.db,
    ctx,
    {
      scope: GUEST_KEY_SCOPE,
      key,
      requestHash: contentHash(input),
      limit: { key: `submit:guest:ip:${ctx.ip}`, limit: GUEST_SUBMISSIONS_PER_IP_PER_HOUR, message: '提交太频繁了，请稍后再试' },
    },
    async (tx, deps) => {
      const citizenId = await freshCitizen(tx, deps.now);
      return createCase(tx, deps, {
        citizenId,
        input: { ...input, contact: null, photoIds: [] },
        firstEvent: { action: 'submit', actorType: 'citizen', actorId: citizenId },
      });
    },
  );
}

/**
 * 帮办代办: staff record a message for a citizen at the counter or on the phone.
 * A mobile number is the citizen's identity (citizenForPhone), so whoever signs
 * in with that phone by SMS later sees the case; a landline cannot sign in, so
 * the case gets a citizen of its own and the query code staff read out. Same
 * deadlines, state machine and figures as any case.
 */
export async function recordCase({
  ctx,
  input: { body: input, idempotencyKey: key },
}: StaffArgs<{ body: StaffRecordCaseBody; idempotencyKey: string }>): Promise<Stored & { replayed: boolean }> {
  const { db, actor: staff, config } = ctx;
  if (staff.role !== 'staff' && staff.role !== 'supervisor') throw new AppError('FORBIDDEN', 403, '只有工作人员可以代为登记诉求');
  return once(db, ctx, { scope: staffKeyScope(staff.id), key, requestHash: contentHash(input) }, async (tx, deps) => {
    const phone = input.citizen.phone;
    const citizenId = MOBILE.test(phone) ? (await citizenForPhone(tx, config, phone, deps.now)).id : await freshCitizen(tx, deps.now);
    const result = await createCase(tx, deps, {
      citizenId,
      channel: input.channel,
      recordedBy: staff.id,
      withQueryCode: true,
      input: { ...input, anonymous: false, contact: input.citizen, photoIds: [] },
      firstEvent: { action: 'record', actorType: 'staff', actorId: staff.id },
    });
    // The tracking number by SMS to the mobile the citizen left (never to a landline), queued with the case.
    if (MOBILE.test(phone)) {
      const title = input.title?.trim() || input.content.slice(0, 30);
      await notifyCitizen(
        tx,
        deps,
        'case_recorded',
        { id: result.id, trackingNo: result.trackingNo, title, citizenId },
        { at: result.receivedAt, detail: null },
      );
    }
    return result;
  });
}

const MOBILE = /^1[3-9]\d{9}$/;

/** A citizen row of one case only: nobody can sign in as it (no openid, no phone). */
async function freshCitizen(tx: Executor, now: Date): Promise<number> {
  const at = now.toISOString();
  const row = await tx.insert(citizens).values({ openid: null, createdAt: at, lastLoginAt: at }).returning({ id: citizens.id }).get();
  if (!row) throw new Error('could not create a citizen');
  return row.id;
}

async function resolveTarget(tx: Executor, target: SubmitCaseBody['target']): Promise<{ departmentId: number; name: string }> {
  const invalid = () =>
    new AppError('VALIDATION_FAILED', 400, '反映对象不存在，请重新选择', {
      issues: [{ field: 'body.target.id', message: '反映对象不存在' }],
    });
  if (target.type === 'department') {
    const d = await tx.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.id, target.id)).get();
    if (!d) throw invalid();
    return { departmentId: d.id, name: d.name };
  }
  if (target.type === 'item') {
    const i = await tx
      .select({ departmentId: serviceItems.departmentId, name: serviceItems.name })
      .from(serviceItems)
      .where(and(eq(serviceItems.id, target.id), eq(serviceItems.status, 'published')))
      .get();
    if (!i) throw invalid();
    return i;
  }
  const w = await tx
    .select({ departmentId: serviceWindows.departmentId, number: serviceWindows.number, name: serviceWindows.name })
    .from(serviceWindows)
    .where(and(eq(serviceWindows.id, target.id), isPublicWindow))
    .get();
  if (!w) throw invalid();
  // A window without a department (综合窗口, "办不成事"窗口) is the service-management bureau's to answer.
  const departmentId =
    w.departmentId ?? (await tx.select({ id: departments.id }).from(departments).where(eq(departments.code, 'zwfwj')).get())?.id;
  if (!departmentId) throw invalid();
  return { departmentId, name: `${w.number} ${w.name}` };
}

/** QX + yymmdd (Beijing date) + 4 random digits: short enough to read over the phone. */
/** shared/src/tracking.ts says why this shape. */
function trackingNoFor(now: Date): string {
  const day = beijingDate(now);
  return trackingNoOf(`${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}`, randomDigits(TRACKING_RANDOM_DIGITS));
}

export async function queryCodeHash(config: AppConfig, trackingNo: string, code: string): Promise<string> {
  return config.cipher.hmac(config.contactKey, `query:${trackingNo}:${code}`);
}

type NewCase = {
  citizenId: number;
  channel?: CaseChannel;
  recordedBy?: number;
  /** Named cases recorded by staff get a query code too: a citizen without an account follows the case with it. */
  withQueryCode?: boolean;
  input: Pick<SubmitCaseBody, 'type' | 'target' | 'title' | 'content' | 'anonymous'> & {
    contact: { name: string; phone: string } | null;
    photoIds: string[];
  };
  firstEvent: { action: 'submit' | 'record'; actorType: 'citizen' | 'staff'; actorId: number };
};

async function createCase(tx: Executor, deps: Deps, n: NewCase): Promise<SubmitCaseResult> {
  const { input, citizenId } = n;
  const channel = n.channel ?? 'online';
  const nowIso = deps.now.toISOString();
  const target = await resolveTarget(tx, input.target);

  if (input.photoIds.length) {
    const owned = await tx
      .select({ id: uploads.id })
      .from(uploads)
      .where(and(inArray(uploads.id, input.photoIds), eq(uploads.citizenId, citizenId), isNull(uploads.caseId)));
    if (owned.length !== input.photoIds.length) {
      throw new AppError('VALIDATION_FAILED', 400, '照片已失效或不属于您，请重新上传', {
        issues: [{ field: 'body.photoIds', message: '照片已失效，请重新上传' }],
      });
    }
  }

  const { calendar, rules } = deps.rules;
  const dueAt = computeDueAt(nowIso, ruleFor(rules, input.type), calendar);
  const queryCode = input.anonymous || n.withQueryCode ? randomDigits(QUERY_CODE_DIGITS) : null;
  const title = input.title?.trim() || input.content.slice(0, 30);
  const contact = input.contact;

  // The unique index settles collisions: try another number rather than look first.
  let trackingNo = '';
  let row: { id: number } | undefined;
  for (let attempt = 0; attempt < 20 && !row; attempt++) {
    trackingNo = trackingNoFor(deps.now);
    [row] = await tx
      .insert(cases)
      .values({
        trackingNo,
        // Cases without a query code store '-': it never equals an HMAC, so lookups by code fail for them.
        queryCodeHash: queryCode ? await queryCodeHash(deps.config, trackingNo, queryCode) : '-',
        type: input.type,
        state: 'submitted',
        title,
        content: input.content,
        targetType: input.target.type,
        targetId: input.target.id,
        departmentId: target.departmentId,
        citizenId,
        anonymous: input.anonymous,
        contactName: contact?.name ?? null,
        contactPhoneEnc: contact ? await deps.config.cipher.encrypt(deps.config.contactKey, contact.phone) : null,
        contactPhoneMasked: contact ? maskPhone(contact.phone) : null,
        consentAt: contact ? nowIso : null,
        channel,
        recordedBy: n.recordedBy ?? null,
        receivedAt: nowIso,
        dueAt,
        updatedAt: nowIso,
      })
      .onConflictDoNothing({ target: cases.trackingNo })
      .returning({ id: cases.id });
  }
  if (!row) throw new Error('could not allocate a tracking number');
  const caseId = row.id;

  if (input.photoIds.length) await tx.update(uploads).set({ caseId }).where(inArray(uploads.id, input.photoIds));
  await appendCaseEvent(tx, deps.config, {
    caseId,
    at: nowIso,
    actorType: n.firstEvent.actorType,
    actorId: n.firstEvent.actorId,
    action: n.firstEvent.action,
    fromState: null,
    toState: 'submitted',
    visibility: 'public',
    body: null,
    data: {
      type: input.type,
      target: `${input.target.type}:${input.target.id}`,
      departmentId: target.departmentId,
      dueAt,
      photos: input.photoIds.length,
      channel,
    },
  });
  await notifyStaff(tx, deps, 'case_assigned', {
    id: caseId,
    trackingNo,
    type: input.type,
    departmentId: target.departmentId,
    dueAt,
    ownerId: null,
  });

  return { id: caseId, trackingNo, queryCode, state: 'submitted', receivedAt: nowIso, dueAt };
}

import { beijingDate, computeDueAt, pagePaths, type MessageType, type SubmitCaseBody, type SubmitCaseResult } from '@zw/shared';
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { caseEvents, cases, departments, idempotencyKeys, serviceItems, serviceWindows, staffUsers, uploads } from '../../db/schema';
import { withTransaction, type Executor } from '../../db/tx';
import type { Citizen } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { contentHash } from '../../lib/hash';
import type { AppConfig } from '../../lib/ports';
import type { CitizenArgs } from '../../lib/service';
import { isPublicWindow } from '../halls';
import { enqueueNotification } from '../notifications/outbox';
import { hitRateLimit, RateLimitedError } from '../rate-limit';
import { handlingRules, ruleFor, type HandlingRules } from '../settings';
import { maskPhone, randomDigits } from './secrets';

/** A claimed key whose request never finished (process died) may be taken over after this long. */
const IN_FLIGHT_TIMEOUT_MS = 60_000;

type Stored = { status: number; body: SubmitCaseResult };

/**
 * Keys whose request is being processed in this process right now. A
 * duplicate arriving meanwhile is told so at once (409) instead of queueing
 * behind it. Across instances the database's single writer serialises the two
 * transactions, and the later one finds the stored answer.
 */
const inFlight = new Set<string>();

/**
 * Submit a citizen's message, exactly once per Idempotency-Key, in one
 * transaction: claim the key (a replay of a finished request returns the
 * stored answer; the same key with another body is 422), count the
 * submission against the hourly limit, create the case, attach photos, record
 * the first audit event, queue the staff notification and store the answer
 * under the key. If anything fails, all of it rolls back — the claim too — so a
 * corrected retry with the same key goes through. Concurrent duplicates
 * therefore create exactly one case.
 */
export async function submitCase({
  ctx,
  input: { body: input, idempotencyKey: key },
}: CitizenArgs<{ body: SubmitCaseBody; idempotencyKey: string }>): Promise<Stored & { replayed: boolean }> {
  const { db, actor: citizen } = ctx;
  const deps = { config: ctx.config, now: ctx.now };
  const requestHash = contentHash(input);
  const slot = `${citizen.id}:${key}`;
  if (inFlight.has(slot)) throw new AppError('IDEMPOTENCY_IN_FLIGHT', 409, '您的提交正在处理中，请稍候查看结果，不要重复提交');
  inFlight.add(slot);
  try {
    const rules = await handlingRules(db);
    return await withTransaction(db, async (tx) => {
      const nowIso = deps.now.toISOString();
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ citizenId: citizen.id, key, requestHash, status: 'in_flight', createdAt: nowIso })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (!claimed.length) {
        const existing = await tx
          .select()
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.citizenId, citizen.id), eq(idempotencyKeys.key, key)))
          .get();
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
        await tx
          .update(idempotencyKeys)
          .set({ createdAt: nowIso })
          .where(and(eq(idempotencyKeys.citizenId, citizen.id), eq(idempotencyKeys.key, key)));
      } else {
        // Only new submissions count against the limit: a retry of one already made must always get its answer.
        const hit = await hitRateLimit(
          tx,
          `submit:citizen:${citizen.id}`,
          deps.config.limits.submissionsPerCitizenPerHour,
          3_600_000,
          deps.now,
        );
        if (!hit.allowed) throw new RateLimitedError(hit.retryAfterSeconds, '提交太频繁了，请稍后再试');
      }
      return { ...(await createCase(tx, { ...deps, rules }, citizen, input, key)), replayed: false };
    });
  } finally {
    inFlight.delete(slot);
  }
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
function trackingNoFor(now: Date): string {
  const day = beijingDate(now);
  return `QX${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}${randomDigits(4)}`;
}

export async function queryCodeHash(config: AppConfig, trackingNo: string, code: string): Promise<string> {
  return config.cipher.hmac(config.contactKey, `query:${trackingNo}:${code}`);
}

async function createCase(
  tx: Executor,
  deps: { config: AppConfig; now: Date; rules: HandlingRules },
  citizen: Citizen,
  input: SubmitCaseBody,
  key: string,
): Promise<Stored> {
  const nowIso = deps.now.toISOString();
  const target = await resolveTarget(tx, input.target);

  if (input.photoIds.length) {
    const owned = await tx
      .select({ id: uploads.id })
      .from(uploads)
      .where(and(inArray(uploads.id, input.photoIds), eq(uploads.citizenId, citizen.id), isNull(uploads.caseId)));
    if (owned.length !== input.photoIds.length) {
      throw new AppError('VALIDATION_FAILED', 400, '照片已失效或不属于您，请重新上传', {
        issues: [{ field: 'body.photoIds', message: '照片已失效，请重新上传' }],
      });
    }
  }

  const { calendar, rules } = deps.rules;
  const dueAt = computeDueAt(nowIso, ruleFor(rules, input.type), calendar);
  const queryCode = input.anonymous ? randomDigits(6) : null;
  const title = input.title?.trim() || input.content.slice(0, 30);

  // The unique index settles collisions: try another number rather than look first.
  let trackingNo = '';
  let row: { id: number } | undefined;
  for (let attempt = 0; attempt < 20 && !row; attempt++) {
    trackingNo = trackingNoFor(deps.now);
    [row] = await tx
      .insert(cases)
      .values({
        trackingNo,
        // Named cases have no query code: '-' never equals an HMAC, so lookups by code fail for them.
        queryCodeHash: queryCode ? await queryCodeHash(deps.config, trackingNo, queryCode) : '-',
        type: input.type,
        state: 'submitted',
        title,
        content: input.content,
        targetType: input.target.type,
        targetId: input.target.id,
        departmentId: target.departmentId,
        citizenId: citizen.id,
        anonymous: input.anonymous,
        contactName: input.contact?.name ?? null,
        contactPhoneEnc: input.contact ? await deps.config.cipher.encrypt(deps.config.contactKey, input.contact.phone) : null,
        contactPhoneMasked: input.contact ? maskPhone(input.contact.phone) : null,
        consentAt: input.contact ? nowIso : null,
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
  await tx.insert(caseEvents).values({
    caseId,
    at: nowIso,
    actorType: 'citizen',
    actorId: citizen.id,
    action: 'submit',
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
    },
  });
  await notifyDepartment(tx, { caseId, trackingNo, type: input.type, departmentId: target.departmentId, dueAt, now: deps.now });

  const body: SubmitCaseResult = { id: caseId, trackingNo, queryCode, state: 'submitted', receivedAt: nowIso, dueAt };
  const stored: Stored = { status: 201, body };
  await tx
    .update(idempotencyKeys)
    .set({ status: 'done', responseStatus: 201, responseBody: JSON.stringify(stored), caseId })
    .where(and(eq(idempotencyKeys.citizenId, citizen.id), eq(idempotencyKeys.key, key)));
  return stored;
}

/** Tell the department's staff who bound WeChat that a case is waiting (same transaction as the change). */
export async function notifyDepartment(
  tx: Executor,
  n: { caseId: number; trackingNo: string; type: MessageType; departmentId: number; dueAt: string; now: Date },
): Promise<void> {
  // One query: the department's name with each of its active staff who bound WeChat.
  const rows = await tx
    .select({ name: departments.name, openid: staffUsers.wxOpenid })
    .from(departments)
    .innerJoin(
      staffUsers,
      and(
        eq(staffUsers.departmentId, departments.id),
        eq(staffUsers.active, true),
        eq(staffUsers.role, 'staff'),
        isNotNull(staffUsers.wxOpenid),
      ),
    )
    .where(eq(departments.id, n.departmentId));
  const dept = rows[0];
  for (const s of rows) {
    if (!s.openid) continue;
    await enqueueNotification(tx, {
      kind: 'case_assigned',
      recipient: s.openid,
      payload: {
        caseId: n.caseId,
        trackingNo: n.trackingNo,
        type: n.type,
        departmentName: dept?.name ?? '',
        dueAt: n.dueAt,
        page: `${pagePaths.staffCase}?id=${n.caseId}`,
      },
      now: n.now,
    });
  }
}

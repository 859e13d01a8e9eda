import { maskPersonalNumbers, reminderEvents, type MessageType } from '@zw/shared';
import { and, eq } from 'drizzle-orm';
import { citizens, departments, staffUsers } from '../../db/schema';
import type { Executor } from '../../db/tx';
import type { AppConfig } from '../../lib/ports';
import { pagePaths } from '@zw/shared';
import { deliverableOpenid, enqueueNotification, type NotificationKind, type PayloadOf } from './outbox';
import { smsNoticesOn, spendCaseConsent, spendStaffConsent } from './subscriptions';

/**
 * One channel per event, chosen when the event happens and recorded on the
 * outbox row: WeChat if the person holds a consent for the event's topic, else
 * SMS if they verified a mobile number, else none (a `skipped` row, so "nobody
 * could be told" is on record). Call inside the transaction of the change.
 */

export type NotifyDeps = { config: Pick<AppConfig, 'wechat' | 'sms' | 'cipher' | 'contactKey'>; now: Date };
export type CaseRef = { id: number; trackingNo: string; title: string; citizenId: number };

type CitizenKind = {
  [K in NotificationKind]: (typeof reminderEvents)[K] extends 'answered' | 'progress' | 'follow_up' ? K : never;
}[NotificationKind];
type StaffKind = Exclude<NotificationKind, CitizenKind>;
type Extra<K extends NotificationKind> = Omit<PayloadOf<K>, 'caseId' | 'trackingNo' | 'title' | 'page'>;

const MOBILE = /^1[3-9]\d{9}$/;

export async function notifyCitizen<K extends CitizenKind>(
  tx: Executor,
  deps: NotifyDeps,
  kind: K,
  c: CaseRef,
  extra: Extra<K>,
): Promise<void> {
  const { config, now } = deps;
  const payload = {
    caseId: c.id,
    trackingNo: c.trackingNo,
    title: maskPersonalNumbers(c.title),
    page: `${pagePaths.caseDetail}?id=${c.id}`,
    ...extra,
  } as PayloadOf<K>;
  const who = await tx
    .select({ openid: citizens.openid, phoneEnc: citizens.phoneEnc, phoneVerifiedAt: citizens.phoneVerifiedAt })
    .from(citizens)
    .where(eq(citizens.id, c.citizenId))
    .get();
  const base = { kind, payload, now, caseId: c.id } as unknown as Parameters<typeof enqueueNotification>[1];
  const openid = deliverableOpenid(who?.openid);
  if (openid && (await spendCaseConsent(tx, config, c.id, reminderEvents[kind]))) {
    await enqueueNotification(tx, { ...base, channel: 'wechat', recipient: openid });
  } else if (who?.phoneEnc && who.phoneVerifiedAt && smsNoticesOn(config)) {
    await enqueueNotification(tx, { ...base, channel: 'sms', recipient: who.phoneEnc });
  } else {
    await enqueueNotification(tx, { ...base, channel: 'none', recipient: '', reason: openid ? 'not_subscribed' : 'no_channel' });
  }
}

type StaffCaseRef = { id: number; trackingNo: string; type: MessageType; departmentId: number; dueAt: string };

async function notifyOneStaff<K extends StaffKind>(
  tx: Executor,
  deps: NotifyDeps,
  kind: K,
  staff: { id: number; wxOpenid: string | null; phone: string | null },
  payload: PayloadOf<K>,
  caseId: number,
): Promise<void> {
  const { config, now } = deps;
  const base = { kind, payload, now, caseId } as unknown as Parameters<typeof enqueueNotification>[1];
  const openid = deliverableOpenid(staff.wxOpenid);
  const phone = staff.phone?.replace(/[\s-]/g, '') ?? '';
  if (openid && (await spendStaffConsent(tx, config, staff.id, reminderEvents[kind]))) {
    await enqueueNotification(tx, { ...base, channel: 'wechat', recipient: openid });
  } else if (MOBILE.test(phone) && smsNoticesOn(config)) {
    await enqueueNotification(tx, { ...base, channel: 'sms', recipient: await config.cipher.encrypt(config.contactKey, phone) });
  } else {
    await enqueueNotification(tx, { ...base, channel: 'none', recipient: '', reason: openid ? 'not_subscribed' : 'no_channel' });
  }
}

/**
 * A staff notice to the given people: by default the case's owner, or when
 * nobody owns it every active 工作人员 of the case's department; `supervisors`
 * adds the department's supervisors (every supervisor when the department has
 * none of its own) — the 红牌 goes to them too.
 */
export async function notifyStaff<K extends StaffKind>(
  tx: Executor,
  deps: NotifyDeps,
  kind: K,
  c: StaffCaseRef & { ownerId: number | null },
  opts: { supervisors?: boolean; everyone?: boolean } = {},
): Promise<void> {
  const dept = await tx.select({ name: departments.name }).from(departments).where(eq(departments.id, c.departmentId)).get();
  const payload = {
    caseId: c.id,
    trackingNo: c.trackingNo,
    type: c.type,
    departmentName: dept?.name ?? '承办部门',
    dueAt: c.dueAt,
    page: `${pagePaths.staffCase}?id=${c.id}`,
  } as PayloadOf<K>;
  const cols = { id: staffUsers.id, wxOpenid: staffUsers.wxOpenid, phone: staffUsers.phone };
  const people =
    c.ownerId !== null && !opts.everyone
      ? await tx
          .select(cols)
          .from(staffUsers)
          .where(and(eq(staffUsers.id, c.ownerId), eq(staffUsers.active, true)))
      : await tx
          .select(cols)
          .from(staffUsers)
          .where(and(eq(staffUsers.departmentId, c.departmentId), eq(staffUsers.role, 'staff'), eq(staffUsers.active, true)));
  if (opts.supervisors) {
    const own = await tx
      .select(cols)
      .from(staffUsers)
      .where(and(eq(staffUsers.departmentId, c.departmentId), eq(staffUsers.role, 'supervisor'), eq(staffUsers.active, true)));
    people.push(
      ...(own.length > 0
        ? own
        : await tx
            .select(cols)
            .from(staffUsers)
            .where(and(eq(staffUsers.role, 'supervisor'), eq(staffUsers.active, true)))),
    );
  }
  const seen = new Set<number>();
  for (const s of people) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    await notifyOneStaff(tx, deps, kind, s, payload, c.id);
  }
}
